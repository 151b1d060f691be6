// The two lists (两张清单): the common list 十为十不为, published per unit and acknowledged once by
// each member, and the personal task list, whose tasks members claim by specialty, report with
// evidence, and have verified by the secretary — which books the task's bonus.
import { DEFAULT_CONDUCT_LIST, DEFAULT_TASKS } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, requireUnitAccess, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation, toCount } from '../../db/dialect.ts';
import { selfMember, today } from './common.ts';
import { listInForceId } from './entries.ts';
import { attachEvidence } from './claims.ts';
import { effectiveRules } from './rules.ts';
import { book } from './ledger.ts';

// ——— 十为十不为 ———

export interface ConductItemInput {
  kind: 'do' | 'dont';
  text: string;
  ruleCode?: string | null;
}

async function presentList(db: Db, listId: number | null, memberId?: number) {
  if (listId === null) return null;
  const list = await db.selectFrom('conduct_list as l').innerJoin('unit as u', 'u.id', 'l.unit_id').select(['l.id', 'l.unit_id', 'u.name as unit_name', 'l.published_at']).where('l.id', '=', listId).executeTakeFirstOrThrow();
  const items = await db.selectFrom('conduct_item').selectAll().where('list_id', '=', listId).orderBy('position').execute();
  const acked = memberId ? await db.selectFrom('conduct_ack').select('acked_at').where('member_id', '=', memberId).where('list_id', '=', listId).executeTakeFirst() : undefined;
  return {
    id: list.id,
    unit: { id: list.unit_id, name: list.unit_name },
    publishedAt: list.published_at,
    items: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text, ruleCode: i.rule_code })),
    ...(memberId ? { ackedAt: acked?.acked_at ?? null } : {}),
  };
}

