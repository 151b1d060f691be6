// Every SQL statement of campaigns and candidates (the notice, objections and results keep their
// own in notice.ts and objections.ts). Kysely only, the same on SQLite and PostgreSQL.
import { QUOTA_STATES } from '@xianfeng/domain';
import type { Auth, Db } from '../../core/context.ts';
import { canAccessUnit, scopeOf } from '../../core/access.ts';
import { forUpdate, toCount, type DialectName } from '../../db/dialect.ts';
import type { CampaignRow } from './transition.ts';

// ——— units ———

export function findUnit(db: Db, id: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'parent_id', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

/** Whether `unitId` is `ancestorId` or below it. */
export async function isInside(db: Db, unitId: number, ancestorId: number): Promise<boolean> {
  const row = await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', ancestorId).where('descendant_id', '=', unitId).executeTakeFirst();
  return row !== undefined;
}

/** Of the given units, those inside `ancestorId`'s subtree. */
export async function unitsInside(db: Db, unitIds: number[], ancestorId: number): Promise<Set<number>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', ancestorId).where('descendant_id', 'in', unitIds).execute();
  return new Set(rows.map((r) => r.descendant_id));
}

/** The unit and every unit above it. */
export async function ancestorsOf(db: Db, unitId: number): Promise<number[]> {
  const rows = await db.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', unitId).execute();
  return rows.map((r) => r.ancestor_id);
}

export function findMember(db: Db, id: number) {
  return db.selectFrom('member').select(['id', 'name', 'unit_id']).where('id', '=', id).executeTakeFirst();
}

// ——— which campaigns a caller sees ———

/**
 * Campaigns are read by whoever holds evaluation.read on the organizing unit, and by those below
 * it: a village secretary sees the town's campaign that their candidates go through.
 */
export async function campaignVisible(db: Db, auth: Auth, campaign: Pick<CampaignRow, 'unit_id'>): Promise<boolean> {
  if (await canAccessUnit(db, auth, 'evaluation.read', campaign.unit_id)) return true;
  const { roots } = scopeOf(auth, 'evaluation.read');
  if (roots.length === 0) return false;
  const row = await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', campaign.unit_id).where('descendant_id', 'in', roots).executeTakeFirst();
  return row !== undefined;
}

export interface CampaignFilter {
  /** Only campaigns organized by this unit, above it or below it. */
  unitId?: number;
  period?: string;
}

export function listCampaigns(db: Db, auth: Auth, f: CampaignFilter) {
  const scope = scopeOf(auth, 'evaluation.read');
  const roots = scope.roots.length ? scope.roots : [-1];
  let q = db
    .selectFrom('campaign as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .selectAll('c')
    .select(['u.code as unit_code', 'u.name as unit_name'])
    .select((eb) => eb.selectFrom('candidate as k').select((e) => e.fn.countAll().as('n')).whereRef('k.campaign_id', '=', 'c.id').as('candidate_count'));
  if (!scope.global) {
    q = q.where((eb) =>
      eb.or([
        eb('c.unit_id', 'in', eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', 'in', roots)),
        eb('c.unit_id', 'in', eb.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', 'in', roots)),
      ]),
    );
  }
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb('c.unit_id', 'in', eb.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId)),
        eb('c.unit_id', 'in', eb.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', unitId)),
      ]),
    );
  }
  if (f.period !== undefined) q = q.where('c.period', '=', f.period);
  return q.orderBy('c.period', 'desc').orderBy('c.id', 'desc').limit(200).execute();
}

/** Open five-star campaigns organized at or above a unit: the ones its members may enter. */
export function openFiveStarCampaignsAbove(db: Db, unitId: number) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .selectAll('c')
    .select(['u.code as unit_code', 'u.name as unit_name'])
    .where('c.kind', '=', 'five_star')
    .where('c.status', '=', 'open')
    .where('c.unit_id', 'in', db.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', unitId))
    .orderBy('c.id', 'desc')
    .execute();
}

