// Topics (议题): raised by one of a place's people, seen by the people of its village or community
// and by those who manage or moderate there, and moved through their life by a manager — council
// meeting, vote, decision, implementation — as the domain's state table allows.
import {
  DEFAULT_VOTE_OPTIONS, DELIBERATION_UNIT_KINDS, TOPIC_EDITABLE, actionOverdue, checkVoteOptions, voteTally, topicActionsIn, topicEditCheck, topicProgress, topicTransition, voteIsOpen,
  type ActionStatus, type TopicAction, type TopicEditor, type TopicStatus,
} from '@xianfeng/domain';
import { requireAuth, requirePermission } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { nowIso, today, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import type { DialectName } from '../../db/dialect.ts';
import { hideAfterReports } from './settings.ts';
import { isPersonOf, MANAGER_ROLES, PARTICIPANT_ROLES, placesOf, rightsAt, visibleUnits, type TopicRights } from './places.ts';
import * as repo from './repo.ts';
import { knownAttendees, presentAttendance, searchPeople } from './attendance.ts';
import type { CouncilInput, CouncilPatch, EditBody, ListQuery, OpenVoteBody, RaiseBody } from './schemas.ts';

export function presentTopic(t: repo.TopicRow | Awaited<ReturnType<typeof repo.topicsUnder>>[number]) {
  return {
    id: t.id,
    unitId: t.unit_id,
    unitName: t.unit_name,
    unitKind: t.unit_kind,
    title: t.title,
    description: t.description,
    category: t.category,
    status: t.status as TopicStatus,
    raisedBy: { id: t.raised_by, name: t.raiser_name },
    raisedAt: t.raised_at,
    reason: t.reason,
    decision: t.decision,
    decidedAt: t.decided_at,
    finishedAt: t.finished_at,
    voteClosesAt: t.vote_closes_at,
    commentCount: 'comments' in t ? Number(t.comments) : 0,
    /** The last correction of the title or text (shown as 已编辑), or null. */
    editedAt: t.edited_at,
    editedBy: t.edited_by === null ? null : { id: t.edited_by, name: t.editor_name ?? '' },
  };
}

export function presentAction(a: repo.ActionRow, todayYmd: string) {
  return {
    id: a.id,
    topicId: a.topic_id,
    title: a.title,
    responsibleUnit: a.responsible_unit_id ? { id: a.responsible_unit_id, name: a.responsible_unit_name } : null,
    responsiblePerson: a.responsible_person,
    dueOn: a.due_on,
    status: a.status as ActionStatus,
    progress: a.status === 'done' ? 100 : a.progress,
    note: a.note,
    doneAt: a.done_at,
    updatedAt: a.updated_at,
    overdue: actionOverdue({ status: a.status, dueOn: a.due_on }, todayYmd),
  };
}

/** The vote's figures. The tally stays sealed until the vote closes, so nobody votes with the crowd. */
export async function voteSummary(db: Db, t: { id: number; unit_id: number; status: string; vote_options: string | null; vote_opened_at: string | null; vote_closes_at: string | null; vote_closed_at: string | null; electorate: number | null }, now: string) {
  if (!t.vote_options || !t.vote_closes_at) return null;
  const options = JSON.parse(t.vote_options) as string[];
  const open = t.status === 'voting' && voteIsOpen({ closesAt: t.vote_closes_at, closedAt: t.vote_closed_at }, now);
  const electorate = t.electorate ?? (await repo.countPeopleOf(db, t.unit_id, PARTICIPANT_ROLES));
  const result = voteTally(options.length, await repo.choicesOf(db, t.id), electorate);
  return {
    options,
    openedAt: t.vote_opened_at,
    closesAt: t.vote_closes_at,
    closedAt: t.vote_closed_at ?? (open ? null : t.vote_closes_at),
    open,
    votes: result.votes,
    electorate: result.electorate,
    turnout: result.turnout,
    counts: open ? null : result.counts,
    leading: open ? null : result.leading,
  };
}

/** A topic the caller may see, with what they may do there; "not found" otherwise. */
export async function visibleTopic(db: Db, auth: Auth, id: number) {
  const topic = await repo.getTopic(db, id);
  if (!topic) throw notFound();
  const rights = await rightsAt(db, auth, topic.unit_id);
  if (!rights.see) throw notFound();
  return { topic, rights };
}

export async function raiseTopic(ctx: RequestCtx, body: RaiseBody) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const unit = await repo.unitById(db, body.unitId);
  if (!unit || !(await isPersonOf(db, auth, unit.id))) throw notFound();
  if (!(DELIBERATION_UNIT_KINDS as readonly string[]).includes(unit.kind)) throw unprocessable('deliberation.not_place_unit');
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    const topicId = await repo.insertTopic(tx, { unitId: unit.id, title: body.title, description: body.description, category: body.category, raisedBy: auth.userId, now });
    await recordAudit(tx, ctx, { entityType: 'deliberation_topic', entityId: topicId, unitId: unit.id, action: 'deliberation.raise', after: { title: body.title, category: body.category, description: body.description } });
    // The secretaries of the place and above learn of it at once: a topic should not wait unseen.
    await repo.notifyAbove(tx, unit.id, MANAGER_ROLES, { kind: 'deliberation.raised', title: body.title, link: `/deliberation/${topicId}`, unitId: unit.id, dedupePrefix: `delib${topicId}:raised`, now });
    return topicId;
  });
  return getTopic(ctx, id);
}

