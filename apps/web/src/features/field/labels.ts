// Labels of the field lists the domain package carries in both languages (alarm kinds, people to
// move first, outage kinds), and the colours they wear everywhere in the web app.
import { ALARM_KINDS, OUTAGE_KINDS, VULNERABLE_CATEGORIES } from '@xianfeng/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Labelled = ReadonlyArray<{ value: string; zh: string; en: string }>;

const labelIn = (list: Labelled, en: boolean) => (value: string) => {
  const found = list.find((x) => x.value === value);
  if (!found) return value;
  return en ? found.en : found.zh;
};

export function useFieldLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(
    () => ({
      alarmKind: labelIn(ALARM_KINDS, en),
      vulnerable: labelIn(VULNERABLE_CATEGORIES, en),
      outageKind: labelIn(OUTAGE_KINDS, en),
      locale: (en ? 'en' : 'zh-CN') as 'en' | 'zh-CN',
    }),
    [en],
  );
}

/** Tag colours of the people to move first: the most urgent look warmest. */
export const VULNERABLE_COLORS: Readonly<Record<string, string>> = {
  elderly_alone: 'volcano',
  disabled: 'purple',
  pregnant: 'magenta',
  left_behind_child: 'cyan',
  bedridden: 'red',
  other: 'gold',
};

/** Line and tag colours of the four kinds of outage. */
export const OUTAGE_COLORS: Readonly<Record<string, string>> = {
  road: '#d4380d',
  power: '#d48806',
  water: '#1677ff',
  comms: '#722ed1',
};

/** Units that keep households, shelters and evacuation figures (the server's FIELD_UNIT_KINDS). */
export const FIELD_UNIT_KINDS: readonly string[] = ['grid', 'village', 'community'];
