// The first page after login: figures and organization-rule warnings for the caller's scope.
import { message, roleHas, unitRuleWarnings, ROLES, type Role, type UnitKind } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { requireAuth, scopedUnitIds } from '../../core/access.ts';
import type { RequestCtx } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';
import * as memberRepo from '../members/repo.ts';
import { presentListItem } from '../members/service.ts';
import { todoCount } from '../campaigns/todo.ts';

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
  // Candidates waiting for the caller's step in a five-star or commendation campaign (reminders).
  const base = { role, unit: unit ?? null, self: self ? presentListItem(self) : null, campaignTodo: await todoCount(ctx) };
  if (!roleHas(role, 'member.read')) return { ...base, counts: null, byKind: [], warningCount: 0, warnings: [] };

  // Every figure comes from the counts maintained on each unit (see units/repo adjustMemberCount):
  // a city's first page reads its units, never its 200,000 members.
  const scope = scopedUnitIds(db, auth, 'member.read');
  const active = db.selectFrom('unit').where('id', 'in', scope).where('archived_at', 'is', null);
  const [byKind, partyUnits, secretaryRows] = await Promise.all([
    active
      .select(['kind', (eb) => eb.fn.countAll().as('units'), (eb) => eb.fn.sum<number>('member_count').as('members'), (eb) => eb.fn.sum<number>('full_member_count').as('full')])
      .groupBy('kind')
      .execute(),
    active.select(['id', 'kind', 'member_count', 'full_member_count']).where('kind', 'in', PARTY_KINDS).execute(),
    db.selectFrom('role_grant').select('unit_id').where('role', '=', 'secretary').where('unit_id', 'in', scope).execute(),
  ]);
  const secretaries = new Set(secretaryRows.map((r) => r.unit_id));
  const warnings = partyUnits.flatMap((u) =>
    unitRuleWarnings({ kind: u.kind as UnitKind, fullMembers: u.full_member_count, totalMembers: u.member_count, hasSecretary: secretaries.has(u.id) }).map((warning) => ({ unitId: u.id, warning })),
  );
  // A city has thousands of warnings: the page lists the first 20, so only those are named and worded.
  const shown = warnings.slice(0, 20);
  const names = shown.length ? await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', 'in', shown.map((w) => w.unitId)).execute() : [];
  const sum = (key: 'units' | 'members' | 'full') => byKind.reduce((n, r) => n + toCount(r[key]), 0);
  return {
    ...base,
    counts: { units: sum('units'), members: sum('members'), full: sum('full'), probationary: sum('members') - sum('full') },
    byKind: byKind.map((r) => ({ kind: r.kind, count: toCount(r.units) })),
    warningCount: warnings.length,
    warnings: shown.map(({ unitId, warning: w }) => ({ unit: names.find((u) => u.id === unitId)!, code: w.code, message: message(w.code, ctx.locale, w.params) })),
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
