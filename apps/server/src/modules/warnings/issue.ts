// Issuing, updating and cancelling a warning. Each is one transaction that writes the warning,
// its CAP message, the timeline event, the audit entry and the durable jobs (fan-out round and
// escalation steps); the fan-out then runs in this request, and resumes after a crash.
import { capIdentifier, checkWarningInput, effectiveStatus, WARNING_LEVEL_INFO, warningTitle, type HazardType, type WarningLevel } from '@xianfeng/domain';
import { canAccessUnit, requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, notFound, unprocessable } from '../../core/errors.ts';
import { cancelJobs } from '../../core/jobs.ts';
import type { CapAlert, CapInfo } from '../cap/model.ts';
import { capInfo, capMessage, senderOf, type MessageRef, type WarningContent } from './cap-map.ts';
import { ESCALATE_JOB, fanOutNow, scheduleRound } from './cascade.ts';
import { enqueueWarningEvent } from '../notifications/outbound.ts';
import * as repo from './repo.ts';

export interface IssueInput {
  unitId: number;
  hazard: HazardType;
  level: WarningLevel;
  headline?: string;
  description: string;
  instruction: string;
  areaUnitIds: number[];
  effectiveAt?: string;
  expiresAt?: string | null;
  exercise: boolean;
}

/** Refuses an area outside the issuer's responsibility, naming it. */
async function checkAreas(db: Db, ctx: RequestCtx, unitIds: number[]) {
  const units = await db.selectFrom('unit').select(['id', 'name', 'archived_at']).where('id', 'in', unitIds.length ? unitIds : [-1]).execute();
  for (const id of unitIds) {
    const unit = units.find((u) => u.id === id);
    if (!unit || unit.archived_at) throw notFound();
    if (!(await canAccessUnit(db, ctx.auth!, 'warning.issue', id))) throw unprocessable('warning.area_outside_scope', { name: unit.name });
  }
  return units;
}

function inputIssues(input: { areaUnitIds: number[]; effectiveAt: string; expiresAt: string | null }, now: string) {
  const issues = checkWarningInput({ unitIds: input.areaUnitIds, effectiveAt: input.effectiveAt, expiresAt: input.expiresAt }, now);
  if (issues.length) {
    const field = (code: string) => (code === 'warning.no_area' ? 'areaUnitIds' : 'expiresAt');
    throw new AppError(400, 'error.validation', issues.map((code) => ({ field: field(code), code })));
  }
}

/** Everything a new warning needs written, shared by typed-in warnings, CAP imports and promoted alarms. */
export interface NewWarning {
  unitId: number;
  hazard: string;
  level: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  areaUnitIds: number[];
  effectiveAt: string;
  expiresAt: string | null;
  exercise: boolean;
  source: 'native' | 'cap' | 'alarm';
  /** An imported alert keeps its own CAP message; a native one gets one built here. */
  cap?: CapAlert;
  /** false for an imported alert that has already expired: kept as a record, nobody is told. */
  schedule?: boolean;
}