export async function listTopics(ctx: RequestCtx, q: ListQuery) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  if (q.unitId !== undefined) {
    const unit = await repo.unitById(db, q.unitId);
    if (!unit || !(await rightsAt(db, auth, unit.id)).see) throw notFound();
  }
  const statuses = q.status === undefined ? undefined : q.status === 'active' ? ['open', 'council', 'voting', 'decided', 'implementing'] : [q.status];
  const { rows, total } = await repo.listTopics(db, { visible: visibleUnits(db, auth), unitId: q.unitId, statuses, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentTopic) };
}

/** Where I may raise a topic; nowhere (an empty list) for someone who is nobody's resident. */
export async function myPlaces(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  return { items: await placesOf(ctx.deps.database.db, auth) };
}

function presentCouncil(c: NonNullable<Awaited<ReturnType<typeof repo.councilOf>>>, people: repo.KnownAttendee[]) {
  const attendees = JSON.parse(c.attendees) as string[];
  return { scheduledAt: c.scheduled_at, place: c.place, attendees, ...presentAttendance(people, attendees), minutes: c.minutes, minutesAt: c.minutes_at, minutesBy: c.minutes_by_name };
}

/** How the caller stands to a topic for correcting it: its author, a manager of its place, both or neither. */
export function editorStanding(topic: { raised_by: number }, auth: Auth, rights: TopicRights): TopicEditor[] {
  return [...(topic.raised_by === auth.userId ? (['author'] as const) : []), ...(rights.manage ? (['manager'] as const) : [])];
}

