// CAP 1.2 in and out. An imported alert becomes a warning: its geocodes (GB/T 2260) and area
// names are matched to units of the importer's subtree, its severity gives the level, and the
// message is kept whole so the export says exactly what came in. Every message of a warning and
// every unit's acknowledgement can be exported as CAP 1.2.
import { checkWarningInput, effectiveStatus, hazardFromText, isHazardType, isWarningLevel, levelFromCapSeverity, levelFromText, type WarningLevel } from '@xianfeng/domain';
import { canAccessUnit, requirePermission, requireUnitAccess } from '../../core/access.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, notFound, unprocessable } from '../../core/errors.ts';
import { CapError } from '../cap/errors.ts';
import type { CapAlert, CapInfo } from '../cap/model.ts';
import { parseReferences } from '../cap/model.ts';
import { parseCap } from '../cap/parse.ts';
import { toCapXml } from '../cap/serialize.ts';
import { ackMessage } from './cap-map.ts';
import { cancelWarning, createWarning, startRound, updateWarning } from './issue.ts';
import { warningScope } from './view.ts';

/** A CAP refusal as the API's error: the message names the line and the element. */
export function capAppError(err: CapError) {
  return new AppError(400, err.code, { line: err.line, column: err.column, element: err.element }, err.params);
}

function parse(input: string | Buffer): CapAlert {
  try {
    return parseCap(input);
  } catch (err) {
    if (err instanceof CapError) throw capAppError(err);
    throw err;
  }
}

/** The info block to read a warning from: Chinese first (the national profile), else the first. */
function primaryInfo(alert: CapAlert): CapInfo | undefined {
  return alert.infos.find((i) => i.language?.toLowerCase().startsWith('zh')) ?? alert.infos[0];
}

function parameter(info: CapInfo, name: string) {
  return info.parameters.find((p) => p.valueName === name)?.value;
}

/** CAP's offsets (+08:00, -05:00) to the UTC ISO text the database keeps. */
function isoOf(capTime: string | undefined) {
  return capTime ? new Date(capTime).toISOString() : undefined;
}

/**
 * The units an alert's areas name, among those the importer may warn: a geocode equal to a unit's
 * area code, or an area description equal to a unit's name.
 */
async function matchAreas(db: Db, ctx: RequestCtx, alert: CapAlert) {
  const areas = alert.infos.flatMap((i) => i.areas);
  const codes = [...new Set(areas.flatMap((a) => a.geocodes.map((g) => g.value.trim())).filter(Boolean))];
  const names = [...new Set(areas.map((a) => a.areaDesc.trim()).filter(Boolean))];
  const candidates = [
    ...(codes.length ? await db.selectFrom('unit').select(['id', 'name', 'area_code']).where('area_code', 'in', codes).where('archived_at', 'is', null).execute() : []),
    ...(names.length ? await db.selectFrom('unit').select(['id', 'name', 'area_code']).where('name', 'in', names).where('archived_at', 'is', null).execute() : []),
  ];
  const matched = new Map<number, string>();
  for (const unit of candidates) {
    if (!matched.has(unit.id) && (await canAccessUnit(db, ctx.auth!, 'warning.issue', unit.id))) matched.set(unit.id, unit.name);
  }
  const matchedNames = new Set(matched.values());
  const matchedCodes = new Set(candidates.filter((c) => matched.has(c.id)).map((c) => c.area_code));
  const unmatched = areas.filter((a) => !matchedNames.has(a.areaDesc.trim()) && !a.geocodes.some((g) => matchedCodes.has(g.value.trim()))).map((a) => a.areaDesc);
  return { unitIds: [...matched.keys()], unmatched: [...new Set(unmatched)] };
}

export interface ImportResult {
  warningId: number;
  identifier: string;
  matchedUnits: number;
  /** Areas of the alert no unit was found for; with none found, the issuing unit's subtree is covered. */
  unmatchedAreas: string[];
  coveredIssuingSubtree: boolean;
}

/**
 * Imports an Alert (or an Update whose first message never reached us) as a new warning, issued
 * in the name of `unitId`. Updates and cancels of a warning already here go through the usual
 * update and cancel; an alert that has already expired is kept as a record, not fanned out.
 */
