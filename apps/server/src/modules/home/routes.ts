// The first page after login: figures and organization-rule warnings for the caller's scope.
import { message, roleHas, unitRuleWarnings, ROLES, type Role, type UnitKind } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { requireAuth, scopedUnitIds } from '../../core/access.ts';
import type { RequestCtx } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';
import * as memberRepo from '../members/repo.ts';
import { presentListItem } from '../members/service.ts';

const PARTY_KINDS = ['county_committee', 'town_committee', 'general_branch', 'branch'];

async function home(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  // The strongest role decides the page: roles are listed from strongest to weakest.
  const role: Role = ROLES.find((r) => auth.grants.some((g) => g.role === r)) ?? 'resident';
  const grant = auth.grants.find((g) => g.role === role);
  const unit = grant?.unitId ? await db.selectFrom('unit').select(['id', 'code', 'name', 'kind']).where('id', '=', grant.unitId).executeTakeFirst() : null;
  // A member's own registry entry (masked), for their first page.
  const self = auth.memberId ? await memberRepo.findById(db, auth.memberId) : undefined;
  const base = { role, unit: unit ?? null, self: self ? presentListItem(self) : null };
  if (!roleHas(role, 'member.read')) return { ...base, counts: null, byKind: [], warningCount: 0, warnings: [] };

  const scope = scopedUnitIds(db, auth, 'member.read');
  const [units, byStatus, byKind] = await Promise.all([
    db.selectFrom('unit').select((eb) => eb.fn.countAll().as('n')).where('id', 'in', scope).where('archived_at', 'is', null).executeTakeFirst(),
    db.selectFrom('member').select(['status', (eb) => eb.fn.countAll().as('n')]).where('unit_id', 'in', scope).groupBy('status').execute(),
    db.selectFrom('unit').select(['kind', (eb) => eb.fn.countAll().as('n')]).where('id', 'in', scope).where('archived_at', 'is', null).groupBy('kind').execute(),
  ]);
  const count = (s: string) => toCount(byStatus.find((r) => r.status === s)?.n ?? 0);

  // Rule warnings for the party units in scope, from one grouped query.
  const partyUnits = await db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', 'in', scope)
    .where('archived_at', 'is', null)
    .where('kind', 'in', PARTY_KINDS)
    .execute();
  const memberStats = await db
    .selectFrom('member')
    .innerJoin('unit', 'unit.id', 'member.unit_id')
    .select(['member.unit_id', 'member.status', (eb) => eb.fn.countAll().as('n')])
    .where('member.unit_id', 'in', scope)
    .where('unit.kind', 'in', PARTY_KINDS)
    .groupBy(['member.unit_id', 'member.status'])
    .execute();
  const secretaries = new Set(
    (await db.selectFrom('role_grant').select('unit_id').where('role', '=', 'secretary').where('unit_id', 'in', scope).execute()).map((r) => r.unit_id),
  );
  const stats = new Map<number, { full: number; total: number }>();
  for (const r of memberStats) {
    const s = stats.get(r.unit_id) ?? { full: 0, total: 0 };
    const n = toCount(r.n);
    s.total += n;
    if (r.status === 'full') s.full += n;
    stats.set(r.unit_id, s);
  }
  const warnings = [];
  for (const u of partyUnits) {
    const s = stats.get(u.id) ?? { full: 0, total: 0 };
    for (const w of unitRuleWarnings({ kind: u.kind as UnitKind, fullMembers: s.full, totalMembers: s.total, hasSecretary: secretaries.has(u.id) })) {
      warnings.push({ unit: { id: u.id, code: u.code, name: u.name }, code: w.code, message: message(w.code, ctx.locale, w.params) });
    }
  }
  return {
    ...base,
    counts: { units: toCount(units?.n), members: count('full') + count('probationary'), full: count('full'), probationary: count('probationary') },
    byKind: byKind.map((r) => ({ kind: r.kind, count: toCount(r.n) })),
    warningCount: warnings.length,
    warnings: warnings.slice(0, 20),
  };
}

export const homeRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/home',
    summary: 'Figures and organization-rule warnings for the caller’s first page',
    tags: ['home'],
    access: 'session',
    handler: ({ ctx }) => home(ctx),
  }),
];
