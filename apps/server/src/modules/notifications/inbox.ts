// The in-app inbox: what the cascade (and alarms) told a person, newest first. Everyone has one;
// nobody sees anyone else's — another person's notification is "not found". Rows keep the kind,
// the title (the warning's headline) and the link; the sentence is written here, in the reader's
// language.
import { isMessageCode, message, type Locale } from '@xianfeng/domain';
import { requireAuth } from '../../core/access.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import * as repo from './repo.ts';
import type { InboxQuery } from './schemas.ts';

/** 'warning.issued' → inbox.warning_issued; a kind without a sentence shows its title alone. */
export function inboxText(kind: string, title: string, unitName: string | null, locale: Locale) {
  const code = `inbox.${kind.replace('.', '_')}`;
  return isMessageCode(code) ? message(code, locale, { title, unit: unitName ?? '—' }) : title;
}

type InboxRow = Awaited<ReturnType<typeof repo.inboxPage>>['rows'][number];

function present(r: InboxRow, locale: Locale) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    text: inboxText(r.kind, r.title, r.unit_name, locale),
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
    unitName: r.unit_name,
    warning: r.warning_id !== null && r.warning_headline !== null ? { id: r.warning_id, headline: r.warning_headline, level: r.warning_level, status: r.warning_status } : null,
  };
}

export async function listInbox(ctx: RequestCtx, q: InboxQuery) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const [{ rows, total }, unread] = await Promise.all([
    repo.inboxPage(db, auth.userId, q.unread, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.unreadCount(db, auth.userId),
  ]);
  return { items: rows.map((r) => present(r, ctx.locale)), total, unread, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  return { count: await repo.unreadCount(ctx.deps.database.db, auth.userId) };
}

export async function markRead(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const row = await repo.markRead(ctx.deps.database.db, auth.userId, id, nowIso(ctx.deps));
  if (!row) throw notFound();
  return { id: row.id, readAt: row.read_at };
}

export async function markAllRead(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  return { updated: await repo.markAllRead(ctx.deps.database.db, auth.userId, nowIso(ctx.deps)) };
}
