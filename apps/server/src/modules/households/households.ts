// Vulnerable households of a grid (网格): where the people to move first live. Sensitive personal
// information, so it is seen only by those responsible for the grid and the duty officers above
// (household.read on the grid's unit), and every read leaves an audit entry in the same request.
// Phones are stored encrypted and shown masked; a person is never deleted, only marked removed.
import { maskMobile, parseMobile, VULNERABLE_CATEGORY_VALUES } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import * as repo from './repo.ts';
import type { CreateBody, ListQuery, PatchBody, PersonBody } from './schemas.ts';

type PersonRow = Awaited<ReturnType<typeof repo.vulnerableOf>>[number];

export function presentPerson(p: Omit<PersonRow, 'household_id'>) {
  return { id: p.id, name: p.name, category: p.category, reason: p.reason, note: p.note, createdAt: p.created_at };
}

export function presentHousehold(h: Pick<repo.HouseholdRow, 'id' | 'unit_id' | 'unit_name' | 'address' | 'head_name' | 'phone_masked' | 'people' | 'created_at' | 'updated_at' | 'archived_at'>, people: PersonRow[]) {
  return {
    id: h.id,
    unitId: h.unit_id,
    unitName: h.unit_name,
    address: h.address,
    headName: h.head_name,
    phone: h.phone_masked,
    people: h.people,
    createdAt: h.created_at,
    updatedAt: h.updated_at,
    archivedAt: h.archived_at,
    vulnerable: people.filter((p) => p.household_id === h.id).map(presentPerson),
  };
}

/** A view of households is itself a fact to keep: who looked at whose vulnerable people, when. */
export function auditView(db: Db, ctx: RequestCtx, v: { entityType: 'household' | 'household_list'; entityId: number; unitId: number; after?: Record<string, unknown> }) {
  return recordAudit(db, ctx, { entityType: v.entityType, entityId: v.entityId, unitId: v.unitId, action: 'view', after: v.after });
}

export async function listHouseholds(ctx: RequestCtx, q: ListQuery) {
  const { db, dialect } = ctx.deps.database;
  await requireUnitAccess(db, ctx.auth, 'household.read', q.unitId);
  const unit = (await repo.unitById(db, q.unitId))!;
  const { rows, total } = await repo.listUnder(db, dialect, { unitId: q.unitId, archived: q.archived, q: q.q || undefined, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const [people, counts] = await Promise.all([repo.vulnerableOf(db, rows.map((r) => r.id)), repo.categoryCounts(db, q.unitId)]);
  await auditView(db, ctx, { entityType: 'household_list', entityId: q.unitId, unitId: q.unitId, after: { page: q.page, archived: q.archived, households: rows.map((r) => r.id) } });
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    categories: Object.fromEntries(VULNERABLE_CATEGORY_VALUES.map((c) => [c, counts.get(c) ?? 0])),
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => presentHousehold(r, people)),
  };
}

/** A household with access checked; outside the caller's grids it does not exist. */
async function load(db: Db, ctx: RequestCtx, id: number, permission: 'household.read' | 'household.write') {
  const h = await repo.getHousehold(db, id);
  if (!h) throw notFound();
  await requireUnitAccess(db, ctx.auth, permission, h.unit_id);
  return h;
}

async function loadWritable(db: Db, ctx: RequestCtx, id: number) {
  const h = await load(db, ctx, id, 'household.write');
  if (h.archived_at) throw conflict('household.archived');
  return h;
}

export async function getHousehold(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const h = await load(db, ctx, id, 'household.read');
  const people = await repo.vulnerableOf(db, [h.id]);
  await auditView(db, ctx, { entityType: 'household', entityId: h.id, unitId: h.unit_id });
  return presentHousehold(h, people);
}

/** A phone as typed → the number and its stored columns (none for empty); a number that is not a mobile number is refused. */
function phoneOf(ctx: RequestCtx, raw: string | null | undefined) {
  if (!raw) return { plain: null, stored: { phone_enc: null, phone_masked: null } };
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw invalid([{ field: 'phone', code: parsed.code }]);
  return { plain: parsed.value, stored: { phone_enc: ctx.deps.cipher.encrypt(parsed.value), phone_masked: maskMobile(parsed.value) } };
}

