// Reading and changing the Open311 client registry with TanStack Query; every key starts with 'open311'.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type { NewClientInput, Open311Client, Open311Clients, RegisteredClient } from './types.ts';

export function useInvalidateOpen311() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['open311'] }), [qc]);
}

export const useOpen311Clients = (enabled: boolean) =>
  useQuery({ queryKey: ['open311', 'clients'], queryFn: ({ signal }) => api.get<Open311Clients>('/api/open311/clients', undefined, signal), enabled });

export const registerClient = (input: NewClientInput) => api.post<RegisteredClient>('/api/open311/clients', input);
export const revokeClient = (id: number) => api.post<Open311Client>(`/api/open311/clients/${id}/revoke`);