/** The list in force for a unit, with how many of its members have acknowledged it. */
export async function conductForUnit(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', unitId);
  const listId = await listInForceId(ctx, unitId);
  const list = await presentList(db, listId);
  if (!list) return { list: null, acknowledged: 0, members: await unitMembers(db, unitId) };
  const acked = await db
    .selectFrom('conduct_ack as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('a.list_id', '=', list.id)
    .where('m.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId))
    .executeTakeFirst();
  return { list, inherited: list.unit.id !== unitId, acknowledged: toCount(acked?.n), members: await unitMembers(db, unitId) };
}

async function unitMembers(db: Db, unitId: number) {
  const row = await db.selectFrom('unit').select('subtree_member_count').where('id', '=', unitId).executeTakeFirst();
  return row?.subtree_member_count ?? 0;
}

/** Publishes a new version of the unit's list; members acknowledge each version once. */
export async function publishConduct(ctx: RequestCtx, unitId: number, items: ConductItemInput[]) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  if (items.length === 0) throw invalid([{ field: 'items', code: 'points.list_empty' }]);
  // A don't links to a deduction rule in force here, so that recording a violation can book it.
  const deductions = new Set((await effectiveRules(db, unitId)).filter((r) => r.account === 'deduction' && r.active === 1).map((r) => r.code));
  const unknown = items.flatMap((i, n) => (i.kind === 'dont' && i.ruleCode && !deductions.has(i.ruleCode) ? [{ field: `items.${n}.ruleCode`, code: 'points.conduct_rule_unknown' as const, params: { code: i.ruleCode } }] : []));
  if (unknown.length) throw invalid(unknown);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (trx) => {
    const list = await trx.insertInto('conduct_list').values({ unit_id: unitId, published_by: ctx.auth!.userId, published_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('conduct_item')
      .values(items.map((i, position) => ({ list_id: list.id, position, kind: i.kind, text: i.text, rule_code: i.kind === 'dont' ? (i.ruleCode ?? null) : null })))
      .execute();
    await recordAudit(trx, ctx, { entityType: 'conduct_list', entityId: list.id, unitId, action: 'points.conduct.publish', after: { items: items.length } });
    return list.id;
  });
  return presentList(db, id);
}

export function adoptConduct(ctx: RequestCtx, unitId: number) {
  return publishConduct(ctx, unitId, DEFAULT_CONDUCT_LIST.map((i) => ({ ...i })));
}

export async function myConduct(ctx: RequestCtx) {
  const member = await selfMember(ctx);
  const db = ctx.deps.database.db;
  return { list: await presentList(db, await listInForceId(ctx, member.unit_id), member.id) };
}

export async function acknowledge(ctx: RequestCtx, listId: number) {
  const member = await selfMember(ctx);
  const db = ctx.deps.database.db;
  if ((await listInForceId(ctx, member.unit_id)) !== listId) throw notFound();
  await db.transaction().execute(async (trx) => {
    const res = await trx.insertInto('conduct_ack').values({ member_id: member.id, list_id: listId, acked_at: nowIso(ctx.deps) }).onConflict((oc) => oc.columns(['member_id', 'list_id']).doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) await recordAudit(trx, ctx, { entityType: 'conduct_list', entityId: listId, unitId: member.unit_id, action: 'points.conduct.acknowledge', after: { member: member.name } });
  });
  return { list: await presentList(db, listId, member.id) };
}

// ——— the personal task list ———

export interface TaskInput {
  title: string;
  description?: string;
  specialties?: string[];
  points: number;
  capacity: number;
  deadline?: string | null;
}

type TaskRow = NonNullable<Awaited<ReturnType<typeof taskById>>>;

function taskById(db: Db, id: number) {
  return db.selectFrom('service_task').selectAll().where('id', '=', id).executeTakeFirst();
}

function presentTask(t: TaskRow, extra: { matches?: boolean; myClaim?: { id: number; status: string } | null } = {}) {
  return {
    id: t.id, unitId: t.unit_id, title: t.title, description: t.description, specialties: t.specialties ? t.specialties.split('|') : [], points: t.points,
    capacity: t.capacity, taken: t.taken, deadline: t.deadline, status: t.status, ...extra,
  };
}

function checkTask(t: Partial<TaskInput>) {
  const issues = [];
  if (t.points !== undefined && !(Number.isInteger(t.points) && t.points >= 1 && t.points <= 100)) issues.push({ field: 'points', code: 'points.amount_invalid', params: { min: 1, max: 100 } });
  if (t.capacity !== undefined && !(Number.isInteger(t.capacity) && t.capacity >= 1 && t.capacity <= 1000)) issues.push({ field: 'capacity', code: 'points.amount_invalid', params: { min: 1, max: 1000 } });
  if (issues.length) throw invalid(issues);
}

export async function listTasks(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', unitId);
  const rows = await db.selectFrom('service_task').selectAll().where('unit_id', '=', unitId).orderBy('status', 'desc').orderBy('id').execute();
  return { items: rows.map((t) => presentTask(t)) };
}

export async function createTasks(ctx: RequestCtx, unitId: number, tasks: TaskInput[]) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  tasks.forEach(checkTask);
  const now = nowIso(ctx.deps);
  const ids = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('service_task')
      .values(tasks.map((t) => ({ unit_id: unitId, title: t.title, description: t.description ?? '', specialties: (t.specialties ?? []).join('|'), points: t.points, capacity: t.capacity, taken: 0, deadline: t.deadline ?? null, status: 'open', created_by: ctx.auth!.userId, created_at: now, updated_at: now })))
      .returning('id')
      .execute();
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: unitId, unitId, action: 'points.task.create', after: { titles: tasks.map((t) => t.title) } });
    return rows.map((r) => r.id);
  });
  const rows = await db.selectFrom('service_task').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return { items: rows.map((t) => presentTask(t)) };
}

/** Adds the shipped tasks the unit does not have yet (by title), so adopting twice adds nothing. */
export async function adoptTasks(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  const present = new Set((await db.selectFrom('service_task').select('title').where('unit_id', '=', unitId).execute()).map((t) => t.title));
  const missing = DEFAULT_TASKS.filter((t) => !present.has(t.title));
  if (missing.length === 0) return { items: [], skipped: DEFAULT_TASKS.length };
  const created = await createTasks(ctx, unitId, missing.map((t) => ({ ...t, specialties: [...t.specialties] })));
  return { ...created, skipped: DEFAULT_TASKS.length - missing.length };
}

export async function updateTask(ctx: RequestCtx, id: number, input: Partial<TaskInput> & { status?: 'open' | 'closed' }) {
  const db = ctx.deps.database.db;
  const task = await taskById(db, id);
  if (!task) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'points.manage', task.unit_id);
  checkTask(input);
  if (input.capacity !== undefined && input.capacity < task.taken) throw invalid([{ field: 'capacity', code: 'points.amount_invalid', params: { min: task.taken, max: 1000 } }]);
  const values = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.specialties !== undefined ? { specialties: input.specialties.join('|') } : {}),
    ...(input.points !== undefined ? { points: input.points } : {}),
    ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
    ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('service_task').set({ ...values, updated_at: nowIso(ctx.deps) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { entityType: 'service_task', entityId: id, unitId: task.unit_id, action: 'points.task.update', after: values });
  });
  return presentTask((await taskById(db, id))!);
}

