// Labels of mediation's words in the user's language, and the colours of case states.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './types.ts';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  accepted: 'blue',
  mediating: 'processing',
  agreed: 'green',
  failed: 'orange',
  followed_up: 'cyan',
  closed: 'default',
};

export function useMediationLabels() {
  const { t } = useTranslation();
  return {
    type: useCallback((v: string) => t(`mediation.type.${v}`, { defaultValue: v }), [t]),
    status: useCallback((v: string) => t(`mediation.status.${v}`, { defaultValue: v }), [t]),
    referral: useCallback((v: string) => t(`mediation.referral.${v}`, { defaultValue: v }), [t]),
    role: useCallback((v: string) => t(`mediation.role.${v}`, { defaultValue: v }), [t]),
    action: useCallback((v: string) => t(`mediation.event.${v}`, { defaultValue: v }), [t]),
  };
}
