// Every SQL statement of the stars module apart from the evaluation itself (see compute.ts).
import { decodeStars, type StarDimension } from '@xianfeng/domain';
import type { Db } from '../../core/context.ts';

// ——— schemes ———

export function ownScheme(db: Db, unitId: number, period: string) {
  return db
    .selectFrom('star_scheme as s')
    .leftJoin('app_user as u', 'u.id', 's.updated_by')
    .select(['s.id', 's.unit_id', 's.config', 's.updated_at', 'u.display_name as updated_by_name'])
    .where('s.unit_id', '=', unitId)
    .where('s.period', '=', period)
    .executeTakeFirst();
}

export async function saveScheme(db: Db, row: { unit_id: number; period: string; config: string; updated_by: number | null; updated_at: string }) {
  await db
    .insertInto('star_scheme')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'period']).doUpdateSet({ config: row.config, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export async function deleteScheme(db: Db, unitId: number, period: string) {
  const res = await db.deleteFrom('star_scheme').where('unit_id', '=', unitId).where('period', '=', period).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export function unitRef(db: Db, unitId: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name']).where('id', '=', unitId).executeTakeFirst();
}

// ——— members ———

/** Every member of a subtree in the order of a roll: unit by code, then name by pinyin. */
export function subtreeMembers(db: Db, unitId: number) {
  return db
    .selectFrom('member as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.unit_id'])
    .where('m.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId))
    .orderBy('u.code')
    .orderBy('m.name_pinyin')
    .orderBy('m.id')
    .execute();
}

/** Names and units of some members (a page, or a chunk of an export). */
export function memberNames(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.name', 'm.unit_id', 'u.name as unit_name'])
    .where('m.id', 'in', ids)
    .execute();
}

// ——— final stars (member_star, written when a campaign's notice closes) ———

export interface AwardedStars {
  period: string;
  stars: StarDimension[];
  starCount: number;
  awardedAt: string;
}

/** A member's final stars, latest period first. */
export async function awardedStars(db: Db, memberId: number, limit = 5): Promise<AwardedStars[]> {
  const rows = await db
    .selectFrom('member_star')
    .select(['period', 'stars', 'star_count', 'awarded_at'])
    .where('member_id', '=', memberId)
    .orderBy('period', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ period: r.period, stars: decodeStars(r.stars), starCount: r.star_count, awardedAt: r.awarded_at }));
}

/** The final stars of some members for one period (a page of the board). */
export async function starsOfPeriod(db: Db, memberIds: number[], period: string): Promise<Map<number, StarDimension[]>> {
  const out = new Map<number, StarDimension[]>();
  if (memberIds.length === 0) return out;
  const rows = await db.selectFrom('member_star').select(['member_id', 'stars']).where('period', '=', period).where('member_id', 'in', memberIds).execute();
  for (const r of rows) out.set(r.member_id, decodeStars(r.stars));
  return out;
}

// ——— the holiday calendar ———

export function calendarOfYear(db: Db, year: number) {
  return db
    .selectFrom('calendar_day')
    .select(['day', 'kind', 'note'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

export async function replaceCalendarYear(db: Db, year: number, rows: Array<{ day: string; kind: 'holiday' | 'workday'; note: string }>) {
  await db.deleteFrom('calendar_day').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
  if (rows.length) await db.insertInto('calendar_day').values(rows).execute();
}