export function findCampaign(db: Db, id: number) {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the campaign for the rest of the transaction and reads it again: quota checks and state
 * changes of its candidates happen one at a time (SQLite's write transactions already are).
 */
export function lockCampaign(trx: Db, dialect: DialectName, id: number) {
  return forUpdate(trx.selectFrom('campaign').selectAll().where('id', '=', id), dialect).executeTakeFirstOrThrow();
}

// ——— counts and quotas ———

export async function countsOf(db: Db, campaignId: number) {
  const rows = await db.selectFrom('candidate').select(['state', 'category', (eb) => eb.fn.countAll().as('n')]).where('campaign_id', '=', campaignId).groupBy(['state', 'category']).execute();
  return rows.map((r) => ({ state: r.state, category: r.category, n: toCount(r.n) }));
}

/** Each quota with the places used: candidates of the quota unit's subtree that hold a place. */
export async function quotasWithUse(db: Db, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_quota as q')
    .innerJoin('unit as u', 'u.id', 'q.unit_id')
    .innerJoin('unit_closure as uc', 'uc.ancestor_id', 'q.unit_id')
    .leftJoin('candidate as k', (j) =>
      j.onRef('k.home_unit_id', '=', 'uc.descendant_id').onRef('k.campaign_id', '=', 'q.campaign_id').onRef('k.category', '=', 'q.category').on('k.state', 'in', QUOTA_STATES),
    )
    .select(['q.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'q.category', 'q.quota', (eb) => eb.fn.count('k.id').as('used')])
    .where('q.campaign_id', '=', campaignId)
    .groupBy(['q.unit_id', 'u.code', 'u.name', 'q.category', 'q.quota'])
    .orderBy('u.code')
    .orderBy('q.category')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name, category: r.category, quota: r.quota, used: toCount(r.used) }));
}

export async function replaceQuotas(trx: Db, campaignId: number, quotas: { unitId: number; category: string; quota: number }[]) {
  await trx.deleteFrom('campaign_quota').where('campaign_id', '=', campaignId).execute();
  if (quotas.length) await trx.insertInto('campaign_quota').values(quotas.map((q) => ({ campaign_id: campaignId, unit_id: q.unitId, category: q.category, quota: q.quota }))).execute();
}

/** The quota that limits a candidate: the nearest unit with one on the home unit's path up. */
export function nearestQuota(db: Db, campaignId: number, category: string, homeUnitId: number) {
  return db
    .selectFrom('campaign_quota as q')
    .innerJoin('unit_closure as uc', 'uc.ancestor_id', 'q.unit_id')
    .innerJoin('unit as u', 'u.id', 'q.unit_id')
    .select(['q.unit_id', 'q.quota', 'u.name as unit_name'])
    .where('q.campaign_id', '=', campaignId)
    .where('q.category', '=', category)
    .where('uc.descendant_id', '=', homeUnitId)
    .orderBy('uc.depth')
    .limit(1)
    .executeTakeFirst();
}

export async function placesUsed(db: Db, campaignId: number, category: string, quotaUnitId: number): Promise<number> {
  const row = await db
    .selectFrom('candidate')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('category', '=', category)
    .where('state', 'in', QUOTA_STATES)
    .where('home_unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', quotaUnitId))
    .executeTakeFirst();
  return toCount(row?.n);
}

// ——— candidates ———

/** A candidate with the names a judge reads: the member or organization, the home unit. */
export function candidateQuery(db: Db) {
  return db
    .selectFrom('candidate as k')
    .innerJoin('campaign as c', 'c.id', 'k.campaign_id')
    .innerJoin('unit as hu', 'hu.id', 'k.home_unit_id')
    .leftJoin('member as m', 'm.id', 'k.member_id')
    .leftJoin('unit as su', 'su.id', 'k.subject_unit_id')
    .selectAll('k')
    .select([
      'c.title as campaign_title', 'c.kind as campaign_kind', 'c.period as campaign_period', 'c.status as campaign_status', 'c.unit_id as campaign_unit_id',
      'c.self_evaluation_due', 'c.branch_recommendation_due', 'c.committee_review_due', 'c.leading_group_due',
      'hu.name as home_unit_name', 'm.name as member_name', 'su.name as subject_unit_name',
    ]);
}

export type CandidateListRow = Awaited<ReturnType<ReturnType<typeof candidateQuery>['execute']>>[number];

export function selfEvaluationRows(db: Db, candidateId: number) {
  return db.selectFrom('self_evaluation').selectAll().where('candidate_id', '=', candidateId).orderBy('id').execute();
}

export function evidenceOf(db: Db, selfEvaluationIds: number[]) {
  if (selfEvaluationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('points_evidence')
    .select(['id', 'owner_id', 'filename', 'mime', 'size'])
    .where('owner_type', '=', 'self_evaluation')
    .where('owner_id', 'in', selfEvaluationIds)
    .orderBy('id')
    .execute();
}

export function eventsOf(db: Db, candidateId: number) {
  return db.selectFrom('candidate_event').selectAll().where('candidate_id', '=', candidateId).orderBy('id').execute();
}
