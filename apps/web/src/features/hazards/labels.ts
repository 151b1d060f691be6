// The words of hazard reports in the user's language: categories and states.
import { HAZARD_CATEGORIES } from '@xianfeng/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export const STATUS_COLOR: Record<string, string> = { reported: 'red', assigned: 'orange', fixed: 'blue', reopened: 'volcano', verified: 'green', rejected: 'default' };

export function useHazardLabels() {
  const { i18n, t } = useTranslation();
  const en = i18n.language === 'en';
  const category = useCallback((value: string) => {
    const c = HAZARD_CATEGORIES.find((k) => k.value === value);
    return c ? (en ? c.en : c.zh) : value;
  }, [en]);
  const status = useCallback((value: string) => t(`hazards.status.${value}`, { defaultValue: value }), [t]);
  return { category, status };
}
