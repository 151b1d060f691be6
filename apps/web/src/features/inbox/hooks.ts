// The in-app inbox (站内通知): warnings reaching one's units, reminders, escalations. The bell asks
// for the unread count every 30 seconds while someone is logged in; the page lists the messages.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';

export interface InboxItem {
  id: number;
  kind: string;
  title: string;
  text: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  unitName: string | null;
  /** The warning a notification is about, as it stands now. */
  warning?: { id: number; headline: string; level: string; status: string } | null;
}

/** The server may page the list ({items, total}) or answer with the items alone. */
type InboxAnswer = InboxItem[] | { items: InboxItem[]; total?: number };

export const INBOX_KEY = ['inbox'] as const;
const POLL_MS = 30_000;

export function useUnreadCount() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: ['inbox', 'unread-count', me?.id ?? null],
    queryFn: () => api.get<{ count: number }>('/api/inbox/unread-count'),
    enabled: !!me,
    refetchInterval: POLL_MS,
    staleTime: POLL_MS / 2,
  });
}

export function useInbox(q: { unread: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['inbox', 'list', q],
    queryFn: async ({ signal }) => {
      const answer = await api.get<InboxAnswer>('/api/inbox', { unread: q.unread ? 1 : undefined, page: q.page, pageSize: q.pageSize }, signal);
      const items = Array.isArray(answer) ? answer : answer.items;
      const total = Array.isArray(answer) ? undefined : answer.total;
      return { items, total };
    },
    placeholderData: keepPreviousData,
  });
}

export function useInvalidateInbox() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: INBOX_KEY }), [qc]);
}

export const markRead = (id: number) => api.post<unknown>(`/api/inbox/${id}/read`);
export const markAllRead = () => api.post<unknown>('/api/inbox/read-all');
