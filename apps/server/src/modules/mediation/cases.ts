// Dispute cases (纠纷案件): registered by a supervisor of the village where the dispute happened,
// assigned to mediators who declared no conflict of interest, mediated in sessions, ended by an
// agreement or a referral, visited afterwards and closed. The life of a case is the table in
// @xianfeng/domain (mediation.ts); every step is one transaction with its timeline entry and its
// audit entry, and every view of a case's details is audited.
import {
  caseNumber, caseTransition, cleanTerms, committeeShortName, conflictMatches, isInMediation, maskMobile, missingForAction, parseMobile, staffingChange, staffingIn,
  type CaseAction, type CaseStatus, type StaffingAction,
} from '@xianfeng/domain';
import { canAccessUnit, requireAuth, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, today, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable, type FieldIssue } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { unitById } from '../households/repo.ts';
import { actionsFor, caseFor, requireActor } from './policy.ts';
import * as repo from './repo.ts';
import type { AgreementBody, CaseBody, CaseListQuery, DeclarationBody, ReassignBody, SessionBody, UnassignBody } from './schemas.ts';

const CASE_UNIT_KINDS = ['village', 'community'];

export function parseTerms(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function presentListed(r: repo.CaseRow & { parties: unknown }, mediators: Awaited<ReturnType<typeof repo.assignmentsOf>>) {
  // Lists carry no party names, no summary: those are case details, seen (and audited) one by one.
  return {
    id: r.id,
    number: r.number,
    unitId: r.unit_id,
    unitName: r.unit_name,
    type: r.type,
    status: r.status as CaseStatus,
    outcome: r.outcome,
    acceptedAt: r.accepted_at,
    updatedAt: r.updated_at,
    parties: Number(r.parties),
    mediators: mediators.filter((m) => m.case_id === r.id).map((m) => ({ id: m.mediator_id, name: m.name })),
  };
}

// ——— registration ———

export async function registerCase(ctx: RequestCtx, body: CaseBody) {
  const db = ctx.deps.database.db;
  const auth = requireAuth(ctx.auth);
  // Said plainly: registering a case is the supervisors' work, not every logged-in person's.
  const scope = scopeOf(auth, 'mediation.manage');
  if (!scope.global && scope.roots.length === 0) throw new AppError(403, 'mediation.no_role');
  await requireUnitAccess(db, auth, 'mediation.manage', body.unitId);
  const unit = await unitById(db, body.unitId);
  if (!unit) throw notFound();
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  if (!CASE_UNIT_KINDS.includes(unit.kind)) throw invalid([{ field: 'unitId', code: 'mediation.not_village' }]);
  const issues: FieldIssue[] = [];
  const phones = body.parties.map((p, i) => {
    if (p.phone.trim() === '') return null;
    const m = parseMobile(p.phone);
    if (!m.ok) {
      issues.push({ field: `parties.${i}.phone`, code: m.code });
      return null;
    }
    return m.value;
  });
  if (issues.length) throw invalid(issues);
  const { cipher } = ctx.deps;
  const now = nowIso(ctx.deps);
  const year = today(ctx).slice(0, 4);
  try {
    const id = await db.transaction().execute(async (tx) => {
      const seq = await repo.nextSeq(tx, unit.id, year);
      const number = caseNumber(year, committeeShortName(unit.name), seq);
      const caseId = await repo.insertCase(tx, { unitId: unit.id, year, seq, number, type: body.type, summary: body.summary, userId: auth.userId || null, now });
      await repo.insertParties(tx, caseId, body.parties.map((p, i) => {
        const phone = phones[i];
        return {
          seq: i + 1, role: p.role, name: p.name, relation: p.relation, address: p.address,
          phone_enc: phone ? cipher.encrypt(phone) : null, phone_hash: phone ? cipher.blindIndex(phone) : null, phone_masked: phone ? maskMobile(phone) : null,
        };
      }));
      await repo.appendEvent(tx, { caseId, action: 'register', from: null, to: 'accepted', actorId: auth.userId || null, note: '', now });
      // The audit keeps the shape of the registration, not the parties' phones.
      await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: caseId, unitId: unit.id, action: 'mediation.register', after: { number, type: body.type, parties: body.parties.map((p) => ({ role: p.role, name: p.name })) } });
      return caseId;
    });
    return getCase(ctx, id);
  } catch (e) {
    // Two registrations in the same village at the same moment took the same number: try again.
    if (isUniqueViolation(e)) throw conflict('error.conflict');
    throw e;
  }
}

