// Reading and acting on the deliberation hall with TanStack Query; every key starts with 'deliberation'.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, upload, type UploadProgress } from '../../api/client.ts';
import type { PhotoList } from '../../components/PhotoPicker.tsx';
import type { Action, ActionStatus, AttendeeCandidate, CommentPage, Place, PublicAccountability, TopicDetail, TopicPage, TopicPhoto } from './types.ts';

export const topicKey = (id: number) => ['deliberation', 'topic', id] as const;
export const commentsKey = (id: number) => ['deliberation', 'comments', id] as const;

export function useInvalidateDeliberation() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: ['deliberation'] }), [qc]);
}

export const usePlaces = () => useQuery({ queryKey: ['deliberation', 'places'], queryFn: () => api.get<{ items: Place[] }>('/api/deliberation/places') });

export const useTopics = (q: { status?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['deliberation', 'list', q],
    queryFn: ({ signal }) => api.get<TopicPage>('/api/deliberation/topics', q, signal),
    placeholderData: keepPreviousData,
  });

export const useTopic = (id: number) => useQuery({ queryKey: topicKey(id), queryFn: () => api.get<TopicDetail>(`/api/deliberation/topics/${id}`), enabled: id > 0 });

/** The discussion page by page, oldest first; more pages are fetched on demand (加载更多). */
export const useComments = (id: number) =>
  useInfiniteQuery({
    queryKey: commentsKey(id),
    queryFn: ({ pageParam, signal }) => api.get<CommentPage>(`/api/deliberation/topics/${id}/comments`, { cursor: pageParam }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: id > 0,
  });

/** People of the topic's village or community the recorder may pick as council attendees. */
export const useAttendeeCandidates = (topicId: number, q: string) =>
  useQuery({
    queryKey: ['deliberation', 'attendees', topicId, q],
    queryFn: ({ signal }) => api.get<{ items: AttendeeCandidate[] }>(`/api/deliberation/topics/${topicId}/council/candidates`, { q: q || undefined }, signal),
    placeholderData: keepPreviousData,
  });

/** The public accountability page; keys start with 'public' like the other public pages. */
export const usePublicDeliberation = (unit: string | undefined) =>
  useQuery({ queryKey: ['public', 'deliberation', unit ?? null], queryFn: () => api.get<PublicAccountability>('/api/public/deliberation', { unit }), enabled: !!unit });

export const raiseTopic = (input: { unitId: number; title: string; description: string; category: string }) => api.post<TopicDetail>('/api/deliberation/topics', input);
export const addComment = (topicId: number, body: string) => api.post<{ id: number }>(`/api/deliberation/topics/${topicId}/comments`, { body });
export const reportComment = (commentId: number, reason: string) => api.post<{ id: number; reports: number; hidden: boolean }>(`/api/deliberation/comments/${commentId}/report`, { reason });
export const moderateComment = (commentId: number, action: 'hide' | 'restore', reason: string) => api.post<{ id: number; hidden: boolean }>(`/api/deliberation/comments/${commentId}/${action}`, { reason });
export const castBallot = (topicId: number, option: number) => api.put<TopicDetail>(`/api/deliberation/topics/${topicId}/ballot`, { option });

export const editTopic = (id: number, input: { title?: string; description?: string }) => api.patch<TopicDetail>(`/api/deliberation/topics/${id}`, input);
export const uploadTopicPhoto = (id: number, file: File, onProgress: (p: UploadProgress) => void) => upload<TopicPhoto>(`/api/deliberation/topics/${id}/photos`, file, undefined, onProgress);
/** Sends the picked photos to a topic one after the other; one the server refuses is named in a warning, and the rest go on. */
export function useUploadTopicPhotos() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (id: number, list: PhotoList) =>
    list.upload(list.photos, async (file, onProgress) => {
      try {
        return await uploadTopicPhoto(id, file, (p) => onProgress(p.percent)).promise;
      } catch (e) {
        message.warning(t('deliberation.photos.failed', { name: file.name, reason: errorMessage(e) }));
        throw e;
      }
    });
}
export const removeTopicPhoto = (id: number, photoId: number) => api.del<void>(`/api/deliberation/topics/${id}/photos/${photoId}`);
export const scheduleCouncil = (id: number, input: { scheduledAt: string; place: string; attendees: string[]; memberIds: number[]; userIds: number[] }) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/council`, input);
export const updateCouncil = (id: number, input: { scheduledAt?: string; place?: string; attendees?: string[]; memberIds?: number[]; userIds?: number[]; minutes?: string }) => api.patch<TopicDetail>(`/api/deliberation/topics/${id}/council`, input);
export const openVote = (id: number, input: { options?: string[]; closesAt: string }) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/vote`, input);
export const closeVote = (id: number) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/vote/close`);
export const decideTopic = (id: number, decision: string) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/decide`, { decision });
export const startTopic = (id: number) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/start`);
export const completeTopic = (id: number) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/complete`);
export const rejectTopic = (id: number, reason: string) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/reject`, { reason });
export const closeTopic = (id: number, reason: string) => api.post<TopicDetail>(`/api/deliberation/topics/${id}/close`, { reason });

export const addAction = (topicId: number, input: { title: string; responsiblePerson: string; responsibleUnitId?: number | null; dueOn?: string | null }) => api.post<Action>(`/api/deliberation/topics/${topicId}/actions`, input);
export const updateAction = (id: number, input: { status: ActionStatus; progress?: number; note?: string; dueOn?: string | null }) => api.patch<Action>(`/api/deliberation/actions/${id}`, input);

export const useDeliberationSettings = (enabled: boolean) =>
  useQuery({ queryKey: ['deliberation', 'settings'], queryFn: () => api.get<{ hideAfterReports: number }>('/api/deliberation/settings'), enabled });
export const saveDeliberationSettings = (hideAfterReports: number) => api.put<{ hideAfterReports: number }>('/api/deliberation/settings', { hideAfterReports });
