// Reading the stars API with TanStack Query. Keys start with 'stars'; the ledger feeds the stars,
// so a points change should refresh them too (the points screens invalidate 'points', and these
// queries are cheap enough to refetch when shown again).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { periodOf, todayYmd } from '@xianfeng/domain';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type { MemberStars, Preview, SchemeAnswer } from './types.ts';

export const STARS_KEY = ['stars'] as const;

export function useInvalidateStars() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: STARS_KEY }), [qc]);
}

/** This year and a few around it: schemes and evaluations are yearly. */
export function starYears(count = 4): string[] {
  const now = Number(periodOf(todayYmd(), 'year'));
  return [String(now + 1), ...Array.from({ length: count }, (_, i) => String(now - i))];
}

export const currentYear = () => periodOf(todayYmd(), 'year');

export const useScheme = (unitId: number | undefined, period: string) =>
  useQuery({
    queryKey: ['stars', 'scheme', unitId, period],
    queryFn: () => api.get<SchemeAnswer>('/api/stars/scheme', { unitId, period }),
    enabled: !!unitId,
  });

export interface PreviewQuery {
  unitId?: number;
  period: string;
  page: number;
  pageSize: number;
  stars?: number;
}

export const usePreview = (q: PreviewQuery) =>
  useQuery({
    queryKey: ['stars', 'preview', q],
    queryFn: ({ signal }) => api.get<Preview>('/api/stars/preview', { ...q }, signal),
    enabled: !!q.unitId,
    placeholderData: keepPreviousData,
  });

/** The caller's own stars (no memberId), or a member's (needs evaluation.read on them). */
export const useMemberStars = (memberId?: number, period?: string) =>
  useQuery({
    queryKey: ['stars', 'member', memberId ?? 'me', period ?? null],
    queryFn: () => api.get<MemberStars>(memberId ? `/api/stars/members/${memberId}` : '/api/stars/my', { period }),
    refetchOnMount: 'always',
  });