export async function importCap(ctx: RequestCtx, input: string | Buffer, opts: { unitId: number }): Promise<ImportResult> {
  const db = ctx.deps.database.db;
  requirePermission(ctx.auth, 'warning.issue');
  await requireUnitAccess(db, ctx.auth, 'warning.issue', opts.unitId);
  const alert = parse(input);
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') throw unprocessable('cap.msgtype_unsupported', { msgType: alert.msgType });
  const known = await db.selectFrom('warning_message').select('warning_id').where('identifier', '=', alert.identifier).executeTakeFirst();
  if (known) throw conflict('cap.duplicate', { identifier: alert.identifier, id: known.warning_id });
  const referenced = await referencedWarning(db, alert);
  if (alert.msgType === 'Cancel' && !referenced) throw unprocessable('cap.unknown_reference');
  if (referenced) return applyToKnown(ctx, referenced, alert);

  const info = primaryInfo(alert);
  const now = nowIso(ctx.deps);
  const { unitIds, unmatched } = await matchAreas(db, ctx, alert);
  const areaUnitIds = unitIds.length ? unitIds : [opts.unitId];
  const declaredLevel = info && parameter(info, 'xianfeng:level');
  const level: WarningLevel = isWarningLevel(declaredLevel) ? declaredLevel : info ? (info.severity === 'Unknown' ? (levelFromText(info.event) ?? 'blue') : levelFromCapSeverity(info.severity)) : 'blue';
  const declaredHazard = info && parameter(info, 'xianfeng:hazard');
  const hazard = isHazardType(declaredHazard) ? declaredHazard : hazardFromText(info?.event ?? '');
  const effectiveAt = isoOf(info?.effective ?? info?.onset ?? alert.sent)!;
  const expiresAt = isoOf(info?.expires) ?? null;
  // An alert from the past is still a record worth keeping; only its times must make sense.
  const issues = checkWarningInput({ unitIds: areaUnitIds, effectiveAt, expiresAt }, now).filter((i) => i !== 'warning.expired_already');
  if (issues.length) throw new AppError(400, 'error.validation', issues.map((code) => ({ field: 'expires', code })));
  const live = effectiveStatus({ status: 'active', expiresAt }, now) === 'active';

  const warningId = await db.transaction().execute((tx) =>
    createWarning(tx, ctx, {
      unitId: opts.unitId, hazard, level, areaUnitIds, effectiveAt, expiresAt, source: 'cap', cap: alert,
      exercise: alert.status !== 'Actual',
      headline: (info?.headline ?? info?.event ?? alert.identifier).slice(0, 200),
      description: info?.description ?? info?.event ?? '',
      instruction: info?.instruction ?? '',
      schedule: live,
    }),
  );
  if (live) await startRound(ctx, warningId, 1, 'issued');
  return { warningId, identifier: alert.identifier, matchedUnits: unitIds.length, unmatchedAreas: unmatched, coveredIssuingSubtree: unitIds.length === 0 };
}

/** An Update or Cancel of a warning that came in earlier: applied like one typed in here. */
async function applyToKnown(ctx: RequestCtx, warningId: number, alert: CapAlert): Promise<ImportResult> {
  const db = ctx.deps.database.db;
  const current = await db.selectFrom('warning').select(['version', 'level']).where('id', '=', warningId).executeTakeFirstOrThrow();
  const info = primaryInfo(alert);
  if (alert.msgType === 'Cancel') {
    await cancelWarning(ctx, warningId, { version: current.version, reason: info?.description ?? info?.headline ?? alert.note ?? 'CAP Cancel' }, alert);
  } else {
    const declared = info && parameter(info, 'xianfeng:level');
    const level = isWarningLevel(declared) ? declared : info && info.severity !== 'Unknown' ? levelFromCapSeverity(info.severity) : (current.level as WarningLevel);
    await updateWarning(ctx, warningId, {
      version: current.version, level,
      ...(info?.headline ? { headline: info.headline } : {}),
      ...(info?.description ? { description: info.description } : {}),
      ...(info?.instruction ? { instruction: info.instruction } : {}),
      ...(info?.expires ? { expiresAt: isoOf(info.expires)! } : {}),
    }, alert);
  }
  return { warningId, identifier: alert.identifier, matchedUnits: 0, unmatchedAreas: [], coveredIssuingSubtree: false };
}

async function referencedWarning(db: Db, alert: CapAlert) {
  const refs = parseReferences(alert.references);
  if (refs.length === 0) return null;
  const row = await db.selectFrom('warning_message').select('warning_id').where('identifier', 'in', refs.map((r) => r.identifier)).executeTakeFirst();
  return row?.warning_id ?? null;
}

/** One stored message of a warning as CAP 1.2 XML (the latest when no message is named). */
export async function exportMessage(ctx: RequestCtx, warningId: number, messageId?: number) {
  const db = ctx.deps.database.db;
  await warningScope(db, ctx, warningId);
  let q = db.selectFrom('warning_message').select(['identifier', 'cap']).where('warning_id', '=', warningId);
  q = messageId ? q.where('id', '=', messageId) : q.orderBy('id', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return { identifier: row.identifier, xml: toCapXml(JSON.parse(row.cap) as CapAlert) };
}

/** A unit's acknowledgement as a CAP Ack referencing the latest message it acknowledged. */
export async function exportAck(ctx: RequestCtx, warningId: number, unitId: number) {
  const db = ctx.deps.database.db;
  const { warning, within } = await warningScope(db, ctx, warningId);
  if (within && !(await canAccessUnit(db, ctx.auth!, 'warning.read', unitId))) throw notFound();
  const reached = await db
    .selectFrom('warning_unit')
    .innerJoin('unit', 'unit.id', 'warning_unit.unit_id')
    .select(['unit.code', 'warning_unit.acked_at'])
    .where('warning_unit.warning_id', '=', warningId)
    .where('warning_unit.unit_id', '=', unitId)
    .executeTakeFirst();
  if (!reached?.acked_at) throw notFound();
  const acknowledged = await db
    .selectFrom('warning_message')
    .select('cap')
    .where('warning_id', '=', warningId)
    .where('msg_type', 'in', ['Alert', 'Update'])
    .where('created_at', '<=', reached.acked_at)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const cap = JSON.parse(acknowledged.cap) as CapAlert;
  const ack = ackMessage({ warningIdentifier: warning.identifier, unitCode: reached.code, ackedAtIso: reached.acked_at, exercise: warning.exercise === 1, acknowledged: { identifier: cap.identifier, sender: cap.sender, sent: cap.sent } });
  return { identifier: ack.identifier, xml: toCapXml(ack) };
}
