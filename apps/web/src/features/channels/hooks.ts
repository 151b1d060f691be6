// Reading and changing outbound channels with TanStack Query; every key starts with 'channels'.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import type { Channel, DeadDelivery, Delivery, DeliveryPage, DeliveryStatus } from './types.ts';

export function useInvalidateChannels() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['channels'] }), [qc]);
}

export const useChannels = (unitId?: number) =>
  useQuery({ queryKey: ['channels', 'list', unitId ?? null], queryFn: () => api.get<{ items: Channel[] }>('/api/channels', { unitId }) });

export const useDeliveries = (channelId: number | null, status: DeliveryStatus | undefined, page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['channels', 'deliveries', channelId, status ?? null, page, pageSize],
    queryFn: () => api.get<DeliveryPage>(`/api/channels/${channelId}/deliveries`, { status, page, pageSize }),
    enabled: !!channelId,
    placeholderData: keepPreviousData,
  });

export const useDeadLetters = (unitId: number | undefined, page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['channels', 'dead', unitId ?? null, page, pageSize],
    queryFn: () => api.get<DeliveryPage<DeadDelivery>>('/api/deliveries/dead', { unitId, page, pageSize }),
    placeholderData: keepPreviousData,
  });

export const createChannel = (body: unknown) => api.post<Channel>('/api/channels', body);
export const updateChannel = (id: number, body: unknown) => api.patch<Channel>(`/api/channels/${id}`, body);
export const testChannel = (id: number) => api.post<Delivery>(`/api/channels/${id}/test`);
export const retryDelivery = (id: number) => api.post<Delivery>(`/api/deliveries/${id}/retry`);