export async function getTopic(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const { topic, rights } = await visibleTopic(db, auth, id);
  const now = nowIso(ctx.deps);
  const status = topic.status as TopicStatus;
  const [council, people, vote, actions, mine, ballots, photos] = await Promise.all([
    repo.councilOf(db, id),
    repo.attendeesOf(db, id),
    voteSummary(db, topic, now),
    repo.actionsOf(db, [id]),
    repo.ballotOf(db, id, auth.userId),
    // Ballots matter to an edit only where the table lets anyone edit at all.
    TOPIC_EDITABLE[status].length ? repo.countBallots(db, id) : Promise.resolve(0),
    repo.photosOf(db, [id]),
  ]);
  const day = today(ctx);
  const presented = actions.map((a) => presentAction(a, day));
  return {
    ...presentTopic(topic),
    canEdit: topicEditCheck(status, editorStanding(topic, auth, rights), { comments: Number(topic.comments), ballots }).ok,
    /** Added and removed by whoever may correct the topic (canEdit). */
    photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, createdAt: p.created_at, url: `/api/deliberation/topics/${id}/photos/${p.id}` })),
    council: council ? presentCouncil(council, people) : null,
    vote: vote ? { ...vote, myChoice: mine?.option_index ?? null } : null,
    actions: presented,
    progress: topicProgress(presented),
    rights: rights satisfies TopicRights,
    nextActions: rights.manage ? topicActionsIn(topic.status as TopicStatus) : [],
    hideAfterReports: await hideAfterReports(db),
  };
}

/** A topic the caller manages, or "not found" (outside the caller's scope looks the same as missing). */
export async function managed(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'deliberation.manage');
  const { topic, rights } = await visibleTopic(db, auth, id);
  if (!rights.manage) throw notFound();
  return { topic, auth };
}

interface StepInput {
  council?: CouncilInput & { people: repo.KnownAttendee[] };
  vote?: { options: string[]; closesAt: string };
  decision?: string;
  reason?: string;
}

/** One step of a topic's life, checked against the state table inside the transaction. */
async function step(ctx: RequestCtx, id: number, action: TopicAction, input: StepInput) {
  const { db, dialect } = ctx.deps.database;
  const { auth } = await managed(ctx, id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockTopic(tx, dialect, id);
    if (!row) throw notFound();
    const figures = await repo.actionFigures(tx, id);
    const t = topicTransition(row.status as TopicStatus, action, {
      voteClosed: !!row.vote_closes_at && !voteIsOpen({ closesAt: row.vote_closes_at, closedAt: row.vote_closed_at }, now),
      actionsDone: figures.total > 0 && figures.done === figures.total,
      hasReason: (input.reason ?? '').trim().length >= 2,
    });
    if (!t.ok) throw new AppError(t.status, t.code);
    let change: repo.TopicChange = { status: t.next };
    let detail: Record<string, unknown> = {};
    switch (action) {
      case 'schedule_council':
        await repo.insertCouncil(tx, { topicId: id, scheduledAt: input.council!.scheduledAt, place: input.council!.place, attendees: input.council!.attendees, now });
        await repo.replaceAttendees(tx, id, input.council!.people, now);
        detail = { scheduledAt: input.council!.scheduledAt, place: input.council!.place, attendees: input.council!.attendees, people: input.council!.people.map(personOf) };
        break;
      case 'open_vote':
        change = { ...change, vote_options: JSON.stringify(input.vote!.options), vote_opened_at: now, vote_closes_at: input.vote!.closesAt };
        detail = { options: input.vote!.options, closesAt: input.vote!.closesAt };
        // Everyone who may vote is told, so a vote is not decided by whoever happened to look.
        await repo.notifyPeopleOf(tx, row.unit_id, PARTICIPANT_ROLES, { kind: 'deliberation.vote_opened', title: row.title, link: `/deliberation/${id}`, unitId: row.unit_id, dedupePrefix: `delib${id}:vote`, now });
        break;
      case 'decide': {
        // The turnout of record: the people of the place when the decision is taken.
        const electorate = await repo.countPeopleOf(tx, row.unit_id, PARTICIPANT_ROLES);
        const result = voteTally(JSON.parse(row.vote_options ?? '[]').length, await repo.choicesOf(tx, id), electorate);
        change = { ...change, decision: input.decision!, decided_by: auth.userId || null, decided_at: now, electorate, vote_closed_at: row.vote_closed_at ?? row.vote_closes_at ?? now };
        detail = { decision: input.decision, tally: result.counts, electorate, turnout: result.turnout };
        break;
      }
      case 'start':
        break;
      case 'complete':
        change = { ...change, finished_at: now };
        break;
      case 'reject':
      case 'close':
        change = { ...change, reason: input.reason!.trim(), finished_at: now };
        detail = { reason: input.reason!.trim() };
        break;
      default:
        return action satisfies never;
    }
    if ((await repo.updateTopic(tx, id, row.status, change, now)) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, { entityType: 'deliberation_topic', entityId: id, unitId: row.unit_id, action: `deliberation.${action}`, before: { status: row.status }, after: { status: t.next, ...detail } });
  });
  return getTopic(ctx, id);
}

