// Outbound channels and their deliveries: who may set them up (warning.manage on the channel's
// unit; an installation-wide channel needs a system-wide grant), what leaves the server (never a
// secret), a test message tried at once, and the dead-letter list with retry. Every write is
// audited in its transaction.
import { z } from 'zod';
import { canAccessUnit, requirePermission, requireUnitAccess, scopedUnitIds, scopeOf } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { randomToken } from '../../core/crypto.ts';
import { conflict, forbidden, invalid, notFound, type FieldIssue } from '../../core/errors.ts';
import { parseInput } from '../../core/http.ts';
import { openEmail, openWebhook, presentConfig, sealEmail, sealWebhook, type EmailSettings } from './config.ts';
import { attemptNow, TEST_EVENT } from './outbound.ts';
import * as repo from './repo.ts';
import { emailPatch, webhookPatch, type CreateChannelInput, type DeadQuery, type DeliveriesQuery, type PatchChannelInput } from './schemas.ts';

const PERMISSION = 'warning.manage' as const;

// ——— presenters ———

function presentChannel(r: repo.ChannelRow, counts?: { pending: number; dead: number }) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind,
    name: r.name,
    events: r.events.split(',').filter(Boolean),
    enabled: r.enabled === 1,
    ...presentConfig(r.kind, r.config),
    pending: counts?.pending ?? 0,
    dead: counts?.dead ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function presentDelivery(d: repo.DeliveryRow) {
  return {
    id: d.id,
    channelId: d.channel_id,
    event: d.event_kind,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastError: d.last_error,
    createdAt: d.created_at,
    sentAt: d.sent_at,
    payload: JSON.parse(d.payload) as Record<string, unknown>,
  };
}

// ——— access ———

/** The caller may manage channels of this unit (or, null, installation-wide ones). */
async function requireChannelScope(ctx: RequestCtx, unitId: number | null): Promise<Auth> {
  const auth = requirePermission(ctx.auth, PERMISSION);
  if (unitId === null) {
    if (!scopeOf(auth, PERMISSION).global) throw forbidden();
    return auth;
  }
  const unit = await ctx.deps.database.db.selectFrom('unit').select(['id', 'archived_at']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.archived_at) throw notFound();
  return requireUnitAccess(ctx.deps.database.db, auth, PERMISSION, unitId);
}

/** A channel the caller may manage; anything else, existing or not, is "not found". */
async function loadChannel(db: Db, ctx: RequestCtx, id: number) {
  const auth = requirePermission(ctx.auth, PERMISSION);
  const row = await repo.channelById(db, id);
  if (!row) throw notFound();
  const allowed = row.unit_id === null ? scopeOf(auth, PERMISSION).global : await canAccessUnit(db, auth, PERMISSION, row.unit_id);
  if (!allowed) throw notFound();
  return row;
}

/** The units whose channels a listing covers: a subtree asked for, else the caller's whole scope. */
async function listingScope(ctx: RequestCtx, unitId: number | undefined) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, PERMISSION);
  if (unitId !== undefined) {
    await requireUnitAccess(db, auth, PERMISSION, unitId);
    return { units: db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', unitId), withGlobal: false };
  }
  return { units: scopedUnitIds(db, auth, PERMISSION), withGlobal: scopeOf(auth, PERMISSION).global };
}

// ——— validation beyond the schema ———

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function checkAddresses(s: Pick<EmailSettings, 'from' | 'to'>) {
  const issues: FieldIssue[] = [];
  const check = (field: string, address: string) => {
    if (!EMAIL.test(address)) issues.push({ field, code: 'channel.email_invalid', params: { address } });
  };
  check('config.from', s.from);
  s.to.forEach((a, i) => check(`config.to.${i}`, a));
  if (issues.length) throw invalid(issues);
}

const joinEvents = (events: string[]) => events.join(',');

// ——— use cases ———

export async function listChannels(ctx: RequestCtx, unitId: number | undefined) {
  const db = ctx.deps.database.db;
  const scope = await listingScope(ctx, unitId);
  const rows = await repo.channelsIn(db, scope.units, scope.withGlobal);
  const counts = await repo.deliveryCounts(db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentChannel(r, counts.get(r.id))) };
}

export async function getChannel(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const row = await loadChannel(db, ctx, id);
  return presentChannel(row, (await repo.deliveryCounts(db, [id])).get(id));
}

export async function createChannel(ctx: RequestCtx, input: CreateChannelInput) {
  await requireChannelScope(ctx, input.unitId);
  const cipher = ctx.deps.cipher;
  let config: string;
  if (input.kind === 'email') {
    const settings: EmailSettings = { ...input.config, user: input.config.user || null, password: input.config.password || null };
    checkAddresses(settings);
    config = sealEmail(cipher, settings);
  } else {
    config = sealWebhook(cipher, input.config);
  }
  const now = nowIso(ctx.deps);
  const db = ctx.deps.database.db;
  const id = await db.transaction().execute(async (tx) => {
    const channelId = await repo.insertChannel(tx, { unit_id: input.unitId, kind: input.kind, name: input.name, config, events: joinEvents(input.events), enabled: input.enabled ? 1 : 0 }, now);
    await recordAudit(tx, ctx, {
      entityType: 'channel', entityId: channelId, unitId: input.unitId, action: 'channel.create',
      after: { name: input.name, kind: input.kind, events: input.events, enabled: input.enabled, ...presentConfig(input.kind, config) },
    });
    return channelId;
  });
  return getChannel(ctx, id);
}