export async function createHousehold(ctx: RequestCtx, body: CreateBody) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'household.write', body.unitId);
  const unit = (await repo.unitById(db, body.unitId))!;
  if (!repo.FIELD_UNIT_KINDS.includes(unit.kind)) throw unprocessable('household.not_grid');
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  const phone = phoneOf(ctx, body.phone).stored;
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await repo.insertHousehold(tx, unit.id, { address: body.address, head_name: body.headName, people: body.people, ...phone }, now);
    await recordAudit(tx, ctx, {
      entityType: 'household', entityId: newId, unitId: unit.id, action: 'households.create',
      after: { address: body.address, headName: body.headName, phone: phone.phone_masked, people: body.people },
    });
    return newId;
  });
  return presentHousehold((await repo.getHousehold(db, id))!, []);
}

export async function updateHousehold(ctx: RequestCtx, id: number, body: PatchBody) {
  const db = ctx.deps.database.db;
  const h = await loadWritable(db, ctx, id);
  const now = nowIso(ctx.deps);
  const oldPhone = h.phone_enc ? ctx.deps.cipher.decrypt(h.phone_enc) : null;
  const phone = body.phone === undefined ? undefined : phoneOf(ctx, body.phone);
  // Compared in the clear, audited masked: the log never holds a whole phone number.
  const diff = changedFields(
    { address: h.address, headName: h.head_name, people: h.people, phone: oldPhone },
    { address: body.address, headName: body.headName, people: body.people, phone: phone?.plain },
  );
  if (diff.changed) {
    await db.transaction().execute(async (tx) => {
      await repo.updateHousehold(tx, id, {
        ...(body.address === undefined ? {} : { address: body.address }),
        ...(body.headName === undefined ? {} : { head_name: body.headName }),
        ...(body.people === undefined ? {} : { people: body.people }),
        ...(phone && 'phone' in diff.after ? phone.stored : {}),
      }, now);
      const mask = (v: Record<string, unknown>) => ('phone' in v ? { ...v, phone: v.phone ? maskMobile(String(v.phone)) : null } : v);
      await recordAudit(tx, ctx, { entityType: 'household', entityId: id, unitId: h.unit_id, action: 'households.update', before: mask(diff.before), after: mask(diff.after) });
    });
  }
  const people = await repo.vulnerableOf(db, [id]);
  return presentHousehold((await repo.getHousehold(db, id))!, people);
}

/** Archiving (the family moved away) keeps the record for the log; archiving twice changes nothing. */
export async function archiveHousehold(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const h = await load(db, ctx, id, 'household.write');
  if (!h.archived_at) {
    const now = nowIso(ctx.deps);
    await db.transaction().execute(async (tx) => {
      const result = await repo.archiveHousehold(tx, id, now);
      if (Number(result.numUpdatedRows) === 1) {
        await recordAudit(tx, ctx, { entityType: 'household', entityId: id, unitId: h.unit_id, action: 'households.archive', before: { archivedAt: null }, after: { archivedAt: now } });
      }
    });
  }
  return presentHousehold((await repo.getHousehold(db, id))!, []);
}

export async function addPerson(ctx: RequestCtx, householdId: number, body: PersonBody) {
  const db = ctx.deps.database.db;
  const h = await loadWritable(db, ctx, householdId);
  const now = nowIso(ctx.deps);
  const person = await db.transaction().execute(async (tx) => {
    const row = await repo.insertPerson(tx, h.id, body, ctx.auth!.userId || null, now);
    await recordAudit(tx, ctx, { entityType: 'household', entityId: h.id, unitId: h.unit_id, action: 'households.add_person', after: { personId: row.id, name: body.name, category: body.category, reason: body.reason } });
    return row;
  });
  return presentPerson(person);
}

export async function removePerson(ctx: RequestCtx, householdId: number, personId: number) {
  const db = ctx.deps.database.db;
  const h = await loadWritable(db, ctx, householdId);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const person = await repo.personOf(tx, h.id, personId);
    if (!person) throw notFound();
    const result = await repo.removePerson(tx, personId, now);
    if (Number(result.numUpdatedRows) !== 1) throw notFound();
    await recordAudit(tx, ctx, { entityType: 'household', entityId: h.id, unitId: h.unit_id, action: 'households.remove_person', before: { personId, name: person.name, category: person.category, reason: person.reason }, after: { removedAt: now } });
  });
}
