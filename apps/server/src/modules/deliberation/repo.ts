// Every SQL statement of the deliberation hall (议事厅): topics, councils, comments and reports,
// ballots and follow-up actions, and who counts as one of a place's people.
import { sql, type SelectQueryBuilder } from 'kysely';
import { COMMENT_STATES, isCommentHidden } from '@xianfeng/domain';
import type { Db } from '../../core/context.ts';
import type { DB } from '../../db/schema.ts';
import { type DialectName, forUpdate, likeText, toCount } from '../../db/dialect.ts';
import { COMMUNITY_KINDS } from '../commitments/repo.ts';
export { communityOf } from '../commitments/repo.ts';
export { findByCode as unitByCode } from '../units/repo.ts';

// ——— places and their people ———

export function unitById(db: Db, id: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

/** Whether one of `grantUnits` lies inside the place's subtree (the place itself, its grids, its branches). */
export async function anyInside(db: Db, placeId: number, grantUnits: number[]) {
  if (grantUnits.length === 0) return false;
  const row = await db
    .selectFrom('unit_closure')
    .select('depth')
    .where('ancestor_id', '=', placeId)
    .where('descendant_id', 'in', grantUnits)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The places (villages, communities, grids) that hold one of `grantUnits` in their subtree: where
 * someone with those grants counts as one of the people.
 */
export function placesHolding(db: Db, grantUnits: number[], kinds: readonly string[]) {
  return db
    .selectFrom('unit_closure as c')
    .innerJoin('unit as u', 'u.id', 'c.ancestor_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.parent_id'])
    .distinct()
    .where('c.descendant_id', 'in', grantUnits.length ? grantUnits : [-1])
    .where('u.kind', 'in', [...kinds])
    .where('u.archived_at', 'is', null)
    .orderBy('u.code')
    .execute();
}

/** The units below any village or community holding one of `grantUnits`, as a subquery. */
export function communitySubtrees(db: Db, grantUnits: number[]) {
  return db
    .selectFrom('unit_closure as down')
    .select('down.descendant_id')
    .where('down.ancestor_id', 'in', (eb) =>
      eb
        .selectFrom('unit_closure as up')
        .innerJoin('unit as cu', 'cu.id', 'up.ancestor_id')
        .select('up.ancestor_id')
        .where('up.descendant_id', 'in', grantUnits.length ? grantUnits : [-1])
        .where('cu.kind', 'in', COMMUNITY_KINDS),
    );
}

/** People with a role in the place: distinct active accounts holding one of `roles` inside its subtree. */
export async function countPeopleOf(db: Db, placeId: number, roles: readonly string[]) {
  const row = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select((eb) => eb.fn.count('g.user_id').distinct().as('n'))
    .where('u.disabled_at', 'is', null)
    .where('g.role', 'in', [...roles])
    .where('g.unit_id', 'in', (eb) => eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', placeId))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

// ——— topics ———

export interface NewTopic {
  unitId: number;
  title: string;
  description: string;
  category: string;
  raisedBy: number;
  now: string;
}

export async function insertTopic(db: Db, t: NewTopic) {
  const row = await db
    .insertInto('deliberation_topic')
    .values({
      unit_id: t.unitId, title: t.title, description: t.description, category: t.category, status: 'open', raised_by: t.raisedBy, raised_at: t.now,
      reason: null, vote_options: null, vote_opened_at: null, vote_closes_at: null, vote_closed_at: null, electorate: null, decision: null, decided_by: null, decided_at: null, finished_at: null, updated_at: t.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const topicColumns = [
  'deliberation_topic.id', 'deliberation_topic.unit_id', 'unit.name as unit_name', 'unit.kind as unit_kind', 'deliberation_topic.title', 'deliberation_topic.description',
  'deliberation_topic.category', 'deliberation_topic.status', 'deliberation_topic.raised_by', 'raiser.display_name as raiser_name', 'deliberation_topic.raised_at',
  'deliberation_topic.reason', 'deliberation_topic.vote_options', 'deliberation_topic.vote_opened_at', 'deliberation_topic.vote_closes_at', 'deliberation_topic.vote_closed_at',
  'deliberation_topic.electorate', 'deliberation_topic.decision', 'deliberation_topic.decided_at', 'deliberation_topic.finished_at', 'deliberation_topic.updated_at',
  'deliberation_topic.edited_at', 'deliberation_topic.edited_by', 'editor.display_name as editor_name',
] as const;

function topicBase(db: Db) {
  return db.selectFrom('deliberation_topic').innerJoin('unit', 'unit.id', 'deliberation_topic.unit_id').innerJoin('app_user as raiser', 'raiser.id', 'deliberation_topic.raised_by')
    .leftJoin('app_user as editor', 'editor.id', 'deliberation_topic.edited_by');
}

export function getTopic(db: Db, id: number) {
  return topicBase(db)
    .select(topicColumns)
    .select((eb) => eb.selectFrom('deliberation_comment').select((c) => c.fn.countAll().as('n')).whereRef('deliberation_comment.topic_id', '=', 'deliberation_topic.id').as('comments'))
    .where('deliberation_topic.id', '=', id)
    .executeTakeFirst();
}
export type TopicRow = NonNullable<Awaited<ReturnType<typeof getTopic>>>;

/** The topic row alone, locked for a change. */
export function lockTopic(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('deliberation_topic').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

/** A subquery answering unit ids, named descendant_id like the closure table's (from whichever tables). */
export type UnitIdQuery = SelectQueryBuilder<DB, any, { descendant_id: number }>;

export interface TopicFilter {
  /** Subqueries of the units whose topics may be listed; a topic in any of them is listed. */
  visible: ReadonlyArray<UnitIdQuery>;
  unitId?: number;
  statuses?: string[];
  limit: number;
  offset: number;
}

export async function listTopics(db: Db, f: TopicFilter) {
  let base = topicBase(db).where((eb) => eb.or(f.visible.map((q) => eb('deliberation_topic.unit_id', 'in', q))));
  if (f.unitId !== undefined) base = base.where('deliberation_topic.unit_id', 'in', (eb) => eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', f.unitId!));
  if (f.statuses) base = base.where('deliberation_topic.status', 'in', f.statuses);
  const [rows, total] = await Promise.all([
    base
      .select(topicColumns)
      .select((eb) => eb.selectFrom('deliberation_comment').select((c) => c.fn.countAll().as('n')).whereRef('deliberation_comment.topic_id', '=', 'deliberation_topic.id').as('comments'))
      .orderBy('deliberation_topic.raised_at', 'desc').orderBy('deliberation_topic.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** Every topic of a community and its grids, newest first (the public accountability page). */
export function topicsUnder(db: Db, communityId: number, limit: number) {
  return topicBase(db)
    .select(topicColumns)
    .where('deliberation_topic.unit_id', 'in', (eb) => eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', communityId))
    .orderBy('deliberation_topic.raised_at', 'desc')
    .orderBy('deliberation_topic.id', 'desc')
    .limit(limit)
    .execute();
}

export type TopicChange = Partial<{
  status: string; reason: string | null; vote_options: string; vote_opened_at: string; vote_closes_at: string; vote_closed_at: string;
  electorate: number; decision: string; decided_by: number | null; decided_at: string; finished_at: string;
}>;

/** Corrects a topic's title and text; 0 rows when someone moved it on first. */
export async function editTopic(db: Db, id: number, fromStatus: string, change: { title: string; description: string; editedBy: number | null; now: string }) {
  const result = await db.updateTable('deliberation_topic')
    .set({ title: change.title, description: change.description, edited_at: change.now, edited_by: change.editedBy, updated_at: change.now })
    .where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Moves a topic on; 0 rows when someone else moved it first. */
export async function updateTopic(db: Db, id: number, fromStatus: string, change: TopicChange, now: string) {
  const result = await db.updateTable('deliberation_topic').set({ ...change, updated_at: now }).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— council ———

export function councilOf(db: Db, topicId: number) {
  return db
    .selectFrom('deliberation_council as c')
    .leftJoin('app_user as u', 'u.id', 'c.minutes_by')
    .select(['c.topic_id', 'c.scheduled_at', 'c.place', 'c.attendees', 'c.minutes', 'c.minutes_at', 'u.display_name as minutes_by_name', 'c.updated_at'])
    .where('c.topic_id', '=', topicId)
    .executeTakeFirst();
}

export async function insertCouncil(db: Db, c: { topicId: number; scheduledAt: string; place: string; attendees: string[]; now: string }) {
  await db.insertInto('deliberation_council').values({ topic_id: c.topicId, scheduled_at: c.scheduledAt, place: c.place, attendees: JSON.stringify(c.attendees), minutes: null, minutes_by: null, minutes_at: null, created_at: c.now, updated_at: c.now }).execute();
}

export async function updateCouncil(db: Db, topicId: number, change: Partial<{ scheduled_at: string; place: string; attendees: string; minutes: string; minutes_by: number | null; minutes_at: string }>, now: string) {
  await db.updateTable('deliberation_council').set({ ...change, updated_at: now }).where('topic_id', '=', topicId).execute();
}

// ——— council attendance ———

/** A known person at a council: a member record, or an account without one. */
export interface KnownAttendee {
  member_id: number | null;
  user_id: number | null;
  name: string;
}

export function attendeesOf(db: Db, topicId: number) {
  return db.selectFrom('deliberation_council_attendee').select(['member_id', 'user_id', 'name']).where('topic_id', '=', topicId).orderBy('id').execute();
}

/** The council's known attendees become exactly these. */
export async function replaceAttendees(db: Db, topicId: number, people: KnownAttendee[], now: string) {
  await db.deleteFrom('deliberation_council_attendee').where('topic_id', '=', topicId).execute();
  if (people.length) await db.insertInto('deliberation_council_attendee').values(people.map((p) => ({ topic_id: topicId, member_id: p.member_id, user_id: p.user_id, name: p.name, created_at: now }))).execute();
}

const within = (db: Db, rootId: number) => db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', rootId);

/** Members registered in the community's subtree (its branches and grids). */
export function membersWithin(db: Db, dialect: DialectName, rootId: number, f: { ids?: number[]; q?: string; limit: number }) {
  let q = db.selectFrom('member').innerJoin('unit', 'unit.id', 'member.unit_id')
    .select(['member.id', 'member.name', 'unit.name as unit_name'])
    .where('member.unit_id', 'in', within(db, rootId));
  if (f.ids) q = q.where('member.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.q) {
    const text = f.q;
    const latin = /^[a-z]+$/i.test(text) ? text.toLowerCase() : null;
    q = q.where((eb) => eb.or([
      likeText(dialect, 'member.name', text, 'contains'),
      ...(latin ? [likeText(dialect, 'member.name_initials', latin, 'prefix'), likeText(dialect, 'member.name_pinyin', latin, 'prefix')] : []),
    ]));
  }
  return q.orderBy('member.name_pinyin').orderBy('member.id').limit(f.limit).execute();
}

/**
 * Active accounts that are among the community's people (a grant with one of `roles` inside it)
 * and have no member record there — residents, mostly; members are picked as members.
 */
export function accountsWithin(db: Db, dialect: DialectName, rootId: number, roles: readonly string[], f: { ids?: number[]; q?: string; limit: number }) {
  let q = db.selectFrom('app_user as u').innerJoin('role_grant as g', 'g.user_id', 'u.id').innerJoin('unit', 'unit.id', 'g.unit_id')
    .select(['u.id', 'u.display_name as name', 'u.member_id', (eb) => eb.fn.min('unit.name').as('unit_name')])
    .where('u.disabled_at', 'is', null)
    .where('g.role', 'in', [...roles])
    .where('g.unit_id', 'in', within(db, rootId))
    .where((eb) => eb.or([eb('u.member_id', 'is', null), eb('u.member_id', 'not in', db.selectFrom('member').select('member.id').where('member.unit_id', 'in', within(db, rootId)))]));
  if (f.ids) q = q.where('u.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.q) q = q.where(likeText(dialect, 'u.display_name', f.q, 'contains'));
  return q.groupBy(['u.id', 'u.display_name', 'u.member_id']).orderBy('u.display_name').orderBy('u.id').limit(f.limit).execute();
}

// ——— comments and reports ———

export async function insertComment(db: Db, c: { topicId: number; authorId: number; body: string; now: string }) {
  const row = await db.insertInto('deliberation_comment').values({ topic_id: c.topicId, author_id: c.authorId, body: c.body, state: 'visible', moderated_by: null, moderated_at: null, created_at: c.now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** One page of the discussion, oldest first, after the comment `after` (the cursor). */
export function commentsOf(db: Db, topicId: number, viewerId: number, page: { after?: number; limit: number }) {
  let q = db
    .selectFrom('deliberation_comment as c')
    .innerJoin('app_user as a', 'a.id', 'c.author_id')
    .select(['c.id', 'c.topic_id', 'c.author_id', 'a.display_name as author_name', 'c.body', 'c.state', 'c.reports', 'c.created_at', 'c.moderated_at'])
    .select((eb) => eb.exists(eb.selectFrom('deliberation_report as r').select('r.reporter_id').whereRef('r.comment_id', '=', 'c.id').where('r.reporter_id', '=', viewerId)).as('reported_by_me'))
    .where('c.topic_id', '=', topicId);
  if (page.after !== undefined) q = q.where('c.id', '>', page.after);
  return q.orderBy('c.id').limit(page.limit).execute();
}

const HIDDEN_STATES = COMMENT_STATES.filter(isCommentHidden);

/** Every comment of the topic, and how many of them are hidden, whichever page is shown. */
export async function commentFigures(db: Db, topicId: number) {
  const row = await db.selectFrom('deliberation_comment')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum(eb.case().when('state', 'in', HIDDEN_STATES).then(1).else(0).end()).as('hidden')])
    .where('topic_id', '=', topicId).executeTakeFirstOrThrow();
  return { total: toCount(row.n), hidden: toCount(row.hidden) };
}

export function lockComment(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('deliberation_comment').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export function getComment(db: Db, id: number) {
  return db.selectFrom('deliberation_comment').selectAll().where('id', '=', id).executeTakeFirst();
}

export function hasReported(db: Db, commentId: number, reporterId: number) {
  return db.selectFrom('deliberation_report').select('reporter_id').where('comment_id', '=', commentId).where('reporter_id', '=', reporterId).executeTakeFirst();
}

export async function insertReport(db: Db, r: { commentId: number; reporterId: number; reason: string; now: string }) {
  await db.insertInto('deliberation_report').values({ comment_id: r.commentId, reporter_id: r.reporterId, reason: r.reason, created_at: r.now }).execute();
}

/** Counts one more report in the row itself (no read-then-write) and returns the new count. */
export async function bumpReports(db: Db, commentId: number) {
  await db.updateTable('deliberation_comment').set((eb) => ({ reports: eb('reports', '+', 1) })).where('id', '=', commentId).execute();
  const row = await db.selectFrom('deliberation_comment').select(['reports', 'state']).where('id', '=', commentId).executeTakeFirstOrThrow();
  return row;
}

export async function setCommentState(db: Db, commentId: number, from: string, to: { state: string; by: number | null; now: string }) {
  const result = await db.updateTable('deliberation_comment').set({ state: to.state, moderated_by: to.by, moderated_at: to.now }).where('id', '=', commentId).where('state', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ——— ballots ———

export function ballotOf(db: Db, topicId: number, voterId: number) {
  return db.selectFrom('deliberation_ballot').select(['option_index', 'cast_at', 'updated_at']).where('topic_id', '=', topicId).where('voter_id', '=', voterId).executeTakeFirst();
}

/** Casts or changes a vote: the (topic, voter) key keeps it to one row per person. */
export async function upsertBallot(db: Db, b: { topicId: number; voterId: number; option: number; now: string }) {
  await db
    .insertInto('deliberation_ballot')
    .values({ topic_id: b.topicId, voter_id: b.voterId, option_index: b.option, cast_at: b.now, updated_at: b.now })
    .onConflict((oc) => oc.columns(['topic_id', 'voter_id']).doUpdateSet({ option_index: b.option, updated_at: b.now }))
    .execute();
}

export async function choicesOf(db: Db, topicId: number) {
  const rows = await db.selectFrom('deliberation_ballot').select('option_index').where('topic_id', '=', topicId).execute();
  return rows.map((r) => r.option_index);
}

export async function countBallots(db: Db, topicId: number) {
  const row = await db.selectFrom('deliberation_ballot').select((eb) => eb.fn.countAll().as('n')).where('topic_id', '=', topicId).executeTakeFirstOrThrow();
  return toCount(row.n);
}

// ——— follow-up actions ———

const actionColumns = [
  'a.id', 'a.topic_id', 'a.title', 'a.responsible_unit_id', 'ru.name as responsible_unit_name', 'a.responsible_person', 'a.due_on', 'a.status', 'a.progress', 'a.note', 'a.done_at', 'a.created_at', 'a.updated_at',
] as const;

export function actionsOf(db: Db, topicIds: number[]) {
  return db
    .selectFrom('deliberation_action as a')
    .leftJoin('unit as ru', 'ru.id', 'a.responsible_unit_id')
    .select(actionColumns)
    .where('a.topic_id', 'in', topicIds.length ? topicIds : [-1])
    .orderBy('a.topic_id')
    .orderBy('a.id')
    .execute();
}
export type ActionRow = Awaited<ReturnType<typeof actionsOf>>[number];

export function actionById(db: Db, id: number) {
  return db.selectFrom('deliberation_action as a').leftJoin('unit as ru', 'ru.id', 'a.responsible_unit_id').select(actionColumns).where('a.id', '=', id).executeTakeFirst();
}

export function lockAction(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('deliberation_action').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export function getActionTopic(db: Db, actionId: number) {
  return db.selectFrom('deliberation_action').select(['id', 'topic_id']).where('id', '=', actionId).executeTakeFirst();
}

export async function insertAction(db: Db, a: { topicId: number; title: string; responsibleUnitId: number | null; responsiblePerson: string; dueOn: string | null; now: string }) {
  const row = await db
    .insertInto('deliberation_action')
    .values({ topic_id: a.topicId, title: a.title, responsible_unit_id: a.responsibleUnitId, responsible_person: a.responsiblePerson, due_on: a.dueOn, status: 'not_started', note: '', done_at: null, created_at: a.now, updated_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAction(db: Db, id: number, fromStatus: string, change: { status: string; progress: number; note: string; due_on: string | null; done_at: string | null }, now: string) {
  const result = await db.updateTable('deliberation_action').set({ ...change, updated_at: now }).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function actionFigures(db: Db, topicId: number) {
  const rows = await db.selectFrom('deliberation_action').select(['status']).where('topic_id', '=', topicId).execute();
  return { total: rows.length, done: rows.filter((r) => r.status === 'done').length };
}

// ——— photos ———

export async function countPhotos(db: Db, topicId: number) {
  const row = await db.selectFrom('deliberation_photo').select((eb) => eb.fn.countAll().as('n')).where('topic_id', '=', topicId).executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function insertPhoto(db: Db, p: { topicId: number; mime: string; data: Buffer; userId: number | null; now: string }) {
  const row = await db
    .insertInto('deliberation_photo')
    .values({ topic_id: p.topicId, mime: p.mime, size: p.data.length, data: p.data, created_by: p.userId, created_at: p.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The photos of these topics (without their bytes), in the order they were added. */
export function photosOf(db: Db, topicIds: number[]) {
  if (topicIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('deliberation_photo').select(['id', 'topic_id', 'mime', 'size', 'created_by', 'created_at']).where('topic_id', 'in', topicIds).orderBy('topic_id').orderBy('id').execute();
}

export function photo(db: Db, topicId: number, photoId: number) {
  return db.selectFrom('deliberation_photo').select(['id', 'mime', 'data']).where('id', '=', photoId).where('topic_id', '=', topicId).executeTakeFirst();
}

/** Removes one photo of the topic and answers what it was (for the audit log), or undefined. */
export async function deletePhoto(db: Db, topicId: number, photoId: number) {
  const gone = await db.selectFrom('deliberation_photo').select(['id', 'mime', 'size', 'created_by', 'created_at']).where('id', '=', photoId).where('topic_id', '=', topicId).executeTakeFirst();
  if (gone) await db.deleteFrom('deliberation_photo').where('id', '=', photoId).execute();
  return gone;
}

/** The unit and every unit above it, for whether any of them shows its topics publicly. */
export function unitsAbove(db: Db, unitId: number) {
  return db.selectFrom('unit_closure').innerJoin('unit', 'unit.id', 'unit_closure.ancestor_id').select(['unit.id', 'unit.kind', 'unit.archived_at']).where('unit_closure.descendant_id', '=', unitId).execute();
}

// ——— the inbox ———

export interface Notice {
  kind: string;
  title: string;
  link: string;
  /** The topic's place: the inbox names it. */
  unitId: number;
  /** A person is told once per key prefix (the topic and the occasion). */
  dedupePrefix: string;
  now: string;
}

/**
 * One inbox notification per active account holding one of `roles` on a unit of `units`, in one
 * INSERT … SELECT: a community of thousands is told without a round trip per person. The dedupe
 * key makes a repeated call tell nobody twice.
 */
async function notifyHolders(db: Db, units: SelectQueryBuilder<DB, any, { id: number }>, roles: readonly string[], n: Notice) {
  const text = (v: string) => sql<string>`CAST(${v} AS TEXT)`;
  await db
    .insertInto('notification')
    .columns(['user_id', 'kind', 'title', 'body', 'link', 'warning_id', 'unit_id', 'dedupe_key', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', 'u.id', 'g.user_id')
        .select([
          'g.user_id',
          text(n.kind).as('kind'),
          text(n.title).as('title'),
          text('').as('body'),
          text(n.link).as('link'),
          sql<number | null>`CAST(NULL AS INTEGER)`.as('warning_id'),
          sql<number>`CAST(${n.unitId} AS INTEGER)`.as('unit_id'),
          sql<string>`${text(`${n.dedupePrefix}:`)} || CAST(g.user_id AS TEXT)`.as('dedupe_key'),
          text(n.now).as('created_at'),
        ])
        .where('u.disabled_at', 'is', null)
        .where('g.role', 'in', [...roles])
        .where('g.unit_id', 'in', units)
        .groupBy('g.user_id'),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Tells the people of a place (grants inside its subtree). */
export function notifyPeopleOf(db: Db, placeId: number, roles: readonly string[], n: Notice) {
  return notifyHolders(db, db.selectFrom('unit_closure').select('descendant_id as id').where('ancestor_id', '=', placeId), roles, n);
}

/** Tells those who hold a grant on the unit or any unit above it (its managers). */
export function notifyAbove(db: Db, unitId: number, roles: readonly string[], n: Notice) {
  return notifyHolders(db, db.selectFrom('unit_closure').select('ancestor_id as id').where('descendant_id', '=', unitId), roles, n);
}