/** Open tasks of the member's unit and the units above it; those matching their specialties first. */
export async function tasksForMe(ctx: RequestCtx) {
  const member = await selfMember(ctx);
  const db = ctx.deps.database.db;
  const day = today(ctx);
  const [tasks, mine, specialtyRows] = await Promise.all([
    db
      .selectFrom('service_task')
      .selectAll()
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('deadline', 'is', null), eb('deadline', '>=', day)]))
      .where('unit_id', 'in', db.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', member.unit_id))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('task_claim as c')
      .innerJoin('service_task as t', 't.id', 'c.task_id')
      .select(['c.id', 'c.task_id', 'c.status', 'c.created_at', 'c.reported_at', 'c.decided_at', 'c.decision_reason', 't.title', 't.points'])
      .where('c.member_id', '=', member.id)
      .orderBy('c.id', 'desc')
      .execute(),
    db.selectFrom('member_specialty').select('specialty').where('member_id', '=', member.id).execute(),
  ]);
  const mySpecialties = new Set(specialtyRows.map((s) => s.specialty));
  const live = new Map(mine.filter((c) => ['claimed', 'reported', 'verified'].includes(c.status)).map((c) => [c.task_id, c]));
  const items = tasks.map((t) => {
    const needs = t.specialties ? t.specialties.split('|') : [];
    const claim = live.get(t.id);
    return presentTask(t, { matches: needs.some((s) => mySpecialties.has(s)), myClaim: claim ? { id: claim.id, status: claim.status } : null });
  });
  items.sort((a, b) => Number(b.matches) - Number(a.matches) || a.id - b.id);
  return {
    items,
    claims: mine.map((c) => ({
      id: c.id, taskId: c.task_id, title: c.title, points: c.points, status: c.status, createdAt: c.created_at, reportedAt: c.reported_at, decidedAt: c.decided_at, decisionReason: c.decision_reason,
    })),
  };
}

/** A member takes a place on a task; places are counted with a conditional update. */
export async function claimTask(ctx: RequestCtx, taskId: number) {
  const member = await selfMember(ctx);
  const db = ctx.deps.database.db;
  const task = await taskById(db, taskId);
  const serves = task ? await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', task.unit_id).where('descendant_id', '=', member.unit_id).executeTakeFirst() : undefined;
  if (!task || !serves) throw notFound();
  if (task.status !== 'open' || (task.deadline !== null && task.deadline < today(ctx))) throw unprocessable('points.task_closed');
  try {
    const id = await db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('service_task').set((eb) => ({ taken: eb('taken', '+', 1) })).where('id', '=', taskId).whereRef('taken', '<', 'capacity').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw unprocessable('points.task_full');
      const row = await trx.insertInto('task_claim').values({ task_id: taskId, member_id: member.id, status: 'claimed', report: null, reported_at: null, decided_by: null, decided_at: null, decision_reason: null, entry_id: null, created_at: nowIso(ctx.deps) }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { entityType: 'task_claim', entityId: row.id, unitId: member.unit_id, action: 'points.task.claim', after: { task: task.title, member: member.name } });
      return row.id;
    });
    return { id, status: 'claimed' };
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('points.task_already_claimed');
    throw e;
  }
}

async function ownClaim(ctx: RequestCtx, claimId: number) {
  const member = await selfMember(ctx);
  const claim = await ctx.deps.database.db.selectFrom('task_claim').selectAll().where('id', '=', claimId).executeTakeFirst();
  if (!claim || claim.member_id !== member.id) throw notFound();
  return { member, claim };
}

export async function reportTask(ctx: RequestCtx, claimId: number, input: { report: string; evidenceIds?: number[] }) {
  const { member, claim } = await ownClaim(ctx, claimId);
  if (claim.status !== 'claimed') throw unprocessable('points.task_claim_state');
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('task_claim').set({ status: 'reported', report: input.report, reported_at: nowIso(ctx.deps) }).where('id', '=', claimId).execute();
    await attachEvidence(trx, ctx.auth!.userId, input.evidenceIds ?? [], { type: 'task_claim', id: claimId });
    await recordAudit(trx, ctx, { entityType: 'task_claim', entityId: claimId, unitId: member.unit_id, action: 'points.task.report', after: { report: input.report } });
  });
  return { id: claimId, status: 'reported' };
}