// ——— reading ———

export async function listCases(ctx: RequestCtx, q: CaseListQuery) {
  const db = ctx.deps.database.db;
  const auth = requireAuth(ctx.auth);
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'mediation.manage', q.unitId);
  const { rows, total } = await repo.listCases(db, { scope: scopedUnitIds(db, auth, 'mediation.manage'), unitId: q.unitId, status: q.status, unassigned: q.unassigned, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const mediators = await repo.assignmentsOf(db, rows.map((r) => r.id));
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentListed(r, mediators)) };
}

/** The caller's own queue as a mediator: the cases they are assigned to, newest first. */
export async function myCases(ctx: RequestCtx, q: { status?: CaseStatus | 'open'; page: number; pageSize: number }) {
  const db = ctx.deps.database.db;
  const auth = requireAuth(ctx.auth);
  const mediator = auth.memberId === null ? undefined : await repo.mediatorOfMember(db, auth.memberId);
  if (!mediator || mediator.status !== 'active') return { mediator: null, total: 0, page: q.page, pageSize: q.pageSize, items: [] };
  const { rows, total } = await repo.listCases(db, { mediatorId: mediator.id, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const mediators = await repo.assignmentsOf(db, rows.map((r) => r.id));
  return { mediator: { id: mediator.id }, total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentListed(r, mediators)) };
}

async function details(ctx: RequestCtx, db: Db, id: number) {
  const { auth, row, access } = await caseFor(db, ctx.auth, id);
  const [parties, mediators, declarations, sessions, events] = await Promise.all([
    repo.partiesOf(db, id), repo.assignmentsOf(db, [id]), repo.declarationsOf(db, id), repo.sessionsOf(db, id), repo.eventsOf(db, id),
  ]);
  return { auth, row, access, parties, mediators, declarations, sessions, events };
}

/** One case with its parties (phones masked), mediators, declarations, sessions and timeline. Every view is audited. */
export async function getCase(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const d = await details(ctx, db, id);
  const { row } = d;
  await recordAudit(db, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.view' });
  const terms = parseTerms(row.terms);
  return {
    id: row.id,
    number: row.number,
    unitId: row.unit_id,
    unitName: row.unit_name,
    type: row.type,
    summary: row.summary,
    status: row.status as CaseStatus,
    registeredBy: row.registrar_name,
    acceptedAt: row.accepted_at,
    startedAt: row.started_at,
    outcome: row.outcome,
    outcomeAt: row.outcome_at,
    referral: row.referral,
    referralNote: row.referral_note,
    terms,
    performance: row.performance,
    visitOn: row.visit_on,
    visitOutcome: row.visit_outcome,
    closedAt: row.closed_at,
    closeNote: row.close_note,
    parties: d.parties.map((p) => ({ id: p.id, role: p.role, name: p.name, relation: p.relation, address: p.address, phoneMasked: p.phone_masked ?? '' })),
    mediators: d.mediators.map((m) => ({ id: m.mediator_id, name: m.name, phoneMasked: m.mobile_masked ?? '', status: m.status, assignedAt: m.assigned_at, assignedBy: m.assigner_name })),
    declarations: d.declarations.map((x) => ({ id: x.id, mediatorId: x.mediator_id, mediatorName: x.name, conflict: x.conflict === 1, statement: x.statement, declaredAt: x.declared_at, recordedBy: x.recorder_name })),
    sessions: d.sessions.map((s) => ({ id: s.id, heldOn: s.held_on, place: s.place, attendees: s.attendees, notes: s.notes, recordedBy: s.recorder_name, createdAt: s.created_at })),
    timeline: d.events.map((e) => ({ id: e.id, action: e.action, from: e.from_status, to: e.to_status, actor: e.actor_name, note: e.note, at: e.created_at })),
    // The changes to the mediators this state allows, offered to supervisors only.
    you: { supervisor: d.access.supervisor, mediator: d.access.mediator, actions: actionsFor(d.access), staffing: d.access.supervisor ? staffingIn(row.status as CaseStatus) : ([] as StaffingAction[]) },
    agreementReady: agreementReady(row.status as CaseStatus, row.outcome, terms),
  };
}

/** The agreement can be printed for signing once terms are drafted in mediation, and kept after an agreement. */
export function agreementReady(status: CaseStatus, outcome: string | null, terms: string[]) {
  return terms.length > 0 && (isInMediation(status) || outcome === 'agreed');
}

/** A party's phone in full, for the mediator to call them; audited like any view. */
export async function revealPhone(ctx: RequestCtx, id: number, partyId: number) {
  const db = ctx.deps.database.db;
  const { row } = await caseFor(db, ctx.auth, id);
  const party = (await repo.partiesOf(db, id)).find((p) => p.id === partyId);
  if (!party) throw notFound();
  await recordAudit(db, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.reveal_phone', after: { partyId } });
  return { phone: party.phone_enc ? ctx.deps.cipher.decrypt(party.phone_enc) : '' };
}

// ——— declarations and assignment ———

async function supervisedCase(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const row = await repo.getCase(db, id);
  if (!row) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'mediation.manage', row.unit_id);
  return { db, auth, row };
}

/**
 * A serving mediator who covers the case's village. One who does not cover it is refused plainly
 * when the caller keeps their pool, and is "not found" when they belong to someone else's pool.
 */
async function mediatorForCase(ctx: RequestCtx, db: Db, mediatorId: number, caseUnitId: number) {
  const auth = requireAuth(ctx.auth);
  const m = await repo.getMediator(db, mediatorId);
  if (!m) throw notFound();
  if (!(await repo.covers(db, mediatorId, caseUnitId))) {
    if (!(await canAccessUnit(db, auth, 'mediation.manage', m.unit_id))) throw notFound();
    throw unprocessable('mediation.mediator_not_covering');
  }
  if (m.status !== 'active') throw unprocessable('mediation.mediator_ended');
  return m;
}

/**
 * Records what a mediator declares about the case before assignment: no conflict of interest (not a
 * party, not related to one), or a conflict. Recorded either way, with its text and time; a new
 * declaration replaces the earlier one for the next assignment.
 */
export async function declare(ctx: RequestCtx, id: number, body: DeclarationBody) {
  const { db, auth, row } = await supervisedCase(ctx, id);
  if (row.status === 'closed') throw conflict('mediation.closed');
  const m = await mediatorForCase(ctx, db, body.mediatorId, row.unit_id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const declarationId = await repo.insertDeclaration(tx, { caseId: id, mediatorId: m.id, conflict: body.conflict, statement: body.statement, userId: auth.userId || null, now });
    await repo.appendEvent(tx, { caseId: id, action: body.conflict ? 'declare_conflict' : 'declare_clear', from: row.status, to: row.status, actorId: auth.userId || null, note: `${m.name}：${body.statement}`, now });
    await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.declare', after: { declarationId, mediatorId: m.id, conflict: body.conflict, statement: body.statement } });
  });
  return getCase(ctx, id);
}

/**
 * A mediator who may come into the case now: serving, covering the village, not yet on it, whose
 * latest declaration says no conflict of interest, and who shares no name or phone with a party.
 * The same checks whether they come as the first mediator, one more, or in someone's place.
 */
async function incoming(ctx: RequestCtx, db: Db, caseId: number, caseUnitId: number, mediatorId: number) {
  const m = await mediatorForCase(ctx, db, mediatorId, caseUnitId);
  if (await repo.isAssigned(db, caseId, m.id)) throw conflict('mediation.already_assigned');
  const declaration = await repo.latestDeclaration(db, caseId, m.id);
  if (!declaration) throw unprocessable('mediation.declaration_missing');
  if (declaration.conflict === 1) throw unprocessable('mediation.conflict_declared');
  // Whatever was declared, a mediator who shares a party's name or phone is presumed to be one.
  const member = await repo.memberForPool(db, m.member_id);
  const parties = await repo.partiesOf(db, caseId);
  const matches = conflictMatches({ name: m.name, phone: member?.mobile_hash ?? '' }, parties.map((p) => ({ name: p.name, phone: p.phone_hash ?? '' })));
  if (matches.length) {
    const first = matches[0];
    throw unprocessable(first.by === 'name' ? 'mediation.conflict_name' : 'mediation.conflict_phone', { party: parties[first.party].name });
  }
  return { m, declaration };
}

/** The case's state allows this change of mediators (checked again under the row lock). */
function requireStaffing(status: string, action: StaffingAction) {
  const s = staffingChange(status as CaseStatus, action);
  if (!s.ok) throw conflict(s.code);
}

/** Runs a change of mediators under the case's row lock, the state checked again inside. */
async function underLock(ctx: RequestCtx, id: number, action: StaffingAction, work: (tx: Db, row: { status: string; unit_id: number }) => Promise<void>) {
  const { db, dialect } = ctx.deps.database;
  try {
    await db.transaction().execute(async (tx) => {
      const row = await repo.lockCase(tx, dialect, id);
      if (!row) throw notFound();
      requireStaffing(row.status, action);
      await work(tx, row);
    });
  } catch (e) {
    // The same mediator assigned twice at the same moment: the key keeps one.
    if (isUniqueViolation(e)) throw conflict('mediation.already_assigned');
    throw e;
  }
}

export async function assign(ctx: RequestCtx, id: number, mediatorId: number) {
  const { db, auth, row } = await supervisedCase(ctx, id);
  requireStaffing(row.status, 'assign');
  const { m, declaration } = await incoming(ctx, db, id, row.unit_id, mediatorId);
  const now = nowIso(ctx.deps);
  await underLock(ctx, id, 'assign', async (tx, locked) => {
    await repo.insertAssignment(tx, { caseId: id, mediatorId: m.id, declarationId: declaration.id, userId: auth.userId || null, now });
    await repo.appendEvent(tx, { caseId: id, action: 'assign', from: locked.status, to: locked.status, actorId: auth.userId || null, note: m.name, now });
    await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.assign', after: { mediatorId: m.id, declarationId: declaration.id } });
  });
  return getCase(ctx, id);
}

/** The assignment being taken away: the mediator must be on the case. */
async function outgoing(db: Db, caseId: number, mediatorId: number) {
  const a = await repo.assignmentOf(db, caseId, mediatorId);
  if (!a) throw conflict('mediation.not_assigned');
  const m = await repo.getMediator(db, mediatorId);
  if (!m) throw notFound();
  return { a, m };
}

/**
 * Takes the case from one mediator and gives it to another, who needs a declaration of no conflict
 * of interest exactly as for a first assignment. The removed mediator's way in ends with the
 * transaction: their next request is "not found", like any other mediator's.
 */
export async function reassign(ctx: RequestCtx, id: number, body: ReassignBody) {
  const { db, auth, row } = await supervisedCase(ctx, id);
  requireStaffing(row.status, 'reassign');
  if (body.fromMediatorId === body.toMediatorId) throw unprocessable('mediation.same_mediator');
  const from = await outgoing(db, id, body.fromMediatorId);
  const { m: to, declaration } = await incoming(ctx, db, id, row.unit_id, body.toMediatorId);
  const now = nowIso(ctx.deps);
  await underLock(ctx, id, 'reassign', async (tx, locked) => {
    if ((await repo.removeAssignment(tx, id, from.m.id)) !== 1) throw conflict('mediation.not_assigned');
    await repo.insertAssignment(tx, { caseId: id, mediatorId: to.id, declarationId: declaration.id, userId: auth.userId || null, now });
    await repo.appendEvent(tx, { caseId: id, action: 'reassign', from: locked.status, to: locked.status, actorId: auth.userId || null, note: `${from.m.name} → ${to.name}：${body.reason}`, now });
    await recordAudit(tx, ctx, {
      entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.reassign',
      before: { mediatorId: from.m.id, declarationId: from.a.declaration_id, assignedAt: from.a.assigned_at },
      after: { mediatorId: to.id, declarationId: declaration.id, reason: body.reason },
    });
  });
  return getCase(ctx, id);
}

/** Takes the case from a mediator, back to the queue of cases awaiting one (or to the mediators left). */
export async function unassign(ctx: RequestCtx, id: number, body: UnassignBody) {
  const { auth, row, db } = await supervisedCase(ctx, id);
  requireStaffing(row.status, 'unassign');
  const from = await outgoing(db, id, body.mediatorId);
  const now = nowIso(ctx.deps);
  await underLock(ctx, id, 'unassign', async (tx, locked) => {
    if ((await repo.removeAssignment(tx, id, from.m.id)) !== 1) throw conflict('mediation.not_assigned');
    await repo.appendEvent(tx, { caseId: id, action: 'unassign', from: locked.status, to: locked.status, actorId: auth.userId || null, note: `${from.m.name}：${body.reason}`, now });
    await recordAudit(tx, ctx, {
      entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.unassign',
      before: { mediatorId: from.m.id, declarationId: from.a.declaration_id, assignedAt: from.a.assigned_at },
      after: { mediatorId: null, reason: body.reason },
    });
  });
  return getCase(ctx, id);
}

/**
 * The mediators a supervisor may choose for the case: every serving mediator whose area contains
 * the case's village (the rule assignment checks), from whichever pool, with how busy each is,
 * whether they are on the case already and what they last declared about it.
 */
export async function candidates(ctx: RequestCtx, id: number) {
  const { db, row } = await supervisedCase(ctx, id);
  const rows = await repo.coveringMediators(db, row.unit_id);
  const ids = rows.map((r) => r.id);
  const [open, assigned, declared] = await Promise.all([repo.openCaseCounts(db, ids), repo.assignmentsOf(db, [id]), repo.latestDeclarations(db, id, ids)]);
  const on = new Set(assigned.map((a) => a.mediator_id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      specialties: r.specialties ? r.specialties.split('|') : [],
      unitId: r.unit_id,
      unitName: r.unit_name,
      openCases: open.get(r.id) ?? 0,
      assigned: on.has(r.id),
      declaration: declared.get(r.id) ?? null,
    })),
  };
}

