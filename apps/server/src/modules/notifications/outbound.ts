// The outbox. The cascade only inserts delivery rows, inside its own transactions (so an event is
// queued if and only if it happened); the worker of any app server sends them afterwards with a
// timeout, a bounded number at once, and retries with backoff until it gives up and leaves the
// delivery on the dead-letter list. A slow or broken receiver therefore never holds up issuing,
// acknowledging or escalating a warning.
import type { Db, Deps } from '../../core/context.ts';
import { openChannel, type OpenChannel } from './config.ts';
import { emailSender } from './email.ts';
import * as repo from './repo.ts';
import type { OutboundEvent } from './schemas.ts';
import type { Sender } from './sender.ts';
import { webhookSender } from './webhook.ts';

/** How long one attempt may take before it counts as failed. */
export const SEND_TIMEOUT_MS = 5_000;
/** Deliveries sent at once by one worker pass. */
export const SEND_CONCURRENCY = 8;
/** Attempts before a delivery is given up (dead). */
export const MAX_ATTEMPTS = 6;
/** The wait after the 1st, 2nd, … failed attempt. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000] as const;
/** A claimed delivery is another server's to take again only after this (far beyond one attempt). */
const LEASE_MS = 60_000;
/** The event of a channel's test message: tried once, never retried. */
export const TEST_EVENT = 'test';

const SENDERS: { [K in OpenChannel['kind']]: Sender<Extract<OpenChannel, { kind: K }>['settings']> } = {
  webhook: webhookSender,
  email: emailSender,
};

export interface OutboundEventInput {
  eventKind: string;
  /** The units the event concerns: channels of these units or of units above them get it. */
  unitIds: number[];
  /** Subtrees the event covers (a warning's area): channels of any unit inside get it too. */
  coveredUnitIds?: number[];
  payload: Record<string, unknown>;
  /** Identifies the event; a second call with the same key queues nothing. */
  dedupeKey: string;
  now: string;
}

/**
 * Queues the event for every enabled channel that listens to it and is installation-wide, belongs
 * to one of `unitIds` or a unit above, or lies inside one of `coveredUnitIds`' subtrees. Call it
 * inside the transaction that makes the event happen. One INSERT … SELECT; returns how many
 * deliveries were queued.
 */
export async function enqueueOutbound(db: Db, e: OutboundEventInput): Promise<number> {
  return repo.enqueue(db, { eventKind: e.eventKind, unitIds: e.unitIds, coveredUnitIds: e.coveredUnitIds ?? [], payload: JSON.stringify(e.payload), dedupeKey: e.dedupeKey, now: e.now });
}

/** Events every unit in a warning's area hears of (the others go to the units concerned and those above). */
const COVERING_EVENTS = new Set<string>(['warning.issued', 'warning.updated', 'warning.cancelled']);

/**
 * Queues a warning event with the warning's facts as payload (what a receiver needs to act on it
 * without calling back). Reads nothing more when no channel listens to the event, the usual case.
 * Keyed by the warning's version, so every issue, update, cancel and escalation round is sent once.
 */
export async function enqueueWarningEvent(
  db: Db,
  e: {
    warningId: number;
    event: OutboundEvent;
    now: string;
    /** More units the event concerns (an acknowledging unit, overdue units). */
    unitIds?: number[];
    /** Tells apart several events of one kind and version (one acknowledgement per unit: `u<unitId>`). */
    dedupeSuffix?: string;
    extra?: Record<string, unknown>;
  },
) {
  if (!(await repo.anySubscriber(db, e.event))) return 0;
  const w = await db
    .selectFrom('warning')
    .innerJoin('unit', 'unit.id', 'warning.unit_id')
    .select(['warning.id', 'warning.unit_id', 'warning.identifier', 'warning.headline', 'warning.level', 'warning.hazard', 'warning.exercise', 'warning.status', 'warning.description', 'warning.instruction', 'warning.effective_at', 'warning.expires_at', 'warning.version', 'warning.cancel_reason', 'unit.name as unit_name'])
    .where('warning.id', '=', e.warningId)
    .executeTakeFirst();
  if (!w) return 0;
  const areas = await db.selectFrom('warning_area').innerJoin('unit', 'unit.id', 'warning_area.unit_id').select(['unit.id', 'unit.name']).where('warning_area.warning_id', '=', w.id).orderBy('unit.id').execute();
  return enqueueOutbound(db, {
    eventKind: e.event,
    unitIds: [w.unit_id, ...areas.map((a) => a.id), ...(e.unitIds ?? [])],
    // A village's channel hears of the warnings that reach the village; overdue units and
    // acknowledgements concern those above them only.
    coveredUnitIds: COVERING_EVENTS.has(e.event) ? areas.map((a) => a.id) : [],
    dedupeKey: `w${w.id}:${e.event}:v${w.version}${e.dedupeSuffix ? `:${e.dedupeSuffix}` : ''}`,
    now: e.now,
    payload: {
      event: e.event,
      warningId: w.id,
      identifier: w.identifier,
      version: w.version,
      headline: w.headline,
      level: w.level,
      hazard: w.hazard,
      exercise: w.exercise === 1,
      status: w.status,
      issuingUnit: w.unit_name,
      areas: areas.map((a) => a.name),
      description: w.description,
      instruction: w.instruction,
      effectiveAt: w.effective_at,
      expiresAt: w.expires_at,
      ...(w.cancel_reason ? { reason: w.cancel_reason } : {}),
      link: `/warnings/${w.id}`,
      at: e.now,
      ...e.extra,
    },
  });
}

