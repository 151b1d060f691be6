// Reading the campaigns API with TanStack Query. Every key starts with 'campaigns', so one
// invalidation after any change (an action, a notice, an objection handled) brings every
// campaigns screen up to date.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type {
  ActionInput, CampaignDetail, CandidateCategory, CandidateDetail, CandidateList, CandidateState, Campaign, Items, MyCampaigns, Objections, ObjectionState, Results, Todo,
  WorkCalendarYear,
} from './types.ts';

export const CAMPAIGNS_KEY = ['campaigns'] as const;

export function useInvalidateCampaigns() {
  const qc = useQueryClient();
  return useCallback(() => Promise.all([qc.invalidateQueries({ queryKey: CAMPAIGNS_KEY }), qc.invalidateQueries({ queryKey: ['public'] })]), [qc]);
}

export const useObjections = (campaignId: number, state?: ObjectionState, enabled = true) =>
  useQuery({
    queryKey: ['campaigns', 'objections', campaignId, state ?? null],
    queryFn: () => api.get<Objections>(`/api/campaigns/${campaignId}/objections`, { state }),
    enabled,
    placeholderData: keepPreviousData,
  });

export const useResults = (campaignId: number, enabled = true) =>
  useQuery({ queryKey: ['campaigns', 'results', campaignId], queryFn: () => api.get<Results>(`/api/campaigns/${campaignId}/results`), enabled });

/** The working-day calendar of a year (holidays and 调休), for the notice's end date before it is published. */
export const useCalendar = (year: number, enabled = true) =>
  useQuery({ queryKey: ['campaigns', 'calendar', year], queryFn: () => api.get<WorkCalendarYear>('/api/stars/calendar', { year }), enabled, staleTime: 10 * 60_000 });

export const useCampaigns = (q: { unitId?: number; period?: string }) =>
  useQuery({ queryKey: ['campaigns', 'list', q], queryFn: () => api.get<Items<Campaign>>('/api/campaigns', { ...q }), placeholderData: keepPreviousData });

export const useCampaign = (id: number) =>
  useQuery({ queryKey: ['campaigns', 'one', id], queryFn: () => api.get<CampaignDetail>(`/api/campaigns/${id}`), enabled: id > 0 });

export interface CandidateQuery {
  state?: CandidateState;
  category?: CandidateCategory;
  unitId?: number;
  page: number;
  pageSize: number;
}

export const useCandidates = (campaignId: number, q: CandidateQuery) =>
  useQuery({
    queryKey: ['campaigns', 'candidates', campaignId, q],
    queryFn: ({ signal }) => api.get<CandidateList>(`/api/campaigns/${campaignId}/candidates`, { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useCandidate = (id: number) =>
  useQuery({ queryKey: ['campaigns', 'candidate', id], queryFn: () => api.get<CandidateDetail>(`/api/campaigns/candidates/${id}`), enabled: id > 0 });

export const useMyCampaigns = (enabled = true) => useQuery({ queryKey: ['campaigns', 'my'], queryFn: () => api.get<MyCampaigns>('/api/campaigns/my'), enabled });

export const useTodo = (enabled = true) => useQuery({ queryKey: ['campaigns', 'todo'], queryFn: () => api.get<Todo>('/api/campaigns/todo'), enabled, staleTime: 30_000 });

/** One step of the pipeline on a candidate; answers with the candidate as it is now. */
export const takeAction = (candidateId: number, input: ActionInput) => api.post<CandidateDetail>(`/api/campaigns/candidates/${candidateId}/actions`, input);
