// Every SQL statement of people's mediation: the mediator pool, cases, parties, declarations,
// assignments, sessions and the timeline.
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { forUpdate, toCount, type DialectName } from '../../db/dialect.ts';
import { subtree } from '../households/repo.ts';

// ——— mediators ———

function mediatorBase(db: Db) {
  return db
    .selectFrom('mediation_mediator')
    .innerJoin('member', 'member.id', 'mediation_mediator.member_id')
    .innerJoin('unit as pool', 'pool.id', 'mediation_mediator.unit_id')
    .innerJoin('unit as home', 'home.id', 'member.unit_id');
}

const mediatorColumns = [
  'mediation_mediator.id', 'mediation_mediator.member_id', 'mediation_mediator.unit_id', 'pool.name as unit_name', 'member.name', 'member.unit_id as member_unit_id',
  'home.name as member_unit_name', 'member.mobile_masked', 'mediation_mediator.specialties', 'mediation_mediator.note', 'mediation_mediator.status',
  'mediation_mediator.created_at', 'mediation_mediator.ended_at',
] as const;

export function getMediator(db: Db, id: number) {
  return mediatorBase(db).select(mediatorColumns).where('mediation_mediator.id', '=', id).executeTakeFirst();
}
export type MediatorRow = NonNullable<Awaited<ReturnType<typeof getMediator>>>;

/** The mediator record of a member (at most one), with the member's phone index for the conflict check. */
export function mediatorOfMember(db: Db, memberId: number) {
  return db.selectFrom('mediation_mediator').select(['id', 'status']).where('member_id', '=', memberId).executeTakeFirst();
}

/**
 * The one rule of who may mediate where: a mediator covers a unit when one of their areas is that
 * unit or one of its ancestors. Assignment (covers) and the lists that offer mediators for a case
 * (coveringMediators) both read it from here.
 */
function coveringIds(db: Db, unitId: number) {
  return db.selectFrom('mediation_mediator_area').innerJoin('unit_closure', 'unit_closure.ancestor_id', 'mediation_mediator_area.unit_id')
    .select('mediation_mediator_area.mediator_id').where('unit_closure.descendant_id', '=', unitId);
}

export function listMediators(db: Db, f: { unitId: number; covers?: number; status?: string }) {
  let q = mediatorBase(db).select(mediatorColumns).where('mediation_mediator.unit_id', 'in', subtree(db, f.unitId));
  if (f.status) q = q.where('mediation_mediator.status', '=', f.status);
  if (f.covers !== undefined) q = q.where('mediation_mediator.id', 'in', coveringIds(db, f.covers));
  return q.orderBy('mediation_mediator.status').orderBy('member.name_pinyin').orderBy('mediation_mediator.id').execute();
}

/** Every serving mediator covering the unit, whichever pool (village, town, county) keeps them. */
export function coveringMediators(db: Db, unitId: number) {
  return mediatorBase(db).select(mediatorColumns).where('mediation_mediator.status', '=', 'active').where('mediation_mediator.id', 'in', coveringIds(db, unitId))
    .orderBy('member.name_pinyin').orderBy('mediation_mediator.id').execute();
}

