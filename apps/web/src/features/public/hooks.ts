// The public pages' reads (no login): notices in progress, one notice, a receipt, an honor roll.
// Keys start with 'public' so a change of language refetches them like every other answer.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { HonorRoll, PublicNotice, PublicNotices, ReceiptLookup } from '../campaigns/types.ts';

export const usePublicNotices = (unit?: string) =>
  useQuery({ queryKey: ['public', 'notices', unit ?? null], queryFn: () => api.get<PublicNotices>('/api/public/notices', { unit }) });

export const usePublicNotice = (id: number) =>
  useQuery({ queryKey: ['public', 'notice', id], queryFn: () => api.get<PublicNotice>(`/api/public/notices/${id}`), enabled: id > 0 });

export const useReceipt = (code: string | undefined) =>
  useQuery({
    queryKey: ['public', 'receipt', code ?? null],
    queryFn: () => api.get<ReceiptLookup>(`/api/public/objections/${encodeURIComponent(code!)}`),
    enabled: !!code,
  });

export const useHonorRoll = (unit: string | undefined, year: string | undefined) =>
  useQuery({
    queryKey: ['public', 'honor-roll', unit ?? null, year ?? null],
    queryFn: () => api.get<HonorRoll>('/api/public/honor-roll', { unit, year }),
    enabled: !!unit,
  });