/** The member gives a place back while the task is not yet reported. */
export async function withdrawTask(ctx: RequestCtx, claimId: number) {
  const { member, claim } = await ownClaim(ctx, claimId);
  if (claim.status !== 'claimed') throw unprocessable('points.task_claim_state');
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('task_claim').set({ status: 'withdrawn', decided_at: nowIso(ctx.deps) }).where('id', '=', claimId).execute();
    await trx.updateTable('service_task').set((eb) => ({ taken: eb('taken', '-', 1) })).where('id', '=', claim.task_id).execute();
    await recordAudit(trx, ctx, { entityType: 'task_claim', entityId: claimId, unitId: member.unit_id, action: 'points.task.withdraw' });
  });
  return { id: claimId, status: 'withdrawn' };
}

/** Task claims in the caller's scope (by default the reported ones waiting for verification), a page at a time. */
export async function taskQueue(ctx: RequestCtx, q: { status: string; unitId?: number; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'points.approve');
  const db = ctx.deps.database.db;
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'points.approve', q.unitId);
  const units = q.unitId !== undefined ? db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId) : scopedUnitIds(db, auth, 'points.approve');
  const base = db
    .selectFrom('task_claim as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .where('c.status', '=', q.status)
    .where('m.unit_id', 'in', units);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('service_task as t', 't.id', 'c.task_id')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .select(['c.id', 'c.status', 'c.report', 'c.reported_at', 'c.created_at', 'c.decided_at', 'c.decision_reason', 't.id as task_id', 't.title', 't.points', 'm.id as member_id', 'm.name as member_name', 'u.id as unit_id', 'u.name as unit_name'])
      .orderBy('c.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  const files = rows.length ? await db.selectFrom('points_evidence').select(['id', 'owner_id', 'filename', 'mime']).where('owner_type', '=', 'task_claim').where('owner_id', 'in', rows.map((r) => r.id)).execute() : [];
  return {
    total: toCount(count?.n),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, status: r.status, report: r.report, reportedAt: r.reported_at, createdAt: r.created_at, decidedAt: r.decided_at, decisionReason: r.decision_reason,
      task: { id: r.task_id, title: r.title, points: r.points },
      member: { id: r.member_id, name: r.member_name, unit: { id: r.unit_id, name: r.unit_name } },
      evidence: files.filter((f) => f.owner_id === r.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime })),
    })),
  };
}

/** Verifies a reported task (booking its bonus) or sends it back as not done, with a reason. */
export async function decideTask(ctx: RequestCtx, claimId: number, input: { approve: boolean; reason?: string }) {
  requirePermission(ctx.auth, 'points.approve');
  const { db, dialect } = ctx.deps.database;
  const claim = await db.selectFrom('task_claim').selectAll().where('id', '=', claimId).executeTakeFirst();
  const member = claim ? await db.selectFrom('member').select(['id', 'name', 'unit_id']).where('id', '=', claim.member_id).executeTakeFirst() : undefined;
  if (!claim || !member || !(await canAccessUnit(db, ctx.auth!, 'points.approve', member.unit_id))) throw notFound();
  if (claim.status !== 'reported') throw unprocessable('points.task_claim_state');
  if (!input.approve && !input.reason?.trim()) throw invalid([{ field: 'reason', code: 'points.reason_required' }]);
  const task = (await taskById(db, claim.task_id))!;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('task_claim').set({ status: input.approve ? 'verified' : 'rejected', decided_by: ctx.auth!.userId, decided_at: now, decision_reason: input.reason ?? null }).where('id', '=', claimId).where('status', '=', 'reported').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw unprocessable('points.task_claim_state');
    if (input.approve) {
      const entry = await book(trx, dialect, {
        memberId: member.id, unitId: member.unit_id, occurredOn: (claim.reported_at ?? now).slice(0, 10), account: 'bonus', points: task.points, reason: task.title,
        source: 'task', approvedBy: ctx.auth!.userId, createdBy: ctx.auth!.userId, now,
      });
      await trx.updateTable('task_claim').set({ entry_id: entry.id }).where('id', '=', claimId).execute();
    } else {
      // A rejected report frees its place for someone else.
      await trx.updateTable('service_task').set((eb) => ({ taken: eb('taken', '-', 1) })).where('id', '=', task.id).execute();
    }
    await recordAudit(trx, ctx, { entityType: 'task_claim', entityId: claimId, unitId: member.unit_id, action: input.approve ? 'points.task.verify' : 'points.task.reject', after: { task: task.title, member: member.name, reason: input.reason ?? null } });
  });
  return { id: claimId, status: input.approve ? 'verified' : 'rejected' };
}
