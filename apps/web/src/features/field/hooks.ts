// Reading and writing households, shelters and evacuation with TanStack Query. Keys start with
// 'field', so one invalidation after any change brings every field screen up to date.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type {
  CheckList, CheckStatus, EvacuationOverview, Household, HouseholdInput, HouseholdList, PersonInput, Shelter, ShelterInput, VulnerablePerson,
} from './types.ts';

export const FIELD_KEY = ['field'] as const;

export function useInvalidateField() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: FIELD_KEY }), [qc]);
}

// ——— households ———

export interface HouseholdQuery {
  unitId?: number;
  q?: string;
  archived?: boolean;
  page: number;
  pageSize: number;
}

export const useHouseholds = (q: HouseholdQuery) =>
  useQuery({
    queryKey: ['field', 'households', q],
    queryFn: ({ signal }) => api.get<HouseholdList>('/api/households', { ...q }, signal),
    enabled: !!q.unitId,
    placeholderData: keepPreviousData,
  });

export const useHousehold = (id: number | null) =>
  useQuery({ queryKey: ['field', 'household', id], queryFn: () => api.get<Household>(`/api/households/${id}`), enabled: !!id });

export const createHousehold = (input: HouseholdInput) => api.post<Household>('/api/households', input);
export const updateHousehold = (id: number, input: HouseholdInput) => api.patch<Household>(`/api/households/${id}`, input);
export const archiveHousehold = (id: number) => api.post<Household>(`/api/households/${id}/archive`);
export const addPerson = (householdId: number, input: PersonInput) => api.post<VulnerablePerson>(`/api/households/${householdId}/people`, input);
export const removePerson = (householdId: number, personId: number) => api.del<void>(`/api/households/${householdId}/people/${personId}`);

// ——— shelters ———

export const useShelters = (unitId: number | undefined, archived = false) =>
  useQuery({
    queryKey: ['field', 'shelters', unitId, archived],
    queryFn: () => api.get<{ items: Shelter[] }>('/api/shelters', { unitId, archived }),
    enabled: !!unitId,
  });

export const createShelter = (input: ShelterInput) => api.post<Shelter>('/api/shelters', input);
export const updateShelter = (id: number, input: ShelterInput) => api.patch<Shelter>(`/api/shelters/${id}`, input);
export const archiveShelter = (id: number) => api.post<Shelter>(`/api/shelters/${id}/archive`);

// ——— during a warning ———

export const useEvacuation = (warningId: number, unitId?: number) =>
  useQuery({
    queryKey: ['field', 'evacuation', warningId, unitId ?? null],
    queryFn: () => api.get<EvacuationOverview>(`/api/warnings/${warningId}/evacuation`, { unitId }),
    enabled: warningId > 0,
  });

export const useCheckList = (warningId: number, unitId: number, status: CheckStatus | undefined, page: number, pageSize = 50) =>
  useQuery({
    queryKey: ['field', 'check', warningId, unitId, status ?? null, page, pageSize],
    queryFn: ({ signal }) => api.get<CheckList>(`/api/warnings/${warningId}/evacuation/${unitId}/households`, { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

export const reportEvacuation = (warningId: number, unitId: number, figures: { toMove: number; moved: number; refused: number }) =>
  api.put<{ updatedAt: string }>(`/api/warnings/${warningId}/evacuation/${unitId}`, figures);
export const setOccupancy = (warningId: number, shelterId: number, occupants: number) => api.put(`/api/warnings/${warningId}/shelters/${shelterId}`, { occupants });
export const checkHousehold = (warningId: number, householdId: number, status: CheckStatus, note = '') =>
  api.put<{ status: CheckStatus; checkedAt: string }>(`/api/warnings/${warningId}/households/${householdId}`, { status, note });
