// Reading warnings: the list, one warning, the units a person acknowledges for, the dashboard
// figures and the timeline. Whoever may read the issuing unit sees the whole warning; a town or
// village reached by it sees the part inside its own subtree.
import { sql } from 'kysely';
import { effectiveStatus, type Penetration, type WarningLevel } from '@xianfeng/domain';
import { canAccessUnit, requirePermission, scopedUnitIds, type ScopeQuery } from '../../core/access.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { toCount } from '../../db/dialect.ts';
import * as repo from './repo.ts';

export interface WarningScope {
  warning: repo.WarningRow;
  /** null: the whole warning; else the viewer's units (a subquery). */
  within: ScopeQuery | null;
}

export async function warningScope(db: Db, ctx: RequestCtx, id: number): Promise<WarningScope> {
  const auth = requirePermission(ctx.auth, 'warning.read');
  const warning = await repo.getWarning(db, id);
  if (!warning) throw notFound();
  if (await canAccessUnit(db, auth, 'warning.read', warning.unit_id)) return { warning, within: null };
  const within = scopedUnitIds(db, auth, 'warning.read');
  const reached = await db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', id).where('unit_id', 'in', within).limit(1).executeTakeFirst();
  if (!reached) throw notFound();
  return { warning, within };
}

function present(w: repo.WarningRow, now: string) {
  return {
    id: w.id,
    unitId: w.unit_id,
    hazard: w.hazard,
    level: w.level as WarningLevel,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    status: effectiveStatus({ status: w.status, expiresAt: w.expires_at }, now),
    exercise: w.exercise === 1,
    effectiveAt: w.effective_at,
    expiresAt: w.expires_at,
    identifier: w.identifier,
    source: w.source,
    issuedAt: w.issued_at,
    fanoutDoneAt: w.fanout_done_at,
    cancelledAt: w.cancelled_at,
    cancelReason: w.cancel_reason,
    deadlineFrom: w.deadline_from,
    version: w.version,
  };
}
export type WarningView = ReturnType<typeof present>;

export async function listWarnings(ctx: RequestCtx, query: { status?: 'active' | 'closed' | 'all'; exercise?: 'only' | 'exclude' | 'include'; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'warning.read');
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  const scope = scopedUnitIds(db, auth, 'warning.read');
  let q = db
    .selectFrom('warning')
    .where((eb) => eb.or([eb('warning.unit_id', 'in', scope), eb('warning.id', 'in', eb.selectFrom('warning_unit').select('warning_id').where('warning_unit.unit_id', 'in', scope))]));
  if (query.status === 'active') q = q.where('status', '=', 'active').where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if (query.status === 'closed') q = q.where((eb) => eb.or([eb('status', '=', 'cancelled'), eb('expires_at', '<=', now)]));
  if (query.exercise === 'only') q = q.where('exercise', '=', 1);
  if (query.exercise === 'exclude') q = q.where('exercise', '=', 0);
  const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('warning').orderBy('issued_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const names = await repo.unitNames(db, [...new Set(rows.map((r) => r.unit_id))]);
  const acks = rows.length
    ? await db
        .selectFrom('warning_unit')
        .select(['warning_id', (eb) => eb.fn.countAll().as('units'), (eb) => eb.fn.count('acked_at').as('acked')])
        .where('warning_id', 'in', rows.map((r) => r.id))
        .where('unit_id', 'in', scope)
        .groupBy('warning_id')
        .execute()
    : [];
  return {
    total,
    items: rows.map((w) => {
      const a = acks.find((x) => x.warning_id === w.id);
      return { ...present(w, now), unitName: names.get(w.unit_id) ?? '', units: toCount(a?.units), acknowledged: toCount(a?.acked) };
    }),
  };
}

export async function getWarningDetail(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const { warning, within } = await warningScope(db, ctx, id);
  const now = nowIso(ctx.deps);
  const areas = await repo.areaUnits(db, id);
  const unit = await db.selectFrom('unit').select(['name', 'code']).where('id', '=', warning.unit_id).executeTakeFirstOrThrow();
  const messages = await db.selectFrom('warning_message').select(['id', 'identifier', 'msg_type', 'sent']).where('warning_id', '=', id).orderBy('id').execute();
  const canIssue = ctx.auth ? await canAccessUnit(db, ctx.auth, 'warning.issue', warning.unit_id) : false;
  return {
    ...present(warning, now),
    unitName: unit.name,
    areas: areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind, areaCode: a.area_code })),
    messages: messages.map((m) => ({ id: m.id, identifier: m.identifier, msgType: m.msg_type, sent: m.sent })),
    wholeWarning: within === null,
    canIssue,
    myUnits: await myUnits(ctx, id),
  };
}

