// Labels of enumerated values in the current language. The locale files name the values people
// read every day (roles, unit kinds, statuses, genders); long official lists (education levels,
// the 56 ethnic groups) come labelled from the domain package, as /api/meta serves them.
import {
  EDUCATION_LEVELS, ETHNICITIES, GENDERS, MEMBER_STATUSES, ROLES, UNIT_KIND_VALUES, enumLabel, type EnumName,
} from '@xianfeng/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const VALUES: Record<EnumName, readonly string[]> = {
  unitKind: UNIT_KIND_VALUES,
  memberStatus: MEMBER_STATUSES,
  gender: GENDERS,
  role: ROLES,
  education: EDUCATION_LEVELS.map((e) => e.value),
  ethnicity: ETHNICITIES.map((e) => e.value),
};

export function useLabels() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const label = useCallback(
    (name: EnumName, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') return '';
      return t(`enums.${name}.${value}`, { defaultValue: enumLabel(name, value, locale) });
    },
    [t, locale],
  );
  /** Options for a Select or Radio group. */
  const options = useCallback(
    (name: EnumName, values: readonly string[] = VALUES[name]) => values.map((value) => ({ value, label: label(name, value) })),
    [label],
  );
  return { label, options };
}
