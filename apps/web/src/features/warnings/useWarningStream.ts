// The dashboard's live feed: server-sent events from GET /api/warnings/:id/stream. "figures"
// replace the cached dashboard figures; "timeline" entries are merged into the cached timeline.
// The browser's EventSource reconnects by itself after a dropped connection; when the server
// refuses outright (the stream closes for good), we open a new one after a pause. Entries missed
// while disconnected are fetched on each (re)connection.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { mergeTimeline } from './format.ts';
import { dashboardKey, timelineKey, warningKey } from './hooks.ts';
import type { DashboardFigures, TimelineEntry } from './types.ts';

/** Timeline kinds that change the warning itself (level, text, status, version). */
const CHANGES_WARNING = new Set(['updated', 'cancelled']);

export function useWarningStream(id: number): { connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!(id > 0) || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let pause = 2_000;
    let closed = false;

    const catchUp = async () => {
      const known = qc.getQueryData<TimelineEntry[]>(timelineKey(id));
      if (!known) return;
      const afterId = known.reduce((m, e) => Math.max(m, e.id), 0);
      try {
        const missed = await api.get<TimelineEntry[]>(`/api/warnings/${id}/timeline`, { afterId, limit: 500 });
        if (missed.length) qc.setQueryData<TimelineEntry[]>(timelineKey(id), (old) => mergeTimeline(old, missed));
      } catch {
        /* the stream brings the next ones anyway */
      }
    };

    const open = () => {
      if (closed) return;
      const es = new EventSource(`/api/warnings/${id}/stream`, { withCredentials: true });
      source = es;
      es.onopen = () => {
        pause = 2_000;
        setConnected(true);
        void catchUp();
      };
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(open, pause);
          pause = Math.min(pause * 2, 30_000);
        }
      };
      es.addEventListener('figures', (e) => {
        const figures = JSON.parse((e as MessageEvent<string>).data) as DashboardFigures;
        const before = qc.getQueryData<DashboardFigures>(dashboardKey(id));
        qc.setQueryData(dashboardKey(id), figures);
        if (before && before.status !== figures.status) void qc.invalidateQueries({ queryKey: warningKey(id) });
      });
      es.addEventListener('timeline', (e) => {
        const entries = JSON.parse((e as MessageEvent<string>).data) as TimelineEntry[];
        qc.setQueryData<TimelineEntry[]>(timelineKey(id), (old) => mergeTimeline(old, entries));
        if (entries.some((x) => CHANGES_WARNING.has(x.kind))) void qc.invalidateQueries({ queryKey: warningKey(id) });
      });
    };

    open();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      source?.close();
      setConnected(false);
    };
  }, [id, qc]);

  return { connected };
}
