// Reading and writing the commitments API with TanStack Query. Every key starts with
// 'commitments', so one invalidation after a change brings every card and table up to date.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CardPage, CommitmentUpdate, ComparePage, CompareSort, MemberCard, MyCommitment } from './types.ts';

export const COMMITMENTS_KEY = ['commitments'] as const;

export const useMyCommitment = () => useQuery({ queryKey: ['commitments', 'my'], queryFn: () => api.get<MyCommitment>('/api/commitments/my') });

export interface CardsQuery {
  unitId?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export const useCards = (q: CardsQuery) =>
  useQuery({
    queryKey: ['commitments', 'cards', q],
    queryFn: ({ signal }) => api.get<CardPage>('/api/cards', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useCard = (memberId: number | undefined) =>
  useQuery({
    queryKey: ['commitments', 'card', memberId],
    queryFn: () => api.get<{ year: string; card: MemberCard }>(`/api/cards/${memberId}`),
    enabled: !!memberId,
  });

export interface CompareQuery {
  unitId?: number;
  year: number;
  sort: CompareSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const useCompare = (q: CompareQuery) =>
  useQuery({
    queryKey: ['commitments', 'compare', q],
    queryFn: ({ signal }) => api.get<ComparePage>('/api/commitments/compare', { ...q }, signal),
    enabled: !!q.unitId,
    placeholderData: keepPreviousData,
  });

/**
 * Publishing (or revising) a commitment and adding a progress update: for oneself, or — `memberId`
 * given — by a secretary on a member's behalf.
 */
export function useCommitmentWrites(memberId?: number) {
  const qc = useQueryClient();
  const base = memberId === undefined ? '/api/commitments/my' : `/api/commitments/members/${memberId}`;
  const onSuccess = () => qc.invalidateQueries({ queryKey: COMMITMENTS_KEY });
  return {
    publish: useMutation({ mutationFn: (content: string) => api.put<{ year: string; card: MemberCard }>(base, { content }), onSuccess }),
    addUpdate: useMutation({ mutationFn: (content: string) => api.post<CommitmentUpdate>(`${base}/updates`, { content }), onSuccess }),
  };
}
