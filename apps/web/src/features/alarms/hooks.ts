// Reading and acting on alarms with TanStack Query; every key starts with 'alarms'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, upload, type UploadProgress } from '../../api/client.ts';
import type { AlarmDetail, AlarmFilter, AlarmPage, AlarmPhoto, PromoteInput, RaiseInput } from './types.ts';

export const ALARMS_KEY = ['alarms'] as const;
export const alarmKey = (id: number) => ['alarms', 'one', id] as const;

export function useInvalidateAlarms() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ALARMS_KEY }), [qc]);
}

export interface AlarmQuery {
  status: AlarmFilter;
  unitId?: number;
  page: number;
  pageSize: number;
}

export const useAlarms = (q: AlarmQuery) =>
  useQuery({
    queryKey: ['alarms', 'list', q],
    queryFn: ({ signal }) => api.get<AlarmPage>('/api/alarms', { ...q, status: q.status === 'all' ? undefined : q.status }, signal),
    placeholderData: keepPreviousData,
  });

export const useMyAlarms = (page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['alarms', 'mine', page, pageSize],
    queryFn: ({ signal }) => api.get<AlarmPage>('/api/alarms/mine', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

export const useAlarm = (id: number, enabled = true) =>
  useQuery({ queryKey: alarmKey(id), queryFn: () => api.get<AlarmDetail>(`/api/alarms/${id}`), enabled: enabled && id > 0, staleTime: 30_000 });

export const raiseAlarm = (input: RaiseInput) => api.post<AlarmDetail>('/api/alarms', input);
export const handleAlarm = (id: number, note: string) => api.post<AlarmDetail>(`/api/alarms/${id}/handle`, { note });
export const closeAlarm = (id: number, note: string) => api.post<AlarmDetail>(`/api/alarms/${id}/close`, { note });
export const promoteAlarm = (id: number, input: PromoteInput) => api.post<{ warningId: number; alarm: AlarmDetail }>(`/api/alarms/${id}/promote`, input);

export const uploadPhoto = (alarmId: number, file: File, onProgress: (p: UploadProgress) => void) =>
  upload<AlarmPhoto>(`/api/alarms/${alarmId}/photos`, file, undefined, onProgress);