export function areasOf(db: Db, mediatorIds: number[]) {
  if (mediatorIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mediation_mediator_area').innerJoin('unit', 'unit.id', 'mediation_mediator_area.unit_id')
    .select(['mediation_mediator_area.mediator_id', 'unit.id', 'unit.name']).where('mediation_mediator_area.mediator_id', 'in', mediatorIds).orderBy('unit.id').execute();
}

/** Open cases (not closed) per mediator. */
export async function openCaseCounts(db: Db, mediatorIds: number[]) {
  if (mediatorIds.length === 0) return new Map<number, number>();
  const rows = await db.selectFrom('mediation_assignment').innerJoin('mediation_case', 'mediation_case.id', 'mediation_assignment.case_id')
    .select(['mediation_assignment.mediator_id', (eb) => eb.fn.countAll().as('n')])
    .where('mediation_assignment.mediator_id', 'in', mediatorIds).where('mediation_case.status', '!=', 'closed')
    .groupBy('mediation_assignment.mediator_id').execute();
  return new Map(rows.map((r) => [r.mediator_id, toCount(r.n)]));
}

export async function insertMediator(db: Db, m: { memberId: number; unitId: number; specialties: string[]; note: string; userId: number | null; now: string }) {
  const row = await db.insertInto('mediation_mediator').values({
    member_id: m.memberId, unit_id: m.unitId, specialties: m.specialties.join('|'), note: m.note, status: 'active', created_by: m.userId, created_at: m.now, ended_at: null, updated_at: m.now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setAreas(db: Db, mediatorId: number, unitIds: number[]) {
  await db.deleteFrom('mediation_mediator_area').where('mediator_id', '=', mediatorId).execute();
  await db.insertInto('mediation_mediator_area').values(unitIds.map((unitId) => ({ mediator_id: mediatorId, unit_id: unitId }))).execute();
}

export function updateMediator(db: Db, id: number, set: { specialties?: string; note?: string; status?: string; ended_at?: string | null; updated_at: string }) {
  return db.updateTable('mediation_mediator').set(set).where('id', '=', id).execute();
}

/** Whether one of the mediator's areas is the unit or above it. */
export async function covers(db: Db, mediatorId: number, unitId: number) {
  const row = await coveringIds(db, unitId).where('mediation_mediator_area.mediator_id', '=', mediatorId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether `unitId` lies in the subtree of `rootId`. */
export async function isWithin(db: Db, unitId: number, rootId: number) {
  const row = await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', rootId).where('descendant_id', '=', unitId).executeTakeFirst();
  return row !== undefined;
}

export function memberForPool(db: Db, memberId: number) {
  return db.selectFrom('member').select(['id', 'unit_id', 'name', 'mobile_hash', 'status']).where('id', '=', memberId).executeTakeFirst();
}

// ——— cases ———

function caseBase(db: Db) {
  return db.selectFrom('mediation_case').innerJoin('unit', 'unit.id', 'mediation_case.unit_id').leftJoin('app_user as registrar', 'registrar.id', 'mediation_case.registered_by');
}

const caseColumns = [
  'mediation_case.id', 'mediation_case.unit_id', 'unit.name as unit_name', 'mediation_case.number', 'mediation_case.year', 'mediation_case.type', 'mediation_case.summary',
  'mediation_case.status', 'registrar.display_name as registrar_name', 'mediation_case.accepted_at', 'mediation_case.started_at', 'mediation_case.outcome',
  'mediation_case.outcome_at', 'mediation_case.referral', 'mediation_case.referral_note', 'mediation_case.terms', 'mediation_case.performance',
  'mediation_case.visit_on', 'mediation_case.visit_outcome', 'mediation_case.closed_at', 'mediation_case.close_note', 'mediation_case.updated_at',
] as const;

export function getCase(db: Db, id: number) {
  return caseBase(db).select(caseColumns).where('mediation_case.id', '=', id).executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof getCase>>>;

export function lockCase(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('mediation_case').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export async function nextSeq(db: Db, unitId: number, year: string) {
  const row = await db.selectFrom('mediation_case').select((eb) => eb.fn.max('seq').as('m')).where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();
  return toCount(row?.m ?? 0) + 1;
}

export async function insertCase(db: Db, c: { unitId: number; year: string; seq: number; number: string; type: string; summary: string; userId: number | null; now: string }) {
  const row = await db.insertInto('mediation_case').values({
    unit_id: c.unitId, year: c.year, seq: c.seq, number: c.number, type: c.type, summary: c.summary, status: 'accepted', registered_by: c.userId, accepted_at: c.now,
    started_at: null, outcome: null, outcome_at: null, referral: null, referral_note: null, terms: '[]', performance: '', visit_on: null, visit_outcome: null,
    closed_at: null, close_note: null, updated_at: c.now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface NewParty { seq: number; role: string; name: string; relation: string; address: string; phone_enc: string | null; phone_hash: string | null; phone_masked: string | null }

export async function insertParties(db: Db, caseId: number, parties: NewParty[]) {
  await db.insertInto('mediation_party').values(parties.map((p) => ({ case_id: caseId, ...p }))).execute();
}

export function partiesOf(db: Db, caseId: number) {
  return db.selectFrom('mediation_party').select(['id', 'seq', 'role', 'name', 'relation', 'address', 'phone_enc', 'phone_hash', 'phone_masked']).where('case_id', '=', caseId).orderBy('seq').execute();
}

/** Moves a case from one state to the next with what the step records; 0 rows when someone moved it first. */
export async function moveCase(db: Db, id: number, from: string, set: Record<string, string | null> & { status: string; updated_at: string }) {
  const r = await db.updateTable('mediation_case').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function saveAgreement(db: Db, id: number, terms: string[], performance: string, now: string) {
  return db.updateTable('mediation_case').set({ terms: JSON.stringify(terms), performance, updated_at: now }).where('id', '=', id).execute();
}

export interface CaseFilter {
  scope?: ScopeQuery;
  unitId?: number;
  status?: string;
  mediatorId?: number;
  /** The queue awaiting a mediator: accepted or mediating, nobody assigned. */
  unassigned?: boolean;
  limit: number;
  offset: number;
}

export async function listCases(db: Db, f: CaseFilter) {
  let base = caseBase(db);
  if (f.scope) base = base.where('mediation_case.unit_id', 'in', f.scope);
  if (f.unitId !== undefined) base = base.where('mediation_case.unit_id', 'in', subtree(db, f.unitId));
  // 'open': everything not yet closed, a mediator's working queue.
  if (f.status === 'open') base = base.where('mediation_case.status', '!=', 'closed');
  else if (f.status) base = base.where('mediation_case.status', '=', f.status);
  if (f.unassigned) {
    base = base.where('mediation_case.status', 'in', ['accepted', 'mediating'])
      .where('mediation_case.id', 'not in', (eb) => eb.selectFrom('mediation_assignment').select('mediation_assignment.case_id'));
  }
  if (f.mediatorId !== undefined) {
    const m = f.mediatorId;
    base = base.where('mediation_case.id', 'in', (eb) => eb.selectFrom('mediation_assignment').select('case_id').where('mediator_id', '=', m));
  }
  const [rows, total] = await Promise.all([
    base.select(caseColumns)
      .select((eb) => eb.selectFrom('mediation_party').select((c) => c.fn.countAll().as('n')).whereRef('mediation_party.case_id', '=', 'mediation_case.id').as('parties'))
      .orderBy('mediation_case.accepted_at', 'desc').orderBy('mediation_case.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** The facts the statistics need, and nothing that names anyone. */
export function caseFacts(db: Db, unitId: number, year?: string) {
  let q = db.selectFrom('mediation_case').innerJoin('unit', 'unit.id', 'mediation_case.unit_id')
    .select(['mediation_case.unit_id', 'unit.name as unit_name', 'mediation_case.type', 'mediation_case.status', 'mediation_case.outcome', 'mediation_case.accepted_at', 'mediation_case.outcome_at'])
    .where('mediation_case.unit_id', 'in', subtree(db, unitId));
  if (year) q = q.where('mediation_case.year', '=', year);
  return q.orderBy('mediation_case.id').execute();
}

// ——— assignment, declarations, sessions, timeline ———

export function assignmentsOf(db: Db, caseIds: number[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('mediation_assignment')
    .innerJoin('mediation_mediator', 'mediation_mediator.id', 'mediation_assignment.mediator_id')
    .innerJoin('member', 'member.id', 'mediation_mediator.member_id')
    .leftJoin('app_user as assigner', 'assigner.id', 'mediation_assignment.assigned_by')
    .select(['mediation_assignment.case_id', 'mediation_assignment.mediator_id', 'mediation_mediator.member_id', 'mediation_mediator.status', 'member.name', 'member.mobile_masked',
      'mediation_assignment.assigned_at', 'assigner.display_name as assigner_name', 'mediation_assignment.declaration_id'])
    .where('mediation_assignment.case_id', 'in', caseIds).orderBy('mediation_assignment.assigned_at').execute();
}

/** The serving mediator records of a member assigned to the case (the caller's way in as mediator). */
export async function isAssignedMember(db: Db, caseId: number, memberId: number) {
  const row = await db.selectFrom('mediation_assignment').innerJoin('mediation_mediator', 'mediation_mediator.id', 'mediation_assignment.mediator_id')
    .select('mediation_assignment.mediator_id').where('mediation_assignment.case_id', '=', caseId).where('mediation_mediator.member_id', '=', memberId)
    .where('mediation_mediator.status', '=', 'active').executeTakeFirst();
  return row !== undefined;
}

export async function insertDeclaration(db: Db, d: { caseId: number; mediatorId: number; conflict: boolean; statement: string; userId: number | null; now: string }) {
  const row = await db.insertInto('mediation_declaration').values({ case_id: d.caseId, mediator_id: d.mediatorId, conflict: d.conflict ? 1 : 0, statement: d.statement, recorded_by: d.userId, declared_at: d.now })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The mediator's latest declaration about the case: a later one replaces what they said before. */
export function latestDeclaration(db: Db, caseId: number, mediatorId: number) {
  return db.selectFrom('mediation_declaration').select(['id', 'conflict', 'statement', 'declared_at']).where('case_id', '=', caseId).where('mediator_id', '=', mediatorId)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function declarationsOf(db: Db, caseId: number) {
  return db.selectFrom('mediation_declaration')
    .innerJoin('mediation_mediator', 'mediation_mediator.id', 'mediation_declaration.mediator_id')
    .innerJoin('member', 'member.id', 'mediation_mediator.member_id')
    .leftJoin('app_user as recorder', 'recorder.id', 'mediation_declaration.recorded_by')
    .select(['mediation_declaration.id', 'mediation_declaration.mediator_id', 'member.name', 'mediation_declaration.conflict', 'mediation_declaration.statement',
      'mediation_declaration.declared_at', 'recorder.display_name as recorder_name'])
    .where('mediation_declaration.case_id', '=', caseId).orderBy('mediation_declaration.id').execute();
}

export async function isAssigned(db: Db, caseId: number, mediatorId: number) {
  const row = await db.selectFrom('mediation_assignment').select('case_id').where('case_id', '=', caseId).where('mediator_id', '=', mediatorId).executeTakeFirst();
  return row !== undefined;
}

/** One mediator's assignment to a case, with what it rested on (for the audit of a removal). */
export function assignmentOf(db: Db, caseId: number, mediatorId: number) {
  return db.selectFrom('mediation_assignment').select(['case_id', 'mediator_id', 'declaration_id', 'assigned_by', 'assigned_at'])
    .where('case_id', '=', caseId).where('mediator_id', '=', mediatorId).executeTakeFirst();
}

/**
 * Takes a case from a mediator: their way into it ends with the row (policy.ts reads assignments).
 * The timeline and the audit log keep who had it, from when, and why it was taken; 0 rows when the
 * mediator was not (or no longer) assigned.
 */
export async function removeAssignment(db: Db, caseId: number, mediatorId: number) {
  const r = await db.deleteFrom('mediation_assignment').where('case_id', '=', caseId).where('mediator_id', '=', mediatorId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The latest declaration of each of these mediators about the case. */
export async function latestDeclarations(db: Db, caseId: number, mediatorIds: number[]) {
  if (mediatorIds.length === 0) return new Map<number, { conflict: boolean; declaredAt: string }>();
  const rows = await db.selectFrom('mediation_declaration').select(['id', 'mediator_id', 'conflict', 'declared_at'])
    .where('case_id', '=', caseId).where('mediator_id', 'in', mediatorIds).orderBy('id').execute();
  // Ascending ids: a later declaration overwrites an earlier one.
  return new Map(rows.map((r) => [r.mediator_id, { conflict: r.conflict === 1, declaredAt: r.declared_at }]));
}

export function insertAssignment(db: Db, a: { caseId: number; mediatorId: number; declarationId: number; userId: number | null; now: string }) {
  return db.insertInto('mediation_assignment').values({ case_id: a.caseId, mediator_id: a.mediatorId, declaration_id: a.declarationId, assigned_by: a.userId, assigned_at: a.now }).execute();
}

export async function insertSession(db: Db, s: { caseId: number; heldOn: string; place: string; attendees: string; notes: string; userId: number | null; now: string }) {
  const row = await db.insertInto('mediation_session').values({ case_id: s.caseId, held_on: s.heldOn, place: s.place, attendees: s.attendees, notes: s.notes, recorded_by: s.userId, created_at: s.now })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function sessionsOf(db: Db, caseId: number) {
  return db.selectFrom('mediation_session').leftJoin('app_user as recorder', 'recorder.id', 'mediation_session.recorded_by')
    .select(['mediation_session.id', 'mediation_session.held_on', 'mediation_session.place', 'mediation_session.attendees', 'mediation_session.notes', 'recorder.display_name as recorder_name', 'mediation_session.created_at'])
    .where('mediation_session.case_id', '=', caseId).orderBy('mediation_session.held_on').orderBy('mediation_session.id').execute();
}

export function appendEvent(db: Db, e: { caseId: number; action: string; from: string | null; to: string; actorId: number | null; note: string; now: string }) {
  return db.insertInto('mediation_event').values({ case_id: e.caseId, action: e.action, from_status: e.from, to_status: e.to, actor_id: e.actorId, note: e.note, created_at: e.now }).execute();
}

export function eventsOf(db: Db, caseId: number) {
  return db.selectFrom('mediation_event').leftJoin('app_user as actor', 'actor.id', 'mediation_event.actor_id')
    .select(['mediation_event.id', 'mediation_event.action', 'mediation_event.from_status', 'mediation_event.to_status', 'actor.display_name as actor_name', 'mediation_event.note', 'mediation_event.created_at'])
    .where('mediation_event.case_id', '=', caseId).orderBy('mediation_event.id').execute();
}