export async function createWarning(tx: Db, ctx: RequestCtx, w: NewWarning) {
  const now = nowIso(ctx.deps);
  const unit = await tx.selectFrom('unit').select(['id', 'code', 'name', 'area_code']).where('id', '=', w.unitId).executeTakeFirstOrThrow();
  const areas = await tx.selectFrom('unit').select(['id', 'name', 'area_code']).where('id', 'in', w.areaUnitIds).orderBy('id').execute();
  const serial = await tx.selectFrom('warning').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
  const cap = w.cap ?? capMessage({
    identifier: capIdentifier(unit.area_code ?? '', unit.code, now, Number(serial.n) + 1),
    sender: senderOf(unit.code),
    sentIso: now,
    msgType: 'Alert',
    exercise: w.exercise,
    references: [],
    info: [capInfo(contentOf(w, unit.name, areas), 'Alert')],
  });
  const existing = await tx.selectFrom('warning_message').select('warning_id').where('identifier', '=', cap.identifier).executeTakeFirst();
  if (existing) throw conflict('error.conflict', {}, [{ field: 'identifier', code: 'error.conflict', params: { id: existing.warning_id } }]);
  const inserted = await tx
    .insertInto('warning')
    .values({
      unit_id: unit.id, hazard: w.hazard, level: w.level, headline: w.headline, description: w.description, instruction: w.instruction,
      status: 'active', exercise: w.exercise ? 1 : 0, effective_at: w.effectiveAt, expires_at: w.expiresAt, identifier: cap.identifier, sender: cap.sender,
      source: w.source, deadline_from: now, fanout_done_at: null, issued_by: ctx.auth?.userId || null, issued_at: now, cancelled_at: null, cancel_reason: null, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = inserted.id;
  await tx.insertInto('warning_area').values(w.areaUnitIds.map((unit_id) => ({ warning_id: id, unit_id }))).execute();
  await tx.insertInto('warning_message').values({ warning_id: id, identifier: cap.identifier, msg_type: cap.msgType, sent: cap.sent, cap: JSON.stringify(cap), created_at: now }).execute();
  await repo.appendEvent(tx, { warningId: id, kind: 'issued', actorId: ctx.auth?.userId || null, detail: { level: w.level, hazard: w.hazard, source: w.source, areas: areas.map((a) => a.name) }, now });
  await enqueueWarningEvent(tx, { warningId: id, event: 'warning.issued', now });
  if (w.schedule !== false) await scheduleRound(tx, { id, level: w.level, deadlineFrom: now, generation: 1 }, now);
  await recordAudit(tx, ctx, { entityType: 'warning', entityId: id, unitId: unit.id, action: 'issue', after: { hazard: w.hazard, level: w.level, headline: w.headline, areaUnitIds: w.areaUnitIds, exercise: w.exercise, source: w.source, identifier: cap.identifier } });
  return id;
}

function contentOf(w: Omit<NewWarning, 'source' | 'unitId' | 'areaUnitIds'>, issuingUnitName: string, areas: Array<{ name: string; area_code: string | null }>): WarningContent {
  return { ...w, issuingUnitName, areas: areas.map((a) => ({ name: a.name, areaCode: a.area_code })) };
}

export async function issueWarning(ctx: RequestCtx, input: IssueInput) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.issue', input.unitId);
  const now = nowIso(ctx.deps);
  const effectiveAt = input.effectiveAt ?? now;
  const expiresAt = input.expiresAt ?? null;
  const areaUnitIds = [...new Set(input.areaUnitIds)];
  inputIssues({ areaUnitIds, effectiveAt, expiresAt }, now);
  await checkAreas(db, ctx, areaUnitIds);
  const headline = input.headline?.trim() || warningTitle(input.hazard, input.level);
  const id = await db.transaction().execute((tx) =>
    createWarning(tx, ctx, { ...input, headline, areaUnitIds, effectiveAt, expiresAt, source: 'native' }),
  );
  await startRound(ctx, id, 1, 'issued');
  return id;
}

/** After the commit: fan out now and tell the open dashboards. */
export async function startRound(ctx: RequestCtx, warningId: number, generation: number, kind: string) {
  await ctx.deps.events.publish({ topic: 'warning', warningId, kind, at: nowIso(ctx.deps) });
  await fanOutNow(ctx.deps, warningId, generation);
}

async function loadForChange(tx: Db, ctx: RequestCtx, id: number) {
  const warning = await repo.getWarning(tx, id);
  if (!warning) throw notFound();
  await requireUnitAccess(tx, ctx.auth, 'warning.issue', warning.unit_id);
  const status = effectiveStatus({ status: warning.status, expiresAt: warning.expires_at }, nowIso(ctx.deps));
  if (status !== 'active') throw conflict('warning.not_active', { status: statusWord(status, ctx.locale) });
  return warning;
}

export function statusWord(status: 'cancelled' | 'expired' | 'active', locale: RequestCtx['locale']) {
  const words = { cancelled: { 'zh-CN': '解除', en: 'cancelled' }, expired: { 'zh-CN': '过期', en: 'expired' }, active: { 'zh-CN': '生效', en: 'active' } } as const;
  return words[status][locale];
}

async function previousMessages(tx: Db, warningId: number): Promise<MessageRef[]> {
  const rows = await tx.selectFrom('warning_message').select(['cap']).where('warning_id', '=', warningId).where('msg_type', 'in', ['Alert', 'Update']).orderBy('id').execute();
  return rows.map((r) => {
    const cap = JSON.parse(r.cap) as CapAlert;
    return { identifier: cap.identifier, sender: cap.sender, sent: cap.sent };
  });
}

export interface UpdateInput {
  version: number;
  level?: WarningLevel;
  headline?: string;
  description?: string;
  instruction?: string;
  expiresAt?: string | null;
  /** Units added to the area (an area is never taken away: cancel and issue anew for that). */
  addAreaUnitIds?: number[];
}

/**
 * An update (CAP Update) re-tells every covered unit. A raised level asks every unit to
 * acknowledge again with the new level's deadline; added areas are reached by a new fan-out round.
 */
export async function updateWarning(ctx: RequestCtx, id: number, input: UpdateInput, imported?: CapAlert) {
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  const added = [...new Set(input.addAreaUnitIds ?? [])];
  if (added.length) await checkAreas(db, ctx, added);
  const generation = await db.transaction().execute(async (tx) => {
    const w = await loadForChange(tx, ctx, id);
    if (w.version !== input.version) throw conflict('warning.version_conflict');
    const level = (input.level ?? w.level) as WarningLevel;
    const next = {
      level,
      headline: input.headline?.trim() || w.headline,
      description: input.description ?? w.description,
      instruction: input.instruction ?? w.instruction,
      expires_at: input.expiresAt === undefined ? w.expires_at : input.expiresAt,
    };
    const currentAreas = (await repo.areaUnits(tx, id)).map((a) => a.id);
    const newAreas = added.filter((a) => !currentAreas.includes(a));
    const changed = Object.entries(next).some(([k, v]) => (w as Record<string, unknown>)[k] !== v) || newAreas.length > 0;
    if (!changed && !imported) throw unprocessable('warning.nothing_changed');
    inputIssues({ areaUnitIds: [...currentAreas, ...newAreas], effectiveAt: w.effective_at, expiresAt: next.expires_at }, now);
    const raised = WARNING_LEVEL_INFO[level].rank > WARNING_LEVEL_INFO[w.level as WarningLevel].rank;
    const version = w.version + 1;
    const result = await tx
      .updateTable('warning')
      .set({ ...next, version, updated_at: now, ...(raised ? { deadline_from: now } : {}) })
      .where('id', '=', id)
      .where('version', '=', w.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('warning.version_conflict');
    if (newAreas.length) await tx.insertInto('warning_area').values(newAreas.map((unit_id) => ({ warning_id: id, unit_id }))).execute();
    if (raised) {
      // A higher level must be acknowledged anew: earlier acknowledgements stay in the timeline.
      await tx.updateTable('warning_unit').set({ acked_at: null, acked_by: null, ack_seconds: null, escalation_step: 0, overdue_at: null, notified_at: now }).where('warning_id', '=', id).execute();
    }
    await cancelJobs(tx, ESCALATE_JOB, id);
    await scheduleRound(tx, { id, level, deadlineFrom: raised ? now : w.deadline_from, generation: version }, now);
    const unit = await tx.selectFrom('unit').select(['code', 'name']).where('id', '=', w.unit_id).executeTakeFirstOrThrow();
    const areas = await tx.selectFrom('unit').select(['id', 'name', 'area_code']).where('id', 'in', [...currentAreas, ...newAreas]).orderBy('id').execute();
    const serial = await tx.selectFrom('warning_message').select((eb) => eb.fn.countAll<number>().as('n')).where('warning_id', '=', id).executeTakeFirstOrThrow();
    const content = contentOf({ ...next, hazard: w.hazard, effectiveAt: w.effective_at, expiresAt: next.expires_at, exercise: w.exercise === 1 }, unit.name, areas);
    await insertMessage(tx, id, imported ?? capMessage({
      identifier: `${w.identifier}_U${Number(serial.n)}`, sender: w.sender, sentIso: now, msgType: 'Update', exercise: w.exercise === 1,
      references: await previousMessages(tx, id), info: [capInfo(content, 'Update')],
    }), now);
    await repo.appendEvent(tx, { warningId: id, kind: 'updated', actorId: ctx.auth?.userId || null, detail: { level, raised, addedAreas: areas.filter((a) => newAreas.includes(a.id)).map((a) => a.name) }, now });
    await enqueueWarningEvent(tx, { warningId: id, event: 'warning.updated', now });
    await recordAudit(tx, ctx, { entityType: 'warning', entityId: id, unitId: w.unit_id, action: 'update', before: { level: w.level, headline: w.headline, description: w.description, instruction: w.instruction, expiresAt: w.expires_at }, after: { ...next, addAreaUnitIds: newAreas } });
    return version;
  });
  await startRound(ctx, id, generation, 'updated');
  return id;
}

async function insertMessage(tx: Db, warningId: number, cap: CapAlert, now: string) {
  await tx.insertInto('warning_message').values({ warning_id: warningId, identifier: cap.identifier, msg_type: cap.msgType, sent: cap.sent, cap: JSON.stringify(cap), created_at: now }).execute();
}

/** Cancel (解除): stops escalation, tells every covered unit, and is exported as a CAP Cancel. */
export async function cancelWarning(ctx: RequestCtx, id: number, input: { version: number; reason: string }, imported?: CapAlert) {
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const w = await loadForChange(tx, ctx, id);
    if (w.version !== input.version) throw conflict('warning.version_conflict');
    await tx.updateTable('warning').set({ status: 'cancelled', cancelled_at: now, cancel_reason: input.reason, version: w.version + 1, updated_at: now }).where('id', '=', id).execute();
    await cancelJobs(tx, ESCALATE_JOB, id);
    const lastInfo = await lastInfos(tx, id);
    const serial = await tx.selectFrom('warning_message').select((eb) => eb.fn.countAll<number>().as('n')).where('warning_id', '=', id).executeTakeFirstOrThrow();
    await insertMessage(tx, id, imported ?? capMessage({
      identifier: `${w.identifier}_C${Number(serial.n)}`, sender: w.sender, sentIso: now, msgType: 'Cancel', exercise: w.exercise === 1,
      references: await previousMessages(tx, id),
      info: lastInfo.map((info) => ({ ...info, responseTypes: ['AllClear'], urgency: 'Past', description: input.reason, instruction: undefined })),
    }), now);
    await repo.notifyResponsible(tx, tx.selectFrom('warning_unit').select('warning_unit.unit_id as descendant_id').where('warning_id', '=', id), {
      kind: 'warning.cancelled', title: w.headline, warningId: id, link: `/warnings/${id}`, dedupePrefix: `w${id}:cancel`, now,
    });
    await repo.appendEvent(tx, { warningId: id, kind: 'cancelled', actorId: ctx.auth?.userId || null, detail: { reason: input.reason }, now });
    await enqueueWarningEvent(tx, { warningId: id, event: 'warning.cancelled', now });
    await recordAudit(tx, ctx, { entityType: 'warning', entityId: id, unitId: w.unit_id, action: 'cancel', before: { status: w.status }, after: { status: 'cancelled', reason: input.reason } });
  });
  await ctx.deps.events.publish({ topic: 'warning', warningId: id, kind: 'cancelled', at: now });
}

async function lastInfos(tx: Db, warningId: number): Promise<CapInfo[]> {
  const row = await tx.selectFrom('warning_message').select('cap').where('warning_id', '=', warningId).where('msg_type', 'in', ['Alert', 'Update']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return (JSON.parse(row.cap) as CapAlert).infos;
}
