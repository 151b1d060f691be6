// Mediation figures for a unit's subtree, without a single name: cases by type, by state and by
// outcome, the median days to agreement, the agreement rate, and the count per village.
import { mediationStats, type CaseStatus } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import type { RequestCtx } from '../../core/context.ts';
import * as repo from './repo.ts';

export async function stats(ctx: RequestCtx, q: { unitId: number; year?: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'mediation.read', q.unitId);
  const rows = await repo.caseFacts(db, q.unitId, q.year);
  const figures = mediationStats(rows.map((r) => ({
    type: r.type,
    status: r.status as CaseStatus,
    outcome: r.outcome === 'agreed' || r.outcome === 'failed' ? r.outcome : null,
    acceptedAt: r.accepted_at,
    agreedAt: r.outcome === 'agreed' ? r.outcome_at : null,
  })));
  const byUnit = new Map<number, { unitId: number; unitName: string; cases: number; agreed: number }>();
  for (const r of rows) {
    const u = byUnit.get(r.unit_id) ?? { unitId: r.unit_id, unitName: r.unit_name, cases: 0, agreed: 0 };
    u.cases += 1;
    if (r.outcome === 'agreed') u.agreed += 1;
    byUnit.set(r.unit_id, u);
  }
  return { unitId: q.unitId, year: q.year ?? null, ...figures, byUnit: [...byUnit.values()].sort((a, b) => b.cases - a.cases) };
}
