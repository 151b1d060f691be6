// A unit's five-star scheme for a period: read with where it comes from (its own, an ancestor's,
// or the shipped default), saved after the domain's checks and a check of every rule code against
// the rules in force for the unit, removed to fall back to the inherited one. Every write audited.
import { validateScheme, type RuleAccount, type StarScheme } from '@xianfeng/domain';
import type { z } from 'zod';
import type { RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { invalid, type FieldIssue } from '../../core/errors.ts';
import { effectiveRules } from '../points/rules.ts';
import { schemeFor } from './compute.ts';
import * as repo from './repo.ts';
import type { schemeBody } from './schemas.ts';

export type SchemeSource = 'own' | 'inherited' | 'default';

export async function getScheme(ctx: RequestCtx, unitId: number, period: string) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'evaluation.read', unitId);
  const [inForce, rules, canEdit] = await Promise.all([schemeFor(db, unitId, period), effectiveRules(db, unitId), canAccessUnit(db, auth, 'evaluation.manage', unitId)]);
  const source: SchemeSource = inForce.unitId === null ? 'default' : inForce.unitId === unitId ? 'own' : 'inherited';
  const own = source === 'own' ? await repo.ownScheme(db, unitId, period) : undefined;
  // The unit the scheme comes from is named only when the caller may read it: an inherited
  // scheme of a unit above the caller's scope is just "inherited".
  const from = inForce.unitId !== null && (await canAccessUnit(db, auth, 'evaluation.read', inForce.unitId)) ? await repo.unitRef(db, inForce.unitId) : undefined;
  return {
    unitId,
    period,
    source,
    from: from ?? null,
    updatedAt: own?.updated_at ?? null,
    updatedBy: own?.updated_by_name ?? null,
    canEdit,
    scheme: inForce.scheme,
    // The rules a criterion may count, to pick from.
    rules: rules.map((r) => ({ code: r.code, name: r.name, account: r.account as RuleAccount, active: r.active === 1, veto: r.veto === 1 })),
  };
}

/** Rule codes must name rules in force for the unit, and a criterion's rules must be in its accounts. */
function ruleIssues(scheme: StarScheme, rules: Awaited<ReturnType<typeof effectiveRules>>): FieldIssue[] {
  const byCode = new Map(rules.map((r) => [r.code.toUpperCase(), r]));
  const issues: FieldIssue[] = [];
  scheme.dimensions.forEach((d, i) => {
    d.criterion.ruleCodes.forEach((code, j) => {
      const rule = byCode.get(code.toUpperCase());
      const field = `scheme.dimensions.${i}.criterion.ruleCodes.${j}`;
      if (!rule) issues.push({ field, code: 'stars.rule_unknown', params: { code } });
      else if (!d.criterion.accounts.includes(rule.account as RuleAccount)) issues.push({ field, code: 'stars.rule_wrong_account', params: { code } });
    });
  });
  scheme.disqualifiers.forEach((q, i) => {
    if ((q.kind === 'rule_short' || q.kind === 'rule_present') && !byCode.has(q.ruleCode.toUpperCase())) {
      issues.push({ field: `scheme.disqualifiers.${i}.ruleCode`, code: 'stars.rule_unknown', params: { code: q.ruleCode } });
    }
  });
  return issues;
}

export async function saveScheme(ctx: RequestCtx, input: { unitId: number; period: string; scheme: z.output<typeof schemeBody> }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'evaluation.manage', input.unitId);
  const rules = await effectiveRules(db, input.unitId);
  const issues: FieldIssue[] = validateScheme(input.scheme).map((i) => ({ field: `scheme.${i.field}`, code: i.code }));
  issues.push(...ruleIssues(input.scheme, rules));
  if (issues.length) throw invalid(issues);
  // Codes are matched regardless of case and stored as the rules spell them, as the ledger does.
  const spelled = new Map(rules.map((r) => [r.code.toUpperCase(), r.code]));
  const code = (c: string) => spelled.get(c.toUpperCase()) ?? c;
  const scheme: StarScheme = {
    dimensions: input.scheme.dimensions.map((d) => ({ ...d, criterion: { ...d.criterion, ruleCodes: d.criterion.ruleCodes.map(code) } })),
    disqualifiers: input.scheme.disqualifiers.map((q) => ('ruleCode' in q ? { ...q, ruleCode: code(q.ruleCode) } : q)),
  };
  const before = await repo.ownScheme(db, input.unitId, input.period);
  // Stored in dimension order, so that two saves of the same scheme compare equal.
  const config = JSON.stringify({ dimensions: scheme.dimensions, disqualifiers: scheme.disqualifiers });
  await db.transaction().execute(async (trx) => {
    await repo.saveScheme(trx, { unit_id: input.unitId, period: input.period, config, updated_by: ctx.auth!.userId || null, updated_at: nowIso(ctx.deps) });
    await recordAudit(trx, ctx, {
      entityType: 'star_scheme', entityId: `${input.unitId}:${input.period}`, unitId: input.unitId, action: before ? 'stars.scheme.update' : 'stars.scheme.create',
      before: before ? JSON.parse(before.config) : undefined, after: { period: input.period, ...JSON.parse(config) },
    });
  });
  return getScheme(ctx, input.unitId, input.period);
}

/** Removes the unit's own scheme of the period: the inherited one (or the default) applies again. */
export async function removeScheme(ctx: RequestCtx, unitId: number, period: string) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'evaluation.manage', unitId);
  const before = await repo.ownScheme(db, unitId, period);
  if (before) {
    await db.transaction().execute(async (trx) => {
      await repo.deleteScheme(trx, unitId, period);
      await recordAudit(trx, ctx, { entityType: 'star_scheme', entityId: `${unitId}:${period}`, unitId, action: 'stars.scheme.delete', before: { period, ...JSON.parse(before.config) } });
    });
  }
  return getScheme(ctx, unitId, period);
}
