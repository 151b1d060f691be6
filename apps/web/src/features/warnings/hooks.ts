// Reading the warnings API with TanStack Query. Every key starts with 'warnings', so one
// invalidation after an issue, update, cancel or acknowledgement brings every warnings screen
// (and the home page's card) up to date.
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type {
  AckResult, DashboardFigures, IssueInput, ListExercise, ListStatus, TimelineEntry, UpdateInput, WarningDetail, WarningList, WarningSettings,
} from './types.ts';

export const WARNINGS_KEY = ['warnings'] as const;
export const dashboardKey = (id: number) => ['warnings', 'dashboard', id] as const;
export const timelineKey = (id: number) => ['warnings', 'timeline', id] as const;
export const warningKey = (id: number) => ['warnings', 'one', id] as const;

export function useInvalidateWarnings() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: WARNINGS_KEY }), [qc]);
}

export interface ListQuery {
  status: ListStatus;
  exercise: ListExercise;
  page: number;
  pageSize: number;
}

export const useWarnings = (q: ListQuery, enabled = true) =>
  useQuery({
    queryKey: ['warnings', 'list', q],
    queryFn: ({ signal }) => api.get<WarningList>('/api/warnings', { ...q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useWarning = (id: number) =>
  useQuery({ queryKey: warningKey(id), queryFn: () => api.get<WarningDetail>(`/api/warnings/${id}`), enabled: id > 0 });

/** The figures; the live stream replaces them, so this request is only the first picture. */
export const useDashboard = (id: number) =>
  useQuery({ queryKey: dashboardKey(id), queryFn: () => api.get<DashboardFigures>(`/api/warnings/${id}/dashboard`), enabled: id > 0, staleTime: Infinity });

/** The whole timeline, oldest first; the live stream appends to it. */
export const useTimeline = (id: number) =>
  useQuery({ queryKey: timelineKey(id), queryFn: () => api.get<TimelineEntry[]>(`/api/warnings/${id}/timeline`, { limit: 500 }), enabled: id > 0, staleTime: Infinity });

export const useWarningSettings = () => useQuery({ queryKey: ['warnings', 'settings'], queryFn: () => api.get<WarningSettings>('/api/warnings/settings') });

/**
 * Active warnings reaching the user, each with the units the user acknowledges for (the list does
 * not carry them). Warnings in force at one time are few, so asking for each one's detail is cheap.
 */
export function useActiveWarnings(enabled: boolean) {
  const list = useWarnings({ status: 'active', exercise: 'include', page: 1, pageSize: 10 }, enabled);
  const details = useQueries({
    queries: (list.data?.items ?? []).map((w) => ({ queryKey: warningKey(w.id), queryFn: () => api.get<WarningDetail>(`/api/warnings/${w.id}`), staleTime: 30_000 })),
  });
  return { list, details: details.map((d) => d.data) };
}

export const issueWarning = (input: IssueInput) => api.post<WarningDetail>('/api/warnings', input);
export const updateWarning = (id: number, input: UpdateInput) => api.post<WarningDetail>(`/api/warnings/${id}/update`, input);
export const cancelWarning = (id: number, input: { version: number; reason: string }) => api.post<WarningDetail>(`/api/warnings/${id}/cancel`, input);
export const acknowledge = (id: number, unitId: number) => api.post<AckResult>(`/api/warnings/${id}/units/${unitId}/ack`);
export const saveWarningSettings = (input: WarningSettings) => api.put<WarningSettings>('/api/warnings/settings', input);
