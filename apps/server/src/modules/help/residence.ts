// 在职党员 双报到: a member whose branch is at their workplace also registers with the grid,
// village or community where they live, with their specialties and the hours they can help. They
// are then matched to that village's help requests; the points they earn there are booked to
// their own member record, so they reach their own unit's ledger. One registration at a time.
import { checkHelpWindows, type HelpWindow } from '@xianfeng/domain';
import { requirePermission, requireUnitAccess, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Auth, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { specialtiesFor } from '../members/repo.ts';
import * as repo from './repo.ts';
import type { ResidenceBody } from './schemas.ts';

/** The caller's member record: serving needs one (an account without one has no standing: 403). */
export function memberOf(auth: Auth): number {
  if (auth.memberId === null) throw new AppError(403, 'help.not_a_member');
  return auth.memberId;
}

export function parseHours(json: string | null): HelpWindow[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as HelpWindow[]) : [];
  } catch {
    return [];
  }
}

function presentResidence(r: repo.ResidenceRow) {
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name, kind: r.unit_kind },
    village: { id: r.village_id, name: r.village_name, code: r.village_code },
    specialties: r.specialties ? r.specialties.split('|') : [],
    hours: parseHours(r.hours),
    note: r.note,
    createdAt: r.created_at,
  };
}

export async function myResidence(ctx: RequestCtx) {
  const auth = requirePermission(ctx.auth, 'help.serve');
  const memberId = memberOf(auth);
  const db = ctx.deps.database.db;
  const [row, member] = await Promise.all([
    repo.activeResidence(db, memberId),
    db.selectFrom('member').innerJoin('unit', 'unit.id', 'member.unit_id').select(['member.name', 'member.specialties', 'unit.name as unit_name']).where('member.id', '=', memberId).executeTakeFirst(),
  ]);
  if (!member) throw notFound();
  return {
    member: { id: memberId, name: member.name, unitName: member.unit_name, specialties: member.specialties ? member.specialties.split('|') : [] },
    registration: row ? presentResidence(row) : null,
  };
}

export async function register(ctx: RequestCtx, body: ResidenceBody) {
  const auth = requirePermission(ctx.auth, 'help.serve');
  const memberId = memberOf(auth);
  const db = ctx.deps.database.db;
  const unit = await repo.unitById(db, body.unitId);
  if (!unit || unit.archived_at) throw notFound();
  if (!repo.PLACE_KINDS.includes(unit.kind)) throw unprocessable('help.not_place_unit');
  const village = await repo.villageOf(db, unit.id);
  if (!village) throw unprocessable('help.not_place_unit');
  const specialties = [...new Set(body.specialties)];
  const known = new Set(await specialtiesFor(db, village.id));
  const issues = specialties.filter((s) => !known.has(s)).map((s) => ({ field: 'specialties', code: 'help.specialty_unknown' as const, params: { value: s } }));
  for (const code of checkHelpWindows(body.hours)) issues.push({ field: 'hours', code: code as never, params: { value: '' } });
  if (issues.length) throw invalid(issues);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const current = await repo.activeResidence(tx, memberId);
    if (current) throw conflict('help.already_registered', { unit: current.unit_name });
    const id = await repo.insertResidence(tx, { memberId, unitId: unit.id, villageId: village.id, specialties, hours: JSON.stringify(body.hours), note: body.note, now });
    await recordAudit(tx, ctx, { entityType: 'help_residence', entityId: id, unitId: unit.id, action: 'help.residence.register', after: { memberId, unit: unit.name, specialties, hours: body.hours } });
  });
  return myResidence(ctx);
}

export async function endRegistration(ctx: RequestCtx) {
  const auth = requirePermission(ctx.auth, 'help.serve');
  const memberId = memberOf(auth);
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (tx) => {
    const current = await repo.activeResidence(tx, memberId);
    if (!current || (await repo.endResidence(tx, current.id, nowIso(ctx.deps))) !== 1) throw conflict('help.not_registered');
    await recordAudit(tx, ctx, { entityType: 'help_residence', entityId: current.id, unitId: current.unit_id, action: 'help.residence.end', before: { unit: current.unit_name } });
  });
  return myResidence(ctx);
}

/** Who registered to live in the caller's villages (or one of them), newest first; phones masked. */
export async function listResidents(ctx: RequestCtx, q: { unitId?: number; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'help.read');
  const db = ctx.deps.database.db;
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'help.read', q.unitId);
  const scope = scopedUnitIds(db, auth, 'help.read');
  const [rows, total] = await repo.residentsOf(db, scope, q.unitId, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, memberId: r.member_id, name: r.name, mobile: r.mobile_masked, homeUnitName: r.home_unit_name,
      place: { id: r.unit_id, name: r.place_name }, specialties: r.specialties ? r.specialties.split('|') : [], hours: parseHours(r.hours), note: r.note, createdAt: r.created_at,
    })),
  };
}

/** Grids, villages and communities to register at, by name or code. Place names are public. */
export async function places(ctx: RequestCtx, q: { q: string }) {
  memberOf(requirePermission(ctx.auth, 'help.serve'));
  const rows = await repo.searchPlaces(ctx.deps.database.db, ctx.deps.database.dialect, q.q, 20);
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentName: r.parent_name })) };
}
