// Every SQL statement of the notifications module: the inbox (rows written by the cascade), the
// outbound channels, and their deliveries — the outbox the cascade fills inside its own
// transactions and the worker drains.
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import type { ScopeQuery } from '../../core/access.ts';
import { toCount } from '../../db/dialect.ts';
import type { DeliveryStatus } from './schemas.ts';

// ——— inbox ———

function inboxBase(db: Db, userId: number, unreadOnly: boolean) {
  let q = db.selectFrom('notification as n').where('n.user_id', '=', userId);
  if (unreadOnly) q = q.where('n.read_at', 'is', null);
  return q;
}

/** One person's notifications, newest first, with the unit's name and the warning's headline and level. */
export async function inboxPage(db: Db, userId: number, unreadOnly: boolean, page: { limit: number; offset: number }) {
  const base = inboxBase(db, userId, unreadOnly);
  const [rows, total] = await Promise.all([
    base
      .leftJoin('unit as u', 'u.id', 'n.unit_id')
      .leftJoin('warning as w', 'w.id', 'n.warning_id')
      .select(['n.id', 'n.kind', 'n.title', 'n.link', 'n.warning_id', 'n.created_at', 'n.read_at', 'u.name as unit_name', 'w.headline as warning_headline', 'w.level as warning_level', 'w.status as warning_status'])
      .orderBy('n.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total?.n) };
}

export async function unreadCount(db: Db, userId: number) {
  const row = await inboxBase(db, userId, true).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toCount(row?.n);
}

/** Marks one of the person's notifications read; the first reading stands. */
export async function markRead(db: Db, userId: number, id: number, now: string) {
  await db.updateTable('notification').set({ read_at: now }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  return db.selectFrom('notification').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function markAllRead(db: Db, userId: number, now: string) {
  const result = await db.updateTable('notification').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— channels ———

export interface ChannelValues {
  unit_id: number | null;
  kind: string;
  name: string;
  config: string;
  events: string;
  enabled: number;
}

export async function insertChannel(db: Db, v: ChannelValues, now: string) {
  const row = await db.insertInto('channel').values({ ...v, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChannel(db: Db, id: number, v: Partial<ChannelValues>, now: string) {
  await db.updateTable('channel').set({ ...v, updated_at: now }).where('id', '=', id).execute();
}

const channelColumns = ['c.id', 'c.unit_id', 'c.kind', 'c.name', 'c.config', 'c.events', 'c.enabled', 'c.created_at', 'c.updated_at', 'u.name as unit_name'] as const;

export function channelById(db: Db, id: number) {
  return db.selectFrom('channel as c').leftJoin('unit as u', 'u.id', 'c.unit_id').select(channelColumns).where('c.id', '=', id).executeTakeFirst();
}

export type ChannelRow = NonNullable<Awaited<ReturnType<typeof channelById>>>;

/**
 * Channels a caller may manage: those of units in `units` (a scope subquery), and the
 * installation-wide ones when `withGlobal`.
 */
export function channelsIn(db: Db, units: ScopeQuery | null, withGlobal: boolean) {
  return db
    .selectFrom('channel as c')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .select(channelColumns)
    .where((eb) => {
      const parts = [];
      if (units) parts.push(eb('c.unit_id', 'in', units));
      if (withGlobal) parts.push(eb('c.unit_id', 'is', null));
      return parts.length ? eb.or(parts) : eb.val(false);
    })
    .orderBy('c.id')
    .execute();
}

/** Pending and dead deliveries per channel. */
export async function deliveryCounts(db: Db, channelIds: number[]) {
  const counts = new Map<number, { pending: number; dead: number }>();
  if (channelIds.length === 0) return counts;
  const rows = await db
    .selectFrom('delivery')
    .select(['channel_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('channel_id', 'in', channelIds)
    .where('status', 'in', ['pending', 'dead'])
    .groupBy(['channel_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.channel_id) ?? { pending: 0, dead: 0 };
    c[r.status as 'pending' | 'dead'] = toCount(r.n);
    counts.set(r.channel_id, c);
  }
  return counts;
}

/** When a channel is switched off, what it still owed is given up (and can be retried later). */
export async function giveUpPending(db: Db, channelId: number, reason: string, now: string) {
  await db.updateTable('delivery').set({ status: 'dead', locked_until: null, last_error: reason, next_attempt_at: now }).where('channel_id', '=', channelId).where('status', '=', 'pending').execute();
}

// ——— deliveries ———

const deliveryColumns = ['d.id', 'd.channel_id', 'd.event_kind', 'd.payload', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'd.created_at', 'd.sent_at'] as const;

export async function deliveriesOf(db: Db, channelId: number, status: DeliveryStatus | undefined, page: { limit: number; offset: number }) {
  let base = db.selectFrom('delivery as d').where('d.channel_id', '=', channelId);
  if (status) base = base.where('d.status', '=', status);
  const [rows, total] = await Promise.all([
    base.select(deliveryColumns).orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total?.n) };
}

/** The dead-letter list: dead deliveries of the given channels' units (a scope subquery) and, when `withGlobal`, of installation-wide channels. */
export async function deadDeliveries(db: Db, units: ScopeQuery | null, withGlobal: boolean, page: { limit: number; offset: number }) {
  const base = db
    .selectFrom('delivery as d')
    .innerJoin('channel as c', 'c.id', 'd.channel_id')
    .where('d.status', '=', 'dead')
    .where((eb) => {
      const parts = [];
      if (units) parts.push(eb('c.unit_id', 'in', units));
      if (withGlobal) parts.push(eb('c.unit_id', 'is', null));
      return parts.length ? eb.or(parts) : eb.val(false);
    });
  const [rows, total] = await Promise.all([
    base.select([...deliveryColumns, 'c.name as channel_name', 'c.kind as channel_kind', 'c.unit_id']).orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total?.n) };
}

export function deliveryById(db: Db, id: number) {
  return db.selectFrom('delivery as d').select(deliveryColumns).where('d.id', '=', id).executeTakeFirst();
}

export type DeliveryRow = NonNullable<Awaited<ReturnType<typeof deliveryById>>>;

/** A dead delivery back in the queue, its attempts counted afresh. False when it was not dead. */
export async function requeueDead(db: Db, id: number, now: string) {
  const result = await db
    .updateTable('delivery')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ——— the outbox ———

/** Whether any enabled channel listens to this event at all: the common case is none, and then nothing else is read. */
export async function anySubscriber(db: Db, eventKind: string) {
  const row = await db.selectFrom('channel as c').select('c.id').where(subscribedTo(eventKind)).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** An enabled channel (alias c) that listens to the event. */
function subscribedTo(eventKind: string) {
  // events is comma-separated; event kinds hold only [a-z.], nothing LIKE would read as a wildcard.
  return sql<boolean>`(${sql.ref('c.enabled')} = 1 AND (',' || ${sql.ref('c.events')} || ',') LIKE ${`%,${eventKind},%`})`;
}

export interface OutboxEntry {
  eventKind: string;
  /** The event concerns these units: a channel of one of them or of a unit above gets it. */
  unitIds: number[];
  /** The event covers these subtrees (a warning's area): a channel of any unit inside gets it too. */
  coveredUnitIds: number[];
  payload: string;
  dedupeKey: string;
  now: string;
}

/**
 * One pending delivery per enabled channel that listens to the event and is installation-wide,
 * belongs to a unit at or above one of the event's units, or lies inside a subtree the event
 * covers. One INSERT … SELECT; idempotent by dedupe key, so a re-run transaction never sends
 * twice. Returns how many were queued.
 */
export async function enqueue(db: Db, e: OutboxEntry) {
  const unitIds = e.unitIds.length ? [...new Set(e.unitIds)] : [-1];
  const text = (value: string) => sql<string>`CAST(${value} AS TEXT)`;
  const result = await db
    .insertInto('delivery')
    .columns(['channel_id', 'event_kind', 'payload', 'dedupe_key', 'status', 'attempts', 'next_attempt_at', 'locked_until', 'last_error', 'created_at', 'sent_at'])
    .expression(
      db
        .selectFrom('channel as c')
        .select([
          'c.id',
          text(e.eventKind).as('event_kind'),
          text(e.payload).as('payload'),
          sql<string>`${text(`${e.dedupeKey}:`)} || CAST(${sql.ref('c.id')} AS TEXT)`.as('dedupe_key'),
          sql.lit('pending').as('status'),
          sql.lit(0).as('attempts'),
          text(e.now).as('next_attempt_at'),
          sql<null>`NULL`.as('locked_until'),
          sql<null>`NULL`.as('last_error'),
          text(e.now).as('created_at'),
          sql<null>`NULL`.as('sent_at'),
        ])
        .where(subscribedTo(e.eventKind))
        .where((eb) =>
          eb.or([
            eb('c.unit_id', 'is', null),
            eb('c.unit_id', 'in', eb.selectFrom('unit_closure').select('unit_closure.ancestor_id').where('unit_closure.descendant_id', 'in', unitIds)),
            ...(e.coveredUnitIds.length
              ? [eb.exists(eb.selectFrom('unit_closure as cov').select('cov.depth').whereRef('cov.descendant_id', '=', 'c.unit_id').where('cov.ancestor_id', 'in', e.coveredUnitIds))]
              : []),
          ]),
        ),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function insertDelivery(db: Db, d: { channelId: number; eventKind: string; payload: string; dedupeKey: string; now: string }) {
  const row = await db
    .insertInto('delivery')
    .values({ channel_id: d.channelId, event_kind: d.eventKind, payload: d.payload, dedupe_key: d.dedupeKey, status: 'pending', attempts: 0, next_attempt_at: d.now, locked_until: null, last_error: null, created_at: d.now, sent_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes the lease on due deliveries (or on one, by id) with a conditional UPDATE, counting the
 * attempt: of several app servers running this at once, each delivery goes to exactly one, and
 * one that crashes mid-send is taken again when its lease runs out.
 */
export async function claim(db: Db, which: { limit: number } | { id: number }, now: string, leaseUntil: string) {
  const free = sql<boolean>`(${sql.ref('locked_until')} IS NULL OR ${sql.ref('locked_until')} < ${now})`;
  const ids =
    'id' in which
      ? [which.id]
      : db
          .selectFrom('delivery')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where(free)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(which.limit);
  return db
    .updateTable('delivery')
    .set((eb) => ({ locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where(free)
    .returning(['id', 'channel_id', 'event_kind', 'payload', 'attempts', 'created_at'])
    .execute();
}

export type ClaimedDelivery = Awaited<ReturnType<typeof claim>>[number];

export function channelsByIds(db: Db, ids: number[]) {
  return db.selectFrom('channel').select(['id', 'kind', 'name', 'config', 'enabled']).where('id', 'in', ids.length ? ids : [-1]).execute();
}

export async function markSent(db: Db, id: number, now: string) {
  await db.updateTable('delivery').set({ status: 'sent', sent_at: now, locked_until: null, last_error: null }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** A failed attempt: retried at `retryAt`, or (null) given up for good. */
export async function markFailed(db: Db, id: number, error: string, retryAt: string | null, now: string) {
  await db
    .updateTable('delivery')
    .set(retryAt ? { locked_until: null, last_error: error, next_attempt_at: retryAt } : { status: 'dead', locked_until: null, last_error: error, next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