// ——— sessions and the agreement ———

async function inMediation(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const { auth, row, access } = await caseFor(db, ctx.auth, id);
  if (!isInMediation(row.status as CaseStatus)) throw conflict('mediation.not_in_mediation');
  return { db, auth, row, access };
}

export async function addSession(ctx: RequestCtx, id: number, body: SessionBody) {
  const { db, auth, row } = await inMediation(ctx, id);
  if (body.heldOn > today(ctx)) throw invalid([{ field: 'heldOn', code: 'mediation.session_in_future' }]);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const sessionId = await repo.insertSession(tx, { caseId: id, ...body, userId: auth.userId || null, now });
    await repo.appendEvent(tx, { caseId: id, action: 'session', from: row.status, to: row.status, actorId: auth.userId || null, note: `${body.heldOn} ${body.place}`, now });
    await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.session', after: { sessionId, heldOn: body.heldOn, place: body.place } });
  });
  return getCase(ctx, id);
}

/** The draft of the agreement's terms and how they will be carried out, while mediation goes on. */
export async function saveAgreement(ctx: RequestCtx, id: number, body: AgreementBody) {
  const { db, row } = await inMediation(ctx, id);
  const terms = cleanTerms(body.terms);
  const before = { terms: parseTerms(row.terms), performance: row.performance };
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    await repo.saveAgreement(tx, id, terms, body.performance, now);
    await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: 'mediation.agreement', before, after: { terms, performance: body.performance } });
  });
  return getCase(ctx, id);
}