/** A picked attendee as the audit log keeps them. */
const personOf = (p: repo.KnownAttendee) => ({ memberId: p.member_id, userId: p.user_id, name: p.name });

export async function scheduleCouncil(ctx: RequestCtx, id: number, council: CouncilInput) {
  const { topic } = await managed(ctx, id);
  const { database } = ctx.deps;
  const picked = await knownAttendees(database.db, database.dialect, topic.unit_id, { memberIds: council.memberIds ?? [], userIds: council.userIds ?? [] });
  return step(ctx, id, 'schedule_council', { council: { ...council, people: [...(picked.members ?? []), ...(picked.accounts ?? [])] } });
}

/** People of the topic's village or community to pick as council attendees (the recorder's list). */
export async function attendeeCandidates(ctx: RequestCtx, id: number, q: string | undefined) {
  const { topic } = await managed(ctx, id);
  return searchPeople(ctx.deps.database.db, ctx.deps.database.dialect, topic.unit_id, q);
}

/**
 * Corrects a topic's title or text: its author while nobody has commented or voted, a manager of
 * its place until the vote opens (the domain's TOPIC_EDITABLE). Checked under the topic's row lock,
 * so a comment arriving at the same moment cannot slip under an author's edit; every correction is
 * audited with the text before and after, and the topic shows when it was last edited.
 */
export async function editTopic(ctx: RequestCtx, id: number, body: EditBody) {
  const { db, dialect } = ctx.deps.database;
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const { rights } = await visibleTopic(db, auth, id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await lockForEdit(tx, dialect, id, auth, rights);
    const diff = changedFields({ title: row.title, description: row.description }, { title: body.title, description: body.description });
    // Saving the text unchanged is no correction: nothing to mark or audit.
    if (!diff.changed) return;
    const next = { title: body.title ?? row.title, description: body.description ?? row.description };
    if ((await repo.editTopic(tx, id, row.status, { ...next, editedBy: auth.userId || null, now })) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, { entityType: 'deliberation_topic', entityId: id, unitId: row.unit_id, action: 'deliberation.edit', before: diff.before, after: diff.after });
  });
  return getTopic(ctx, id);
}

/**
 * The topic's row, locked, once the caller may still correct it (its text or its photos); refused
 * with the domain's answer otherwise. Under the lock, a comment or vote arriving at the same moment
 * cannot slip under an author's change.
 */
export async function lockForEdit(tx: Db, dialect: DialectName, id: number, auth: Auth, rights: TopicRights) {
  const row = await repo.lockTopic(tx, dialect, id);
  if (!row) throw notFound();
  const comments = (await repo.commentFigures(tx, id)).total;
  const ballots = await repo.countBallots(tx, id);
  const check = topicEditCheck(row.status as TopicStatus, editorStanding(row, auth, rights), { comments, ballots });
  if (!check.ok) throw new AppError(check.status, check.code);
  return row;
}

export async function openVote(ctx: RequestCtx, id: number, body: OpenVoteBody) {
  const options = (body.options ?? [...DEFAULT_VOTE_OPTIONS[ctx.locale]]).map((o) => o.trim());
  const issues = checkVoteOptions(options);
  if (issues.length) throw invalid(issues.map((code) => ({ field: 'options', code })));
  if (Date.parse(body.closesAt) <= Date.parse(nowIso(ctx.deps))) throw invalid([{ field: 'closesAt', code: 'deliberation.closes_in_past' }]);
  return step(ctx, id, 'open_vote', { vote: { options, closesAt: body.closesAt } });
}

