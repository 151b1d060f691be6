// Reading and acting on help requests with TanStack Query; every key starts with 'help'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, upload, type UploadProgress } from '../../api/client.ts';
import type { HelpPage, HelpRequestDetail, HelpRequestRow, HelpStats, HelpWindow, Place, PublicVillage, Residence, ResidentRow } from './types.ts';

export const HELP_KEY = ['help'] as const;

export function useInvalidateHelp() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: HELP_KEY }), [qc]);
}

export const useHelpQueue = (status: string | undefined) =>
  useQuery({ queryKey: ['help', 'queue', status], queryFn: ({ signal }) => api.get<HelpPage>('/api/help/queue', { status, pageSize: 50 }, signal), placeholderData: keepPreviousData });

export const useVillageRequests = (q: { status?: string; unitId?: number; page: number; pageSize: number }) =>
  useQuery({ queryKey: ['help', 'village', q], queryFn: ({ signal }) => api.get<HelpPage>('/api/help/requests', q, signal), placeholderData: keepPreviousData });

export const useMyHelpRequests = () =>
  useQuery({ queryKey: ['help', 'mine'], queryFn: ({ signal }) => api.get<HelpPage>('/api/help/requests/mine', { pageSize: 50 }, signal) });

/** Where I may ask for help logged in (the villages of my roles with their grids, and where I registered to live). */
export const usePlacesToAsk = () => useQuery({ queryKey: ['help', 'places', 'mine'], queryFn: () => api.get<Array<Place & { residence: boolean }>>('/api/help/places/mine') });

export const useHelpRequest = (id: number) =>
  useQuery({ queryKey: ['help', 'one', id], queryFn: () => api.get<HelpRequestDetail>(`/api/help/requests/${id}`), enabled: id > 0 });

export const useResidence = () => useQuery({ queryKey: ['help', 'residence'], queryFn: () => api.get<Residence>('/api/help/residence') });

export const useResidents = (unitId: number | undefined, page: number) =>
  useQuery({ queryKey: ['help', 'residents', unitId, page], queryFn: ({ signal }) => api.get<{ total: number; items: ResidentRow[] }>('/api/help/residents', { unitId, page, pageSize: 20 }, signal), placeholderData: keepPreviousData });

export const usePlaces = (q: string) =>
  useQuery({ queryKey: ['help', 'places', q], queryFn: ({ signal }) => api.get<{ items: Place[] }>('/api/help/places', { q }, signal), enabled: q.trim().length > 0 });

export const useSpecialties = (unitId: number | undefined) =>
  useQuery({ queryKey: ['help', 'specialties', unitId], queryFn: () => api.get<string[]>('/api/specialties', { unitId }), staleTime: 300_000 });

export const helpAction = (id: number, action: 'accept' | 'start' | 'resolve' | 'close' | 'confirm' | 'reopen', body: Record<string, unknown> = {}) =>
  api.post<HelpRequestDetail>(`/api/help/requests/${id}/${action}`, body);

export const registerResidence = (body: { unitId: number; specialties: string[]; hours: HelpWindow[]; note: string }) => api.post<Residence>('/api/help/residence', body);
export const endResidence = () => api.post<Residence>('/api/help/residence/end');

// ——— public pages (no login) ———

export const usePublicVillage = (code: string) =>
  useQuery({ queryKey: ['help', 'public', code], queryFn: () => api.get<PublicVillage>(`/api/public/help/villages/${encodeURIComponent(code)}`), enabled: !!code, refetchOnWindowFocus: false });

export const usePublicStats = (code: string, months: number) =>
  useQuery({ queryKey: ['help', 'stats', code, months], queryFn: () => api.get<HelpStats>(`/api/public/help/villages/${encodeURIComponent(code)}/stats`, { months }), enabled: !!code });

export const useReceipt = (code: string | undefined) =>
  useQuery({ queryKey: ['help', 'receipt', code], queryFn: () => api.get<HelpRequestRow>(`/api/public/help/requests/${encodeURIComponent(code!)}`), enabled: !!code });

export interface PublicFiling {
  category: string;
  description: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  gridId?: number;
  name: string;
  phone: string;
  challenge: string;
  answer: number;
}

export const filePublic = (code: string, body: PublicFiling) => api.post<HelpRequestRow & { receiptCode: string }>(`/api/public/help/villages/${encodeURIComponent(code)}/requests`, body);
export const receiptAction = (code: string, action: 'confirm' | 'reopen', body: Record<string, unknown>) =>
  api.post<HelpRequestRow>(`/api/public/help/requests/${encodeURIComponent(code)}/${action}`, body);
export const uploadPublicPhoto = (receipt: string, file: File, onProgress: (p: UploadProgress) => void) =>
  upload<{ id: number }>(`/api/public/help/requests/${encodeURIComponent(receipt)}/photos`, file, undefined, onProgress);