/** The covered units the caller answers for directly (their own grants), with acknowledgement state. */
export async function myUnits(ctx: RequestCtx, warningId: number) {
  if (!ctx.auth) return [];
  const db = ctx.deps.database.db;
  const grantUnits = ctx.auth.grants.filter((g) => g.unitId !== null && ['admin', 'unit_admin', 'secretary', 'duty_officer', 'grid_worker'].includes(g.role)).map((g) => g.unitId!);
  if (grantUnits.length === 0) return [];
  const rows = await db
    .selectFrom('warning_unit')
    .innerJoin('unit', 'unit.id', 'warning_unit.unit_id')
    .select(['unit.id', 'unit.name', 'unit.kind', 'warning_unit.notified_at', 'warning_unit.acked_at', 'warning_unit.overdue_at'])
    .where('warning_unit.warning_id', '=', warningId)
    .where('warning_unit.unit_id', 'in', grantUnits)
    .orderBy('unit.id')
    .execute();
  return rows.map((r) => ({ unitId: r.id, name: r.name, kind: r.kind, notifiedAt: r.notified_at, acknowledgedAt: r.acked_at, overdue: r.overdue_at !== null && r.acked_at === null }));
}

/** The levels of the cascade a dashboard shows, by kind of unit. */
const TIER_OF_KIND: Record<string, string> = {
  county_committee: 'county', county: 'county',
  town_committee: 'town', town: 'town',
  general_branch: 'village', village: 'village', community: 'village',
  branch: 'branch', group: 'branch',
  grid: 'grid',
};
const TIER_ORDER = ['county', 'town', 'village', 'branch', 'grid', 'other'];

function tierExpression() {
  const cases = Object.entries(TIER_OF_KIND).map(([kind, tier]) => sql`WHEN ${sql.lit(kind)} THEN ${sql.lit(tier)}`);
  return sql<string>`CASE warning_unit.kind ${sql.join(cases, sql` `)} ELSE 'other' END`;
}

/**
 * Penetration by tier and in total, computed in the database: unit counts by GROUP BY, and the
 * acknowledgement times as a histogram of whole seconds (a few hundred rows even for a
 * city-wide warning) from which the median and the slowest are read — 12,000 rows never travel
 * to the application, and nothing is sorted but the histogram.
 */
async function penetrationFigures(db: Db, warningId: number, within: ScopeQuery | null) {
  const scope = within ? sql`AND warning_unit.unit_id IN (${within})` : sql``;
  const counts = await sql<{ tier: string; units: number; acknowledged: number; overdue: number }>`
    SELECT ${tierExpression()} AS tier, COUNT(*) AS units, COUNT(warning_unit.acked_at) AS acknowledged,
      SUM(CASE WHEN warning_unit.overdue_at IS NOT NULL AND warning_unit.acked_at IS NULL THEN 1 ELSE 0 END) AS overdue
    FROM warning_unit WHERE warning_unit.warning_id = ${warningId} ${scope}
    GROUP BY 1`.execute(db);
  const histogram = await sql<{ tier: string; seconds: number; n: number }>`
    SELECT ${tierExpression()} AS tier, warning_unit.ack_seconds AS seconds, COUNT(*) AS n
    FROM warning_unit WHERE warning_unit.warning_id = ${warningId} AND warning_unit.acked_at IS NOT NULL ${scope}
    GROUP BY 1, 2`.execute(db);
  const times = (tier: string | null) => histogram.rows.filter((h) => tier === null || h.tier === tier).map((h) => ({ seconds: Number(h.seconds ?? 0), n: toCount(h.n) }));
  const figure = (units: number, acknowledged: number, overdue: number, tier: string | null): Penetration => {
    const { median, slowest } = medianAndMax(times(tier));
    return { units, acknowledged, overdue, percent: units ? Math.round((acknowledged / units) * 1000) / 10 : 0, medianSeconds: median, slowestSeconds: slowest };
  };
  const rows = counts.rows.map((r) => ({ tier: r.tier, units: toCount(r.units), acknowledged: toCount(r.acknowledged), overdue: toCount(r.overdue) }));
  const sum = (k: 'units' | 'acknowledged' | 'overdue') => rows.reduce((n, r) => n + r[k], 0);
  return {
    total: figure(sum('units'), sum('acknowledged'), sum('overdue'), null),
    tiers: TIER_ORDER.map((tier) => rows.find((r) => r.tier === tier)).filter((r) => r !== undefined).map((r) => ({ tier: r.tier, ...figure(r.units, r.acknowledged, r.overdue, r.tier) })),
  };
}

/** Median (the mean of the two middle values for an even count) and maximum of a histogram. */
export function medianAndMax(bins: Array<{ seconds: number; n: number }>) {
  const sorted = [...bins].sort((a, b) => a.seconds - b.seconds);
  const total = sorted.reduce((n, b) => n + b.n, 0);
  if (total === 0) return { median: null, slowest: null };
  const at = (rank: number) => {
    let seen = 0;
    for (const b of sorted) if ((seen += b.n) >= rank) return b.seconds;
    return sorted[sorted.length - 1]!.seconds;
  };
  const median = total % 2 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
  return { median: Math.round(median), slowest: sorted[sorted.length - 1]!.seconds };
}

