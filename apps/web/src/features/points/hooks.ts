// Reading the points API with TanStack Query. Every key starts with 'points', so one invalidation
// after any change brings every points screen up to date.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, request } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type {
  Board, BoardStats, Claim, ClaimStatus, Entry, Items, MyTasks, Order, OrderStatus, Overview, Plaque, Rule, ShopItem, Task, TaskClaim,
  TaskClaimStatus, UnitConduct, UnitSettings, ConductList,
} from './types.ts';

export const POINTS_KEY = ['points'] as const;

/** Refreshes every points screen (figures, queues, lists) after a change. */
export function useInvalidatePoints() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: POINTS_KEY }), [qc]);
}

/** A state-changing request that must happen once: a retry with the same key is answered, not repeated. */
export function postOnce<T>(path: string, body: unknown, idempotencyKey: string) {
  return request<T>('POST', path, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

// ——— the member's own ———

export const useMyOverview = () => useQuery({ queryKey: ['points', 'my', 'overview'], queryFn: () => api.get<Overview>('/api/points/my') });
export const useMyRules = (enabled = true) =>
  useQuery({ queryKey: ['points', 'my', 'rules'], queryFn: () => api.get<Items<Rule>>('/api/points/my/rules'), enabled, staleTime: 60_000 });
export const useMyClaims = () => useQuery({ queryKey: ['points', 'my', 'claims'], queryFn: () => api.get<Items<Claim>>('/api/points/my/claims') });
export const useMyTasks = () => useQuery({ queryKey: ['points', 'my', 'tasks'], queryFn: () => api.get<MyTasks>('/api/points/my/tasks') });
export const useMyShop = () => useQuery({ queryKey: ['points', 'my', 'shop'], queryFn: () => api.get<Items<ShopItem>>('/api/points/my/shop') });
export const useMyOrders = () => useQuery({ queryKey: ['points', 'my', 'orders'], queryFn: () => api.get<Items<Order>>('/api/points/my/orders') });
export const useMyConduct = () => useQuery({ queryKey: ['points', 'my', 'conduct'], queryFn: () => api.get<{ list: ConductList | null }>('/api/points/my/conduct') });

// ——— review ———

export interface ClaimQuery {
  unitId?: number;
  status: ClaimStatus;
  page: number;
  pageSize: number;
}

export const useClaimQueue = (q: ClaimQuery) =>
  useQuery({
    queryKey: ['points', 'claims', q],
    queryFn: ({ signal }) => api.get<Page<Claim>>('/api/points/claims', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useTaskQueue = (status: TaskClaimStatus, page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['points', 'task-claims', status, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<TaskClaim>>('/api/points/task-claims', { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

// ——— a unit's points ———

export const useUnitRules = (unitId: number | undefined, all = true) =>
  useQuery({
    queryKey: ['points', 'rules', unitId, all],
    queryFn: () => api.get<Items<Rule>>('/api/points/rules', { unitId, all }),
    enabled: !!unitId,
  });

export const useUnitSettings = (unitId: number | undefined) =>
  useQuery({ queryKey: ['points', 'settings', unitId], queryFn: () => api.get<UnitSettings>('/api/points/settings', { unitId }), enabled: !!unitId });

export const useUnitConduct = (unitId: number | undefined) =>
  useQuery({ queryKey: ['points', 'conduct', unitId], queryFn: () => api.get<UnitConduct>('/api/points/conduct', { unitId }), enabled: !!unitId });

export const useUnitTasks = (unitId: number | undefined) =>
  useQuery({ queryKey: ['points', 'tasks', unitId], queryFn: () => api.get<Items<Task>>('/api/points/tasks', { unitId }), enabled: !!unitId });

export const useShopItems = (unitId: number | undefined) =>
  useQuery({ queryKey: ['points', 'shop', unitId], queryFn: () => api.get<Items<ShopItem>>('/api/points/shop/items', { unitId }), enabled: !!unitId });

export const useShopOrders = (unitId: number | undefined, status?: OrderStatus) =>
  useQuery({
    queryKey: ['points', 'orders', unitId, status ?? null],
    queryFn: () => api.get<Items<Order>>('/api/points/shop/orders', { unitId, status }),
    enabled: !!unitId,
  });

export interface LedgerQuery {
  unitId?: number;
  period?: string;
  page: number;
  pageSize: number;
}

export const useLedger = (q: LedgerQuery) =>
  useQuery({
    queryKey: ['points', 'ledger', q],
    queryFn: ({ signal }) => api.get<Page<Entry>>('/api/points/ledger', { ...q }, signal),
    enabled: !!q.unitId,
    placeholderData: keepPreviousData,
  });

// ——— the board ———

export const useBoard = (unitId: number | undefined, period: string | undefined, limit: number) =>
  useQuery({
    queryKey: ['points', 'board', unitId, period ?? null, limit],
    queryFn: () => api.get<Board>('/api/points/board', { unitId, period, limit }),
    enabled: !!unitId,
    placeholderData: keepPreviousData,
  });

export const useBoardStats = (unitId: number | undefined, period: string | undefined) =>
  useQuery({
    queryKey: ['points', 'stats', unitId, period ?? null],
    queryFn: () => api.get<BoardStats>('/api/points/board/stats', { unitId, period }),
    enabled: !!unitId,
  });

export const usePlaque = (unitId: number | undefined, period: string | undefined) =>
  useQuery({
    queryKey: ['points', 'plaque', unitId, period ?? null],
    queryFn: () => api.get<Plaque>('/api/points/plaque', { unitId, period }),
    enabled: !!unitId,
  });
