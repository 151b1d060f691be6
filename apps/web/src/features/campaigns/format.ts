// How the review pipeline's values look everywhere: the colour of each state, and the names of
// states, categories, kinds, actions, stars and objection outcomes in the current language.
import type { CampaignKind, CandidateCategory, CandidateState, ObjectionOutcome, ObjectionState, PipelineAction, StarDimension } from '@xianfeng/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineTag } from './types.ts';

export const STATE_COLOR: Record<CandidateState, string> = {
  self_evaluation: 'cyan',
  branch_recommendation: 'blue',
  committee_review: 'geekblue',
  leading_group: 'purple',
  decided: 'gold',
  public_notice: 'orange',
  final: 'green',
  not_recommended: 'red',
  withdrawn: 'default',
};

export const OBJECTION_COLOR: Record<ObjectionState, string> = { open: 'processing', upheld: 'error', dismissed: 'default' };

export const DEADLINE_COLOR: Record<DeadlineTag, string> = { none: 'default', ok: 'default', due_soon: 'warning', overdue: 'error' };

/** Actions that ask for a written reason before they are sent. */
export const REASON_ACTIONS: readonly PipelineAction[] = ['decline', 'return', 'reject', 'uphold_withdraw', 'uphold_return'];

/** Actions that refuse or send back: shown as danger buttons. */
export const DANGER_ACTIONS: readonly PipelineAction[] = ['decline', 'reject', 'withdraw'];

export function useCampaignLabels() {
  const { t } = useTranslation();
  const state = useCallback((s: CandidateState | string) => t(`campaigns.state.${s}`, { defaultValue: s }), [t]);
  const category = useCallback((c: CandidateCategory | string) => t(`campaigns.category.${c}`, { defaultValue: c }), [t]);
  const kind = useCallback((k: CampaignKind | string) => t(`campaigns.kind.${k}`, { defaultValue: k }), [t]);
  const action = useCallback((a: PipelineAction | string) => t(`campaigns.action.${a}`, { defaultValue: a }), [t]);
  const star = useCallback((d: StarDimension | string) => t(`campaigns.star.${d}`, { defaultValue: d }), [t]);
  const objectionState = useCallback((s: ObjectionState | string) => t(`campaigns.objectionState.${s}`, { defaultValue: s }), [t]);
  const outcome = useCallback((o: ObjectionOutcome | string) => t(`campaigns.outcome.${o}`, { defaultValue: o }), [t]);
  const status = useCallback((s: string) => t(`campaigns.status.${s}`, { defaultValue: s }), [t]);
  return { state, category, kind, action, star, objectionState, outcome, status };
}