export async function decide(ctx: RequestCtx, id: number, decision: string) {
  if (decision.trim().length < 2) throw invalid([{ field: 'decision', code: 'deliberation.decision_required' }]);
  return step(ctx, id, 'decide', { decision: decision.trim() });
}

export const startImplementing = (ctx: RequestCtx, id: number) => step(ctx, id, 'start', {});
export const complete = (ctx: RequestCtx, id: number) => step(ctx, id, 'complete', {});
export const reject = (ctx: RequestCtx, id: number, reason: string) => step(ctx, id, 'reject', { reason });
export const close = (ctx: RequestCtx, id: number, reason: string) => step(ctx, id, 'close', { reason });

/** Ends a vote before its closing time (the council saw enough); the tally opens at once. */
export async function closeVote(ctx: RequestCtx, id: number) {
  const { db, dialect } = ctx.deps.database;
  await managed(ctx, id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockTopic(tx, dialect, id);
    if (!row) throw notFound();
    if (row.status !== 'voting') throw conflict('deliberation.not_voting');
    if (!voteIsOpen({ closesAt: row.vote_closes_at!, closedAt: row.vote_closed_at }, now)) throw conflict('deliberation.vote_closed');
    if ((await repo.updateTopic(tx, id, 'voting', { vote_closed_at: now }, now)) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, { entityType: 'deliberation_topic', entityId: id, unitId: row.unit_id, action: 'deliberation.close_vote', before: { closesAt: row.vote_closes_at }, after: { closedAt: now } });
  });
  return getTopic(ctx, id);
}

/** Reschedules the council or records its attendees and minutes (会议纪要), while the topic is alive. */
export async function updateCouncil(ctx: RequestCtx, id: number, patch: CouncilPatch) {
  const { db, dialect } = ctx.deps.database;
  const { auth, topic } = await managed(ctx, id);
  const picked = await knownAttendees(db, dialect, topic.unit_id, patch);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockTopic(tx, dialect, id);
    if (!row) throw notFound();
    if (['completed', 'rejected', 'closed'].includes(row.status)) throw conflict('deliberation.topic_final');
    const before = await repo.councilOf(tx, id);
    if (!before) throw conflict('deliberation.no_council');
    const people = await repo.attendeesOf(tx, id);
    await repo.updateCouncil(tx, id, {
      ...(patch.scheduledAt ? { scheduled_at: patch.scheduledAt } : {}),
      ...(patch.place ? { place: patch.place } : {}),
      ...(patch.attendees ? { attendees: JSON.stringify(patch.attendees) } : {}),
      ...(patch.minutes ? { minutes: patch.minutes, minutes_by: auth.userId || null, minutes_at: now } : {}),
    }, now);
    // Each list given replaces the attendees of its kind; the other kind stays as recorded.
    const nextPeople = picked.members || picked.accounts
      ? [...(picked.members ?? people.filter((p) => p.member_id !== null)), ...(picked.accounts ?? people.filter((p) => p.user_id !== null))]
      : null;
    if (nextPeople) await repo.replaceAttendees(tx, id, nextPeople, now);
    const { memberIds: _m, userIds: _u, ...rest } = patch;
    await recordAudit(tx, ctx, {
      entityType: 'deliberation_topic', entityId: id, unitId: row.unit_id, action: 'deliberation.council',
      before: { scheduledAt: before.scheduled_at, place: before.place, attendees: JSON.parse(before.attendees), ...(nextPeople ? { people: people.map(personOf) } : {}), minutes: before.minutes },
      after: { ...rest, ...(nextPeople ? { people: nextPeople.map(personOf) } : {}) },
    });
  });
  return getTopic(ctx, id);
}
