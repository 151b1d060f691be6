// How points values look everywhere: account colours, signed figures, statuses, periods.
import { periodKindOf, periodOf, previousPeriod, todayYmd, type PeriodKind } from '@xianfeng/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ClaimStatus, OrderStatus, Rule, TaskClaimStatus } from './types.ts';

/** 基础分 blue, 加分 green, 扣分 red, 兑换 grey. */
export const ACCOUNT_COLOR: Record<Account, string> = { base: 'blue', bonus: 'green', deduction: 'red', redemption: 'default' };
export const ACCOUNT_TEXT_COLOR: Record<Account, string> = { base: '#1677ff', bonus: '#389e0d', deduction: '#cf1322', redemption: 'rgba(0,0,0,0.45)' };

export const CLAIM_STATUS_COLOR: Record<ClaimStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' };
export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = { placed: 'processing', handed_over: 'success', cancelled: 'default' };
export const TASK_CLAIM_STATUS_COLOR: Record<TaskClaimStatus, string> = { claimed: 'processing', reported: 'warning', verified: 'success', rejected: 'error', withdrawn: 'default' };

/** A signed figure as people write it: +5, −3, 0. */
export function signed(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${-points}`;
  return '0';
}

/** The last `count` periods of a kind, the current one first. */
export function recentPeriods(kind: PeriodKind, count = 6): string[] {
  const out = [periodOf(todayYmd(), kind)];
  while (out.length < count) out.push(previousPeriod(out[out.length - 1]));
  return out;
}

/** Period and rule texts in the current language. */
export function usePointsFormat() {
  const { t } = useTranslation();
  const period = useCallback(
    (p: string | null | undefined) => {
      if (!p) return '';
      try {
        const kind = periodKindOf(p);
        const year = p.slice(0, 4);
        if (kind === 'year') return t('points.period.year', { year });
        if (kind === 'quarter') return t('points.period.quarter', { year, q: p.slice(6) });
        return t('points.period.month', { year, month: Number(p.slice(5)) });
      } catch {
        return p;
      }
    },
    [t],
  );
  /** "3 分", "2–4 分" or "一票否决". */
  const rulePoints = useCallback(
    (r: Pick<Rule, 'pointsMin' | 'pointsMax'> & { veto?: boolean }) => {
      if (r.veto) return r.pointsMax > 0 ? t('points.rule.vetoWithPoints', { points: r.pointsMax }) : t('points.rule.vetoOnly');
      return r.pointsMin === r.pointsMax ? t('points.pointsValue', { count: r.pointsMin }) : t('points.pointsRange', { min: r.pointsMin, max: r.pointsMax });
    },
    [t],
  );
  const account = useCallback((a: Account) => t(`points.account.${a}`), [t]);
  return { period, rulePoints, account };
}
