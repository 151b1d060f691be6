// Reading and writing outages with TanStack Query; every key starts with 'recovery'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type { Outage, OutageInput, OutagePage, RecoverySummary } from './types.ts';

export function useInvalidateRecovery() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['recovery'] }), [qc]);
}

export interface OutageQuery {
  unitId?: number;
  warningId?: number;
  open?: boolean;
  page: number;
  pageSize: number;
}

export const useOutages = (q: OutageQuery) =>
  useQuery({
    queryKey: ['recovery', 'outages', q],
    queryFn: ({ signal }) => api.get<OutagePage>('/api/outages', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useRecoverySummary = (unitId: number | undefined, warningId: number | undefined) =>
  useQuery({
    queryKey: ['recovery', 'summary', unitId ?? null, warningId ?? null],
    queryFn: () => api.get<RecoverySummary>('/api/recovery/summary', { unitId, warningId }),
    placeholderData: keepPreviousData,
  });

export const reportOutage = (input: OutageInput) => api.post<Outage>('/api/outages', input);
export const restoreOutage = (id: number, restoredAt: string) => api.post<Outage>(`/api/outages/${id}/restore`, { restoredAt });
export const updateOutageNote = (id: number, note: string) => api.patch<Outage>(`/api/outages/${id}`, { note });
