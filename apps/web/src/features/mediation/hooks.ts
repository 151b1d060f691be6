// Reading and acting on mediation with TanStack Query; every key starts with 'mediation'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, download } from '../../api/client.ts';
import type { CaseStatus } from '@xianfeng/domain';
import type { Candidate, CaseDetail, CaseInput, CasePage, MediationStats, Mediator, MediatorInput, MyCasePage } from './types.ts';

export const MEDIATION_KEY = ['mediation'] as const;
export const caseKey = (id: number) => ['mediation', 'case', id] as const;

export function useInvalidateMediation() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: MEDIATION_KEY }), [qc]);
}

export const useMediators = (q: { unitId?: number; covers?: number; status?: 'active' | 'ended' }) =>
  useQuery({
    queryKey: ['mediation', 'mediators', q],
    queryFn: ({ signal }) => api.get<{ items: Mediator[] }>('/api/mediation/mediators', q, signal),
    enabled: !!q.unitId,
  });

/** The mediators the server would accept for the case: their area contains its village, from any pool. */
export const useCandidates = (caseId: number) =>
  useQuery({
    queryKey: ['mediation', 'candidates', caseId],
    queryFn: ({ signal }) => api.get<{ items: Candidate[] }>(`/api/mediation/cases/${caseId}/candidates`, undefined, signal),
  });

export const useCases = (q: { unitId?: number; status?: CaseStatus; unassigned?: boolean; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['mediation', 'cases', q],
    queryFn: ({ signal }) => api.get<CasePage>('/api/mediation/cases', q, signal),
    placeholderData: keepPreviousData,
  });

export const useMyCases = (q: { status?: CaseStatus | 'open'; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['mediation', 'mine', q],
    queryFn: ({ signal }) => api.get<MyCasePage>('/api/mediation/cases/mine', q, signal),
    placeholderData: keepPreviousData,
  });

// Every fetch of a case is audited on the server: no background refetching on focus.
export const useCase = (id: number) =>
  useQuery({ queryKey: caseKey(id), queryFn: () => api.get<CaseDetail>(`/api/mediation/cases/${id}`), enabled: id > 0, staleTime: 60_000, refetchOnWindowFocus: false });

export const useMediationStats = (unitId: number | undefined, year: string | undefined) =>
  useQuery({
    queryKey: ['mediation', 'stats', unitId, year],
    queryFn: ({ signal }) => api.get<MediationStats>('/api/mediation/stats', { unitId, year }, signal),
    enabled: !!unitId,
  });

export const addMediator = (input: MediatorInput) => api.post<Mediator>('/api/mediation/mediators', input);
export const updateMediator = (id: number, patch: Partial<Omit<MediatorInput, 'unitId' | 'memberId'>> & { status?: 'active' | 'ended' }) =>
  api.patch<Mediator>(`/api/mediation/mediators/${id}`, patch);
export const registerCase = (input: CaseInput) => api.post<CaseDetail>('/api/mediation/cases', input);
export const declare = (id: number, body: { mediatorId: number; conflict: boolean; statement: string }) => api.post<CaseDetail>(`/api/mediation/cases/${id}/declarations`, body);
export const assign = (id: number, mediatorId: number) => api.post<CaseDetail>(`/api/mediation/cases/${id}/assign`, { mediatorId });
export const reassign = (id: number, body: { fromMediatorId: number; toMediatorId: number; reason: string }) => api.post<CaseDetail>(`/api/mediation/cases/${id}/reassign`, body);
export const unassign = (id: number, body: { mediatorId: number; reason: string }) => api.post<CaseDetail>(`/api/mediation/cases/${id}/unassign`, body);
export const addSession = (id: number, body: { heldOn: string; place: string; attendees: string; notes: string }) => api.post<CaseDetail>(`/api/mediation/cases/${id}/sessions`, body);
export const saveAgreement = (id: number, body: { terms: string[]; performance: string }) => api.put<CaseDetail>(`/api/mediation/cases/${id}/agreement`, body);
export const step = (id: number, action: string, body: Record<string, unknown>) => api.post<CaseDetail>(`/api/mediation/cases/${id}/${action}`, body);
export const revealPhone = (id: number, partyId: number) => api.post<{ phone: string }>(`/api/mediation/cases/${id}/parties/${partyId}/phone`);
export const downloadAgreement = (id: number, number: string) => download(`/api/mediation/cases/${id}/agreement.pdf`, undefined, `${number}.pdf`);
