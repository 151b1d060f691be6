// Labels and colours of help requests: categories and states from the locale files, hours as text.
import type { HelpStatus, HelpWindow } from '@xianfeng/domain';
import { useTranslation } from 'react-i18next';

export const STATUS_COLOR: Record<HelpStatus, string> = {
  received: 'orange',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  confirmed: 'green',
  closed: 'default',
};

export function useHelpLabels() {
  const { t } = useTranslation();
  return {
    category: (v: string) => t(`help.category.${v}`, { defaultValue: v }),
    status: (s: string) => t(`help.status.${s}`, { defaultValue: s }),
    hours: (windows: HelpWindow[]) =>
      windows.length === 0
        ? t('help.residence.anyTime')
        : windows.map((w) => `${w.days.map((d) => t(`help.weekday.${d}`)).join(t('help.listSep'))} ${w.from}–${w.to}`).join(t('help.windowSep')),
    minutes: (m: number | null) => (m === null ? '—' : m < 60 ? t('help.stats.minutes', { n: Math.round(m) }) : t('help.stats.hours', { n: Math.round((m / 60) * 10) / 10 })),
  };
}