/** The dashboard's figures, computed from the units reached (and only the viewer's part of them). */
export async function dashboardFigures(db: Db, s: WarningScope, now: string) {
  const id = s.warning.id;
  let units = db.selectFrom('warning_unit').where('warning_unit.warning_id', '=', id);
  if (s.within) units = units.where('warning_unit.unit_id', 'in', s.within);
  const { total, tiers } = await penetrationFigures(db, id, s.within);
  const overdue = await units
    .innerJoin('unit', 'unit.id', 'warning_unit.unit_id')
    .leftJoin('unit as parent', 'parent.id', 'warning_unit.parent_id')
    .select(['unit.id', 'unit.name', 'unit.kind', 'parent.name as parentName', 'warning_unit.notified_at', 'warning_unit.overdue_at'])
    .where('warning_unit.acked_at', 'is', null)
    .where('warning_unit.overdue_at', 'is not', null)
    .orderBy('warning_unit.notified_at')
    .orderBy('unit.id')
    .limit(100)
    .execute();
  let evac = db.selectFrom('evacuation_report').where('warning_id', '=', id);
  if (s.within) evac = evac.where('unit_id', 'in', s.within);
  const evacuation = await evac
    .select([(eb) => eb.fn.sum<number>('to_move').as('toMove'), (eb) => eb.fn.sum<number>('moved').as('moved'), (eb) => eb.fn.sum<number>('refused').as('refused'), (eb) => eb.fn.countAll().as('reports')])
    .executeTakeFirstOrThrow();
  let shelters = db.selectFrom('shelter_occupancy').innerJoin('shelter', 'shelter.id', 'shelter_occupancy.shelter_id').where('shelter_occupancy.warning_id', '=', id);
  if (s.within) shelters = shelters.where('shelter.unit_id', 'in', s.within);
  const shelter = await shelters.select([(eb) => eb.fn.sum<number>('shelter_occupancy.occupants').as('occupants'), (eb) => eb.fn.sum<number>('shelter.capacity').as('capacity'), (eb) => eb.fn.countAll().as('open')]).executeTakeFirstOrThrow();
  let alarms = db
    .selectFrom('alarm')
    .where('alarm.status', 'in', ['open', 'handling'])
    .where('alarm.raised_at', '>=', s.warning.issued_at)
    .where('alarm.unit_id', 'in', (eb) => eb.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', id));
  if (s.within) alarms = alarms.where('alarm.unit_id', 'in', s.within);
  const openAlarms = toCount((await alarms.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    at: now,
    status: effectiveStatus({ status: s.warning.status, expiresAt: s.warning.expires_at }, now),
    fanoutDone: s.warning.fanout_done_at !== null,
    total,
    tiers,
    overdue: overdue.map((o) => ({ unitId: o.id, name: o.name, kind: o.kind, parentName: o.parentName, notifiedAt: o.notified_at, overdueAt: o.overdue_at })),
    evacuation: {
      reports: toCount(evacuation.reports),
      toMove: toCount(evacuation.toMove),
      moved: toCount(evacuation.moved),
      refused: toCount(evacuation.refused),
      shelters: toCount(shelter.open),
      occupants: toCount(shelter.occupants),
      capacity: toCount(shelter.capacity),
    },
    openAlarms,
  };
}
export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>;

export async function dashboard(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const scope = await warningScope(db, ctx, id);
  return dashboardFigures(db, scope, nowIso(ctx.deps));
}

export async function timeline(ctx: RequestCtx, id: number, query: { afterId?: number; limit: number }) {
  const db = ctx.deps.database.db;
  const { within } = await warningScope(db, ctx, id);
  let q = db
    .selectFrom('warning_event')
    .leftJoin('unit', 'unit.id', 'warning_event.unit_id')
    .leftJoin('app_user', 'app_user.id', 'warning_event.actor_id')
    .select(['warning_event.id', 'warning_event.kind', 'warning_event.unit_id', 'unit.name as unitName', 'app_user.display_name as actorName', 'warning_event.detail', 'warning_event.created_at'])
    .where('warning_event.warning_id', '=', id);
  // A village sees the warning's own events and those of its units, not its neighbours'.
  if (within) q = q.where((eb) => eb.or([eb('warning_event.unit_id', 'is', null), eb('warning_event.unit_id', 'in', within)]));
  if (query.afterId) q = q.where('warning_event.id', '>', query.afterId);
  const rows = await q.orderBy('warning_event.id', 'desc').limit(query.limit).execute();
  return rows.reverse().map((r) => ({ id: r.id, kind: r.kind, unitId: r.unit_id, unitName: r.unitName, actorName: r.actorName, detail: JSON.parse(r.detail) as Record<string, unknown>, at: r.created_at }));
}