/**
 * One pass of the worker: claims the deliveries due by the deps' clock (at most `limit`), sends
 * them, and records each outcome. Never throws; returns how many were attempted.
 */
export async function processDeliveries(deps: Deps, opts: { limit?: number; timeoutMs?: number } = {}): Promise<number> {
  try {
    const now = deps.now();
    const claimed = await repo.claim(deps.database.db, { limit: opts.limit ?? 50 }, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
    await sendClaimed(deps, claimed, opts.timeoutMs ?? SEND_TIMEOUT_MS);
    return claimed.length;
  } catch (err) {
    deps.log.error({ err }, 'delivery pass failed');
    return 0;
  }
}

/** Sends one delivery now (a channel's test), if no worker holds it. Returns whether it was attempted. */
export async function attemptNow(deps: Deps, deliveryId: number, timeoutMs = SEND_TIMEOUT_MS) {
  const now = deps.now();
  const claimed = await repo.claim(deps.database.db, { id: deliveryId }, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
  await sendClaimed(deps, claimed, timeoutMs);
  return claimed.length > 0;
}

async function sendClaimed(deps: Deps, claimed: repo.ClaimedDelivery[], timeoutMs: number) {
  if (claimed.length === 0) return;
  const channels = new Map((await repo.channelsByIds(deps.database.db, [...new Set(claimed.map((d) => d.channel_id))])).map((c) => [c.id, c]));
  await eachLimited(claimed, SEND_CONCURRENCY, (d) => attempt(deps, channels.get(d.channel_id), d, timeoutMs));
}

type ChannelRow = Awaited<ReturnType<typeof repo.channelsByIds>>[number];

class GiveUp extends Error {}

async function attempt(deps: Deps, channel: ChannelRow | undefined, d: repo.ClaimedDelivery, timeoutMs: number) {
  let failure: Error | null = null;
  try {
    if (!channel) throw new GiveUp('channel removed');
    if (!channel.enabled && d.event_kind !== TEST_EVENT) throw new GiveUp('channel disabled');
    const open = openChannel(deps.cipher, channel);
    const delivery = { id: d.id, eventKind: d.event_kind, payload: JSON.parse(d.payload) as Record<string, unknown>, createdAt: d.created_at, attempt: d.attempts };
    const ctx = { now: deps.now(), timeoutMs };
    const sending = open.kind === 'webhook' ? SENDERS.webhook.send(open.settings, delivery, ctx) : SENDERS.email.send(open.settings, delivery, ctx);
    // The sender has its own timeout; this one holds even for a sender that forgets it.
    await withTimeout(sending, timeoutMs + 1_000);
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
  }
  const now = deps.now();
  try {
    if (!failure) {
      await repo.markSent(deps.database.db, d.id, now.toISOString());
      return;
    }
    const reason = describe(failure).slice(0, 500);
    const last = failure instanceof GiveUp || d.event_kind === TEST_EVENT || d.attempts >= MAX_ATTEMPTS;
    const retryAt = last ? null : new Date(now.getTime() + BACKOFF_MS[Math.min(d.attempts, BACKOFF_MS.length) - 1]!).toISOString();
    deps.log.warn({ delivery: d.id, channel: d.channel_id, attempt: d.attempts, reason, retryAt }, last ? 'delivery failed; given up' : 'delivery failed; will retry');
    await repo.markFailed(deps.database.db, d.id, reason, retryAt, now.toISOString());
  } catch (err) {
    // The lease runs out and the delivery is attempted again: at worst once more, never lost.
    deps.log.error({ err, delivery: d.id }, 'could not record a delivery attempt');
  }
}

/** A short reason for the delivery list: the error and what lies beneath it (fetch wraps the network's). */
function describe(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timed out`;
  const inner = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
  return inner && !err.message.includes(inner) ? `${err.message}: ${inner}` : err.message;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `fn` over the items with at most `limit` running at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