/** The changed configuration of a channel, sealed, and what the audit may say of it. */
function patchedConfig(ctx: RequestCtx, row: repo.ChannelRow, patch: Record<string, unknown>) {
  const cipher = ctx.deps.cipher;
  if (row.kind === 'webhook') {
    const p = parseInput(z.object({ config: webhookPatch }), { config: patch }, ctx.locale).config;
    const current = openWebhook(cipher, row.config);
    return { config: sealWebhook(cipher, { url: p.url ?? current.url, secret: p.secret ?? current.secret }), secretChanged: p.secret !== undefined };
  }
  const p = parseInput(z.object({ config: emailPatch }), { config: patch }, ctx.locale).config;
  const current = openEmail(cipher, row.config);
  const next: EmailSettings = {
    host: p.host ?? current.host,
    port: p.port ?? current.port,
    secure: p.secure ?? current.secure,
    user: p.user === undefined ? current.user : p.user || null,
    password: p.password === undefined ? current.password : p.password || null,
    from: p.from ?? current.from,
    to: p.to ?? current.to,
  };
  checkAddresses(next);
  return { config: sealEmail(cipher, next), secretChanged: p.password !== undefined };
}

export async function updateChannel(ctx: RequestCtx, id: number, input: PatchChannelInput) {
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await loadChannel(tx, ctx, id);
    const patched = input.config ? patchedConfig(ctx, row, input.config) : null;
    const next: Partial<repo.ChannelValues> = {};
    if (input.name !== undefined) next.name = input.name;
    if (input.events !== undefined) next.events = joinEvents(input.events);
    if (input.enabled !== undefined) next.enabled = input.enabled ? 1 : 0;
    if (patched) next.config = patched.config;
    await repo.updateChannel(tx, id, next, now);
    const switchedOff = row.enabled === 1 && next.enabled === 0;
    // What a switched-off channel still owed goes to the dead-letter list: nothing stale is sent
    // when it is switched on again, and nothing is lost either (it can be retried).
    if (switchedOff) await repo.giveUpPending(tx, id, 'channel disabled', now);
    const shown = (r: { name: string; events: string; enabled: number; config: string }) => ({ name: r.name, events: r.events, enabled: r.enabled === 1, ...presentConfig(row.kind, r.config).config });
    await recordAudit(tx, ctx, {
      entityType: 'channel', entityId: id, unitId: row.unit_id, action: 'channel.update',
      before: shown(row), after: { ...shown({ ...row, ...next }), ...(patched?.secretChanged ? { secretChanged: true } : {}) },
    });
  });
  return getChannel(ctx, id);
}

/** Queues a test message and tries it at once (one attempt, no retries); answers with its outcome. */
export async function testChannel(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  const deliveryId = await db.transaction().execute(async (tx) => {
    const row = await loadChannel(tx, ctx, id);
    const payload = { event: TEST_EVENT, headline: `先锋平台测试消息（${row.name}）`, message: '收到此消息说明推送通道配置正确。', channel: row.name, at: now };
    const newId = await repo.insertDelivery(tx, { channelId: id, eventKind: TEST_EVENT, payload: JSON.stringify(payload), dedupeKey: `${TEST_EVENT}:${id}:${randomToken(9)}`, now });
    await recordAudit(tx, ctx, { entityType: 'channel', entityId: id, unitId: row.unit_id, action: 'channel.test', after: { deliveryId: newId } });
    return newId;
  });
  await attemptNow(ctx.deps, deliveryId);
  return presentDelivery((await repo.deliveryById(db, deliveryId))!);
}

export async function listDeliveries(ctx: RequestCtx, channelId: number, q: DeliveriesQuery) {
  const db = ctx.deps.database.db;
  await loadChannel(db, ctx, channelId);
  const { rows, total } = await repo.deliveriesOf(db, channelId, q.status, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentDelivery), total, page: q.page, pageSize: q.pageSize };
}

export async function deadLetters(ctx: RequestCtx, q: DeadQuery) {
  const scope = await listingScope(ctx, q.unitId);
  const { rows, total } = await repo.deadDeliveries(ctx.deps.database.db, scope.units, scope.withGlobal, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    items: rows.map((r) => ({ ...presentDelivery(r), channel: { id: r.channel_id, name: r.channel_name, kind: r.channel_kind, unitId: r.unit_id } })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

/** A dead delivery back in the queue with its attempts counted afresh; the worker sends it. */
export async function retryDelivery(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const d = await repo.deliveryById(tx, id);
    if (!d) throw notFound();
    const channel = await loadChannel(tx, ctx, d.channel_id);
    if (!(await repo.requeueDead(tx, id, now))) throw conflict('channel.delivery_not_dead');
    await recordAudit(tx, ctx, { entityType: 'delivery', entityId: id, unitId: channel.unit_id, action: 'delivery.retry', before: { status: d.status, attempts: d.attempts, lastError: d.last_error }, after: { status: 'pending' } });
  });
  return presentDelivery((await repo.deliveryById(db, id))!);
}
