// Reading and acting on hazard reports with TanStack Query; every key starts with 'hazards'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, upload, type UploadProgress } from '../../api/client.ts';
import type { Assignee, HazardDetail, HazardFilter, HazardPage, HazardPhoto, HazardStats, ReportInput } from './types.ts';

export const HAZARDS_KEY = ['hazards'] as const;
export const hazardKey = (id: number) => ['hazards', 'one', id] as const;

export function useInvalidateHazards() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: HAZARDS_KEY }), [qc]);
}

export interface HazardQuery {
  status: HazardFilter;
  unitId?: number;
  category?: string;
  page: number;
  pageSize: number;
}

export const useHazards = (q: HazardQuery) =>
  useQuery({
    queryKey: ['hazards', 'list', q],
    queryFn: ({ signal }) => api.get<HazardPage>('/api/hazards', { ...q, status: q.status === 'all' ? undefined : q.status }, signal),
    placeholderData: keepPreviousData,
  });

export const useMyHazards = (role: 'reported' | 'assigned', page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['hazards', 'mine', role, page, pageSize],
    queryFn: ({ signal }) => api.get<HazardPage>('/api/hazards/mine', { role, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

/** Where one can report without searching the tree: one's own places and the grids of one's villages. */
export const useReportPlaces = (enabled: boolean) =>
  useQuery({
    queryKey: ['hazards', 'places'],
    queryFn: ({ signal }) => api.get<Array<{ id: number; name: string; kind: string }>>('/api/hazards/places', undefined, signal),
    enabled,
    staleTime: 300_000,
  });

export const useHazardStats = (unitId?: number, enabled = true) =>
  useQuery({ queryKey: ['hazards', 'stats', unitId ?? null], queryFn: ({ signal }) => api.get<HazardStats>('/api/hazards/stats', { unitId }, signal), enabled });

export const useHazard = (id: number) =>
  useQuery({ queryKey: hazardKey(id), queryFn: () => api.get<HazardDetail>(`/api/hazards/${id}`), enabled: id > 0 });

export const useAssignees = (id: number, enabled: boolean) =>
  useQuery({ queryKey: ['hazards', 'assignees', id], queryFn: () => api.get<{ items: Assignee[] }>(`/api/hazards/${id}/assignees`), enabled: enabled && id > 0, staleTime: 60_000 });

export const reportHazard = (input: ReportInput) => api.post<HazardDetail>('/api/hazards', input);
export const assignHazard = (id: number, input: { assigneeId: number; dueAt?: string; note: string }) => api.post<HazardDetail>(`/api/hazards/${id}/assign`, input);
export const fixHazard = (id: number, note: string) => api.post<HazardDetail>(`/api/hazards/${id}/fix`, { note });
export const verifyHazard = (id: number, note: string) => api.post<HazardDetail>(`/api/hazards/${id}/verify`, { note });
export const reopenHazard = (id: number, reason: string) => api.post<HazardDetail>(`/api/hazards/${id}/reopen`, { reason });
export const rejectHazard = (id: number, reason: string) => api.post<HazardDetail>(`/api/hazards/${id}/reject`, { reason });
export const raiseHazard = (id: number, note: string) => api.post<{ alarmId: number; hazard: HazardDetail }>(`/api/hazards/${id}/raise`, { note });

export const uploadHazardPhoto = (id: number, stage: 'report' | 'fix', file: File, onProgress: (p: UploadProgress) => void) =>
  upload<HazardPhoto>(`/api/hazards/${id}/photos`, file, { stage }, onProgress);
