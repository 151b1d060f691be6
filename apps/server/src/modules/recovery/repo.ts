// Every SQL statement of recovery: outages and their restoration.
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';
import { subtree } from '../households/repo.ts';

export async function insertOutage(db: Db, o: { unitId: number; warningId: number | null; kind: string; startedAt: string; note: string; userId: number | null; now: string }) {
  const row = await db
    .insertInto('outage')
    .values({ unit_id: o.unitId, warning_id: o.warningId, kind: o.kind, started_at: o.startedAt, restored_at: null, note: o.note, reported_by: o.userId, created_at: o.now, updated_at: o.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const columns = [
  'outage.id', 'outage.unit_id', 'unit.name as unit_name', 'outage.warning_id', 'outage.kind', 'outage.started_at', 'outage.restored_at', 'outage.note',
  'app_user.display_name as reported_by_name', 'outage.created_at', 'outage.updated_at',
] as const;

function base(db: Db) {
  return db.selectFrom('outage').innerJoin('unit', 'unit.id', 'outage.unit_id').leftJoin('app_user', 'app_user.id', 'outage.reported_by');
}

export function getOutage(db: Db, id: number) {
  return base(db).select(columns).where('outage.id', '=', id).executeTakeFirst();
}
export type OutageRow = NonNullable<Awaited<ReturnType<typeof getOutage>>>;

/** Restores an outage still open; 0 rows when it was restored meanwhile. */
export async function restore(db: Db, id: number, restoredAt: string, now: string) {
  const result = await db.updateTable('outage').set({ restored_at: restoredAt, updated_at: now }).where('id', '=', id).where('restored_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function setNote(db: Db, id: number, note: string, now: string) {
  return db.updateTable('outage').set({ note, updated_at: now }).where('id', '=', id).execute();
}

export interface OutageFilter {
  scope: ScopeQuery;
  unitId?: number;
  warningId?: number;
  open?: boolean;
}

function filtered(db: Db, f: OutageFilter) {
  let q = base(db).where('outage.unit_id', 'in', f.scope);
  if (f.unitId !== undefined) q = q.where('outage.unit_id', 'in', subtree(db, f.unitId));
  if (f.warningId !== undefined) q = q.where('outage.warning_id', '=', f.warningId);
  if (f.open !== undefined) q = q.where('outage.restored_at', f.open ? 'is' : 'is not', null);
  return q;
}

/** Outages still out first (longest out first), then the restored ones, latest first. */
export async function listOutages(db: Db, f: OutageFilter, page: { limit: number; offset: number }) {
  const q = filtered(db, f);
  const [rows, total] = await Promise.all([
    q.select(columns).orderBy('outage.restored_at', (ob) => ob.desc().nullsFirst()).orderBy('outage.started_at').orderBy('outage.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** Every outage of the filter, for the summary and its curve (bounded: a county has hundreds, not millions). */
export function allOutages(db: Db, f: OutageFilter, limit: number) {
  return filtered(db, f).select(['outage.kind', 'outage.started_at', 'outage.restored_at']).orderBy('outage.started_at').orderBy('outage.id').limit(limit).execute();
}