// ——— the steps of the case's life ———

export interface StepInput {
  note?: string;
  referral?: string;
  visitOn?: string;
  outcome?: string;
}

export async function act(ctx: RequestCtx, id: number, action: CaseAction, input: StepInput) {
  const { db, dialect } = ctx.deps.database;
  const { auth, access } = await caseFor(db, ctx.auth, id);
  requireActor(access, action);
  if (action === 'visit' && input.visitOn! > today(ctx)) throw invalid([{ field: 'visitOn', code: 'mediation.visit_in_future' }]);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockCase(tx, dialect, id);
    if (!row) throw notFound();
    const t = caseTransition(row.status as CaseStatus, action);
    if (!t.ok) throw conflict(t.code);
    const mediators = (await repo.assignmentsOf(tx, [id])).length;
    const missing = missingForAction(action, { mediators, terms: parseTerms(row.terms), performance: row.performance });
    if (missing) throw unprocessable(missing);
    const note = input.note ?? input.outcome ?? '';
    const set: Record<string, string | null> & { status: string; updated_at: string } = { status: t.next, updated_at: now };
    if (action === 'start') set.started_at = now;
    if (action === 'agree') Object.assign(set, { outcome: 'agreed', outcome_at: now });
    if (action === 'fail') Object.assign(set, { outcome: 'failed', outcome_at: now, referral: input.referral ?? null, referral_note: input.note ?? '' });
    if (action === 'visit') Object.assign(set, { visit_on: input.visitOn ?? null, visit_outcome: input.outcome ?? '' });
    if (action === 'close' || action === 'withdraw') Object.assign(set, { closed_at: now, close_note: input.note ?? '' });
    if ((await repo.moveCase(tx, id, row.status, set)) !== 1) throw conflict('error.conflict');
    await repo.appendEvent(tx, { caseId: id, action, from: row.status, to: t.next, actorId: auth.userId || null, note, now });
    await recordAudit(tx, ctx, { entityType: 'mediation_case', entityId: id, unitId: row.unit_id, action: `mediation.${action}`, before: { status: row.status }, after: { status: t.next, ...input } });
  });
  return getCase(ctx, id);
}
