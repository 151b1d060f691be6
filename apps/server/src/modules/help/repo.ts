// Every SQL statement of help requests (群众求助) and residence registrations (双报到).
import { sql } from 'kysely';
import { helpCategory, type HelpCategory } from '@xianfeng/domain';
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { forUpdate, likeText, toCount, type DialectName } from '../../db/dialect.ts';
export { communityOf as villageOf } from '../commitments/repo.ts';
export { findByCode as unitByCode, findById as unitById } from '../units/repo.ts';

/** Units where people live and ask for help: a grid, a village or a community. */
export const PLACE_KINDS = ['grid', 'village', 'community'];

/** Grids, villages and communities whose name or code contains the text (to register where one lives). */
export function searchPlaces(db: Db, dialect: DialectName, q: string, limit: number) {
  return db
    .selectFrom('unit')
    .leftJoin('unit as parent', 'parent.id', 'unit.parent_id')
    .select(['unit.id', 'unit.code', 'unit.name', 'unit.kind', 'parent.name as parent_name'])
    .where('unit.kind', 'in', PLACE_KINDS)
    .where('unit.archived_at', 'is', null)
    .where((eb) => eb.or([likeText(dialect, 'unit.name', q, 'contains'), eb('unit.code', '=', q)]))
    .orderBy('unit.name')
    .limit(limit)
    .execute();
}

/**
 * The places of some units, for a filing form: for each unit its village or community (the unit
 * itself when it is one, the nearest above it otherwise — a branch's village), that place's grids,
 * and the unit itself when it is a grid. Units above the villages give nothing.
 */
export async function placesOfUnits(db: Db, unitIds: number[]) {
  if (!unitIds.length) return [];
  const villages = db
    .selectFrom('unit_closure as c')
    .innerJoin('unit as v', 'v.id', 'c.ancestor_id')
    .select('v.id')
    .where('c.descendant_id', 'in', unitIds)
    .where('v.kind', 'in', ['village', 'community']);
  return db
    .selectFrom('unit')
    .leftJoin('unit as parent', 'parent.id', 'unit.parent_id')
    .select(['unit.id', 'unit.code', 'unit.name', 'unit.kind', 'parent.name as parent_name'])
    .where('unit.archived_at', 'is', null)
    .where((eb) => eb.or([
      eb('unit.id', 'in', villages),
      eb.and([eb('unit.kind', '=', 'grid'), eb.or([eb('unit.parent_id', 'in', villages), eb('unit.id', 'in', unitIds)])]),
    ]))
    .orderBy('unit.code')
    .execute();
}

// ——— residence registrations ———

export function activeResidence(db: Db, memberId: number) {
  return db
    .selectFrom('help_residence as r')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .innerJoin('unit as v', 'v.id', 'r.village_id')
    .select(['r.id', 'r.member_id', 'r.unit_id', 'unit.name as unit_name', 'unit.kind as unit_kind', 'r.village_id', 'v.name as village_name', 'v.code as village_code', 'r.specialties', 'r.hours', 'r.note', 'r.status', 'r.created_at', 'r.ended_at'])
    .where('r.member_id', '=', memberId)
    .where('r.status', '=', 'active')
    .executeTakeFirst();
}
export type ResidenceRow = NonNullable<Awaited<ReturnType<typeof activeResidence>>>;

