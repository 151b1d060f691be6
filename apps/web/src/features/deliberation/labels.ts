// Names and colours of the deliberation hall's states, categories and action statuses, in the
// user's language (the codes come from the domain).
import type { ActionStatus, TopicStatus } from '@xianfeng/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export const STATUS_COLORS: Record<TopicStatus, string> = {
  open: 'blue',
  council: 'purple',
  voting: 'orange',
  decided: 'cyan',
  implementing: 'geekblue',
  completed: 'green',
  rejected: 'default',
  closed: 'default',
};

export const ACTION_COLORS: Record<ActionStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  delayed: 'warning',
};

/** Hex colours of the action statuses for charts (antd tag colours are names). */
export const ACTION_CHART_COLORS: Record<ActionStatus, string> = {
  not_started: '#bfbfbf',
  in_progress: '#1677ff',
  done: '#52c41a',
  delayed: '#faad14',
};

export function useDeliberationLabels() {
  const { t } = useTranslation();
  return {
    status: useCallback((s: string) => t(`deliberation.status.${s}`, { defaultValue: s }), [t]),
    category: useCallback((c: string) => t(`deliberation.category.${c}`, { defaultValue: c }), [t]),
    actionStatus: useCallback((s: string) => t(`deliberation.actionStatus.${s}`, { defaultValue: s }), [t]),
  };
}