export async function insertResidence(db: Db, r: { memberId: number; unitId: number; villageId: number; specialties: string[]; hours: string; note: string; now: string }) {
  const row = await db
    .insertInto('help_residence')
    .values({ member_id: r.memberId, unit_id: r.unitId, village_id: r.villageId, specialties: r.specialties.join('|'), hours: r.hours, note: r.note, status: 'active', created_at: r.now, ended_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (r.specialties.length) {
    await db
      .insertInto('help_residence_specialty')
      .values(r.specialties.map((specialty) => ({ residence_id: row.id, village_id: r.villageId, specialty, member_id: r.memberId })))
      .execute();
  }
  return row.id;
}

/** Ends a registration; 0 rows when it was no longer active. */
export async function endResidence(db: Db, id: number, now: string) {
  await db.deleteFrom('help_residence_specialty').where('residence_id', '=', id).execute();
  const res = await db.updateTable('help_residence').set({ status: 'ended', ended_at: now }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Members registered to live in a village (or below it), for its secretary. */
export function residentsOf(db: Db, scope: ScopeQuery, within: number | undefined, limit: number, offset: number) {
  let q = db
    .selectFrom('help_residence as r')
    .innerJoin('member as m', 'm.id', 'r.member_id')
    .innerJoin('unit as home', 'home.id', 'm.unit_id')
    .innerJoin('unit as place', 'place.id', 'r.unit_id')
    .where('r.status', '=', 'active')
    .where('r.unit_id', 'in', scope);
  if (within !== undefined) q = q.where('r.unit_id', 'in', (eb) => eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', within));
  return Promise.all([
    q
      .select(['r.id', 'r.member_id', 'm.name', 'm.mobile_masked', 'home.name as home_unit_name', 'r.unit_id', 'place.name as place_name', 'r.specialties', 'r.hours', 'r.note', 'r.created_at'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow().then((r) => toCount(r.n)),
  ]);
}

// ——— matching ———

export interface CandidateRow {
  member_id: number;
  user_id: number;
  specialties: string;
  member_unit_id: number;
  residence_unit_id: number | null;
  hours: string | null;
}

/**
 * Members who may serve a request in a village: those of its own branches (their unit lies in the
 * village's subtree) and those registered to live there, narrowed by the category's specialties
 * when it has any — each through an index (unit_closure → member by unit; the registration
 * specialty index) — and only those with an account, who can be told and accept.
 */
export async function candidates(db: Db, villageId: number, specialties: readonly string[]): Promise<CandidateRow[]> {
  let native = db
    .selectFrom('unit_closure as uc')
    .innerJoin('member as m', 'm.unit_id', 'uc.descendant_id')
    .innerJoin('app_user as u', 'u.member_id', 'm.id')
    .select(['m.id as member_id', 'u.id as user_id', 'm.specialties', 'm.unit_id as member_unit_id', sql<number | null>`NULL`.as('residence_unit_id'), sql<string | null>`NULL`.as('hours')])
    .where('uc.ancestor_id', '=', villageId)
    .where('u.disabled_at', 'is', null);
  if (specialties.length) {
    native = native.where((eb) => eb.exists(eb.selectFrom('member_specialty as ms').select('ms.member_id').whereRef('ms.member_id', '=', 'm.id').where('ms.specialty', 'in', [...specialties])));
  }
  let registered = db
    .selectFrom('help_residence as r')
    .innerJoin('member as m', 'm.id', 'r.member_id')
    .innerJoin('app_user as u', 'u.member_id', 'm.id')
    .select(['m.id as member_id', 'u.id as user_id', 'r.specialties', 'm.unit_id as member_unit_id', 'r.unit_id as residence_unit_id', 'r.hours'])
    .where('r.village_id', '=', villageId)
    .where('r.status', '=', 'active')
    .where('u.disabled_at', 'is', null);
  if (specialties.length) {
    registered = registered.where('r.id', 'in', (eb) => eb.selectFrom('help_residence_specialty as rs').select('rs.residence_id').where('rs.village_id', '=', villageId).where('rs.specialty', 'in', [...specialties]));
  }
  const [a, b] = await Promise.all([native.execute(), registered.execute()]);
  return [...a, ...b] as CandidateRow[];
}

/** Requests each member has in hand (accepted or in progress). */
export async function openLoads(db: Db, memberIds: number[]) {
  if (!memberIds.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('help_request')
    .select(['accepted_member_id', (eb) => eb.fn.countAll().as('n')])
    .where('accepted_member_id', 'in', memberIds)
    .where('status', 'in', ['accepted', 'in_progress'])
    .groupBy('accepted_member_id')
    .execute();
  return new Map(rows.map((r) => [r.accepted_member_id!, toCount(r.n)]));
}

export async function insertMatches(db: Db, requestId: number, matches: Array<{ memberId: number; userId: number; score: number; place: string }>, now: string) {
  if (!matches.length) return;
  await db
    .insertInto('help_match')
    .values(matches.map((m) => ({ request_id: requestId, member_id: m.memberId, user_id: m.userId, score: m.score, place: m.place, created_at: now })))
    .onConflict((oc) => oc.columns(['request_id', 'member_id']).doNothing())
    .execute();
}

export async function isMatched(db: Db, requestId: number, memberId: number) {
  const row = await db.selectFrom('help_match').select('member_id').where('request_id', '=', requestId).where('member_id', '=', memberId).executeTakeFirst();
  return row !== undefined;
}

/** Whether a member may serve in a village: a member of one of its branches, or registered there. */
export async function servesVillage(db: Db, memberId: number, villageId: number) {
  const [native, registered] = await Promise.all([
    db.selectFrom('member').innerJoin('unit_closure as uc', 'uc.descendant_id', 'member.unit_id').select('member.id').where('member.id', '=', memberId).where('uc.ancestor_id', '=', villageId).executeTakeFirst(),
    db.selectFrom('help_residence').select('id').where('member_id', '=', memberId).where('village_id', '=', villageId).where('status', '=', 'active').executeTakeFirst(),
  ]);
  return native !== undefined || registered !== undefined;
}

// ——— notifications ———

/** One inbox entry per user; the dedupe key makes a second run tell nobody twice. */
export async function notifyUsers(db: Db, userIds: number[], n: { kind: string; title: string; link: string; unitId: number; dedupePrefix: string; now: string }) {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  await db
    .insertInto('notification')
    .values(ids.map((userId) => ({ user_id: userId, kind: n.kind, title: n.title, body: '', link: n.link, warning_id: null, unit_id: n.unitId, dedupe_key: `${n.dedupePrefix}:${userId}`, created_at: n.now, read_at: null })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Accounts of those who manage help requests in a village: its secretaries and party affairs workers. */
export async function villageManagers(db: Db, villageId: number) {
  const rows = await db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select('role_grant.user_id')
    .where('role_grant.unit_id', '=', villageId)
    .where('role_grant.role', 'in', ['secretary', 'unit_admin'])
    .where('app_user.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

// ——— requests ———

export type NewRequest = {
  receiptCode: string; unitId: number; villageId: number; category: string; description: string; place: string; latitude: number | null; longitude: number | null;
  residentName: string; phoneEnc: string; phoneHash: string; phoneMasked: string; addressHash?: string | null; filedBy: number | null; source: string; acceptDueAt: string; resolveDueAt: string; now: string;
};

/** When each of these phones (or addresses, by blind index) filed since `since`. */
export async function filingTimes(db: Db, by: 'phone_hash' | 'address_hash', hashes: string[], since: string) {
  const times = new Map<string, string[]>();
  if (!hashes.length) return times;
  const rows = await db.selectFrom('help_request').select([`${by} as hash`, 'created_at']).where(by, 'in', hashes).where('created_at', '>', since).execute();
  for (const r of rows) times.set(r.hash!, [...(times.get(r.hash!) ?? []), r.created_at]);
  return times;
}

const requestValues = (r: NewRequest) => ({
  receipt_code: r.receiptCode, unit_id: r.unitId, village_id: r.villageId, category: r.category, description: r.description, place: r.place, latitude: r.latitude, longitude: r.longitude,
  status: 'received', resident_name: r.residentName, phone_enc: r.phoneEnc, phone_hash: r.phoneHash, phone_masked: r.phoneMasked, address_hash: r.addressHash ?? null, filed_by: r.filedBy, source: r.source,
  accepted_member_id: null, accepted_user_id: null, accepted_at: null, started_at: null, resolved_at: null, resolution: null, confirmed_at: null, rating: null, rating_comment: null,
  closed_at: null, closed_by: null, close_reason: null, reopen_reason: null, escalated_at: null, accept_due_at: r.acceptDueAt, resolve_due_at: r.resolveDueAt,
  points_entry_id: null, created_at: r.now, updated_at: r.now,
});

export async function insertRequest(db: Db, r: NewRequest) {
  const row = await db.insertInto('help_request').values(requestValues(r)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Several requests in one statement; their ids in the order given (matched by receipt code, which is unique). */
export async function insertRequests(db: Db, rs: NewRequest[]) {
  const rows = await db.insertInto('help_request').values(rs.map(requestValues)).returning(['id', 'receipt_code']).execute();
  const idOf = new Map(rows.map((r) => [r.receipt_code, r.id]));
  return rs.map((r) => idOf.get(r.receiptCode)!);
}

function requestBase(db: Db) {
  return db
    .selectFrom('help_request as h')
    .innerJoin('unit', 'unit.id', 'h.unit_id')
    .innerJoin('unit as v', 'v.id', 'h.village_id')
    .leftJoin('member as helper', 'helper.id', 'h.accepted_member_id');
}

const columns = [
  'h.id', 'h.receipt_code', 'h.unit_id', 'unit.name as unit_name', 'unit.kind as unit_kind', 'h.village_id', 'v.name as village_name', 'v.code as village_code', 'h.category', 'h.description', 'h.place',
  'h.latitude', 'h.longitude', 'h.status', 'h.resident_name', 'h.phone_enc', 'h.phone_masked', 'h.filed_by', 'h.source', 'h.accepted_member_id', 'helper.name as helper_name',
  'h.accepted_user_id', 'h.accepted_at', 'h.started_at', 'h.resolved_at', 'h.resolution', 'h.confirmed_at', 'h.rating', 'h.rating_comment', 'h.closed_at', 'h.close_reason',
  'h.reopen_count', 'h.reopen_reason', 'h.escalated_at', 'h.accept_due_at', 'h.resolve_due_at', 'h.points_entry_id', 'h.created_at', 'h.updated_at',
] as const;


export function getRequest(db: Db, id: number) {
  return requestBase(db).select(columns).select((eb) => eb.selectFrom('help_photo').select((c) => c.fn.countAll().as('n')).whereRef('help_photo.request_id', '=', 'h.id').as('photos')).where('h.id', '=', id).executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

/** What a request just filed has not done yet: the columns a lifecycle step fills in. */
export const EMPTY_PROGRESS = {
  accepted_member_id: null, helper_name: null, accepted_user_id: null, accepted_at: null, started_at: null, resolved_at: null, resolution: null, confirmed_at: null,
  rating: null, rating_comment: null, closed_at: null, close_reason: null, reopen_count: 0, reopen_reason: null, escalated_at: null, points_entry_id: null,
} as const;

/** How a request is named in the inboxes of those told about it: village, category and the start of the description. */
export function inboxTitle(r: Pick<RequestRow, 'village_name' | 'category' | 'description'>) {
  return `${r.village_name} ${helpCategory(r.category as HelpCategory).zh}：${r.description.slice(0, 30)}`;
}

export function requestByReceipt(db: Db, code: string) {
  return requestBase(db).select(columns).select((eb) => eb.selectFrom('help_photo').select((c) => c.fn.countAll().as('n')).whereRef('help_photo.request_id', '=', 'h.id').as('photos')).where('h.receipt_code', '=', code).executeTakeFirst();
}

export async function statusOf(db: Db, id: number) {
  return (await db.selectFrom('help_request').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

export function lockRequest(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('help_request').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export interface RequestFilter {
  scope?: ScopeQuery;
  villageId?: number;
  unitId?: number;
  filedBy?: number;
  helperMemberId?: number;
  matchedMemberId?: number;
  statuses?: string[];
  overdueAt?: string;
  limit: number;
  offset: number;
}

export async function listRequests(db: Db, f: RequestFilter) {
  let base = requestBase(db);
  if (f.scope) base = base.where('h.unit_id', 'in', f.scope);
  if (f.villageId !== undefined) base = base.where('h.village_id', '=', f.villageId);
  if (f.unitId !== undefined) base = base.where('h.unit_id', 'in', (eb) => eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', f.unitId!));
  if (f.filedBy !== undefined) base = base.where('h.filed_by', '=', f.filedBy);
  if (f.helperMemberId !== undefined && f.matchedMemberId !== undefined) {
    // "Matching me": what I was matched to and nobody has taken yet, and what I took.
    const me = f.helperMemberId;
    base = base.where((eb) => eb.or([
      eb('h.accepted_member_id', '=', me),
      eb.and([eb('h.status', '=', 'received'), eb('h.id', 'in', eb.selectFrom('help_match').select('help_match.request_id').where('help_match.member_id', '=', me))]),
    ]));
  }
  if (f.statuses) base = base.where('h.status', 'in', f.statuses);
  if (f.overdueAt !== undefined) {
    const at = f.overdueAt;
    base = base.where((eb) => eb.or([
      eb.and([eb('h.status', '=', 'received'), eb('h.accept_due_at', '<=', at)]),
      eb.and([eb('h.status', 'in', ['accepted', 'in_progress']), eb('h.resolve_due_at', '<=', at)]),
    ]));
  }
  const [rows, total] = await Promise.all([
    base.select(columns).select((eb) => eb.selectFrom('help_photo').select((c) => c.fn.countAll().as('n')).whereRef('help_photo.request_id', '=', 'h.id').as('photos')).orderBy('h.created_at', 'desc').orderBy('h.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

export type RequestChange = Partial<{
  status: string; accepted_member_id: number | null; accepted_user_id: number | null; accepted_at: string | null; started_at: string | null; resolved_at: string | null;
  resolution: string | null; confirmed_at: string | null; rating: number | null; rating_comment: string | null; closed_at: string | null; closed_by: number | null;
  close_reason: string | null; reopen_count: number; reopen_reason: string | null; points_entry_id: number | null; escalated_at: string | null;
}>;

/** Moves a request on from the state it was read in; 0 rows when someone else moved it first. */
export async function moveRequest(db: Db, id: number, from: string, change: RequestChange, now: string) {
  const res = await db.updateTable('help_request').set({ ...change, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks an unaccepted request as escalated; 0 rows when it was accepted (or escalated) meanwhile. */
export async function markEscalated(db: Db, id: number, now: string) {
  const res = await db.updateTable('help_request').set({ escalated_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'received').where('escalated_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Requests of a village for its statistics: when they were filed, accepted and resolved. */
export function statsRows(db: Db, villageId: number, since: string) {
  return db
    .selectFrom('help_request')
    .select(['category', 'status', 'created_at', 'accepted_at', 'resolved_at', 'rating'])
    .where('village_id', '=', villageId)
    .where('created_at', '>=', since)
    .execute();
}

// ——— photos ———

export async function countPhotos(db: Db, requestId: number) {
  const row = await db.selectFrom('help_photo').select((eb) => eb.fn.countAll().as('n')).where('request_id', '=', requestId).executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function insertPhoto(db: Db, p: { requestId: number; mime: string; data: Buffer; now: string }) {
  const row = await db.insertInto('help_photo').values({ request_id: p.requestId, mime: p.mime, size: p.data.length, data: p.data, created_at: p.now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function photosOf(db: Db, requestId: number) {
  return db.selectFrom('help_photo').select(['id', 'mime', 'size', 'created_at']).where('request_id', '=', requestId).orderBy('id').execute();
}

export function photo(db: Db, requestId: number, photoId: number) {
  return db.selectFrom('help_photo').select(['id', 'mime', 'data']).where('id', '=', photoId).where('request_id', '=', requestId).executeTakeFirst();
}
