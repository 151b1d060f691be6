// A member's stars: what the ledger gives now under the scheme of their unit, 点亮一颗星 (the dark
// star closest to lighting, what is still missing and which rules earn it), and the final stars
// of recent periods as the campaigns decided them.
import { closestStar, evaluateStars, periodOf, type RuleAccount } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { memberInScope, selfMember, today, type MemberRef } from '../points/common.ts';
import { effectiveRules } from '../points/rules.ts';
import { aggregates, schemeFor } from './compute.ts';
import { presentEvaluation } from './present.ts';
import * as repo from './repo.ts';

async function progressOf(ctx: RequestCtx, member: MemberRef, asked?: string) {
  const db = ctx.deps.database.db;
  const period = asked ?? periodOf(today(ctx), 'year');
  const [inForce, aggs, rules, awarded] = await Promise.all([
    schemeFor(db, member.unit_id, period),
    aggregates(db, [member.id], period),
    effectiveRules(db, member.unit_id),
    repo.awardedStars(db, member.id),
  ]);
  const ruleNames = new Map(rules.map((r) => [r.code, r.name]));
  const evaluation = evaluateStars(inForce.scheme, aggs.get(member.id)!);
  const closest = closestStar(evaluation);
  const config = closest && inForce.scheme.dimensions.find((d) => d.code === closest.code);
  // The rules that earn the missing points: those the criterion names, else every rule of its
  // accounts; only rules switched on, and never a deduction.
  const earning = config
    ? rules
        .filter((r) => r.active === 1 && r.account !== 'deduction' && config.criterion.accounts.includes(r.account as RuleAccount))
        .filter((r) => config.criterion.ruleCodes.length === 0 || config.criterion.ruleCodes.includes(r.code))
        .map((r) => ({ code: r.code, name: r.name, account: r.account as RuleAccount, pointsMin: r.points_min, pointsMax: r.points_max, needsEvidence: r.needs_evidence === 1 }))
    : [];
  const presented = presentEvaluation(evaluation, inForce.scheme, ruleNames);
  return {
    member: { id: member.id, name: member.name, unitId: member.unit_id },
    period,
    evaluation: {
      ...presented,
      dimensions: presented.dimensions.map((d) => {
        const c = inForce.scheme.dimensions.find((x) => x.code === d.code);
        return { ...d, description: c?.description ?? '', evidenceRequired: c?.criterion.evidenceRequired ?? false };
      }),
    },
    closest: closest && config ? { ...closest, name: config.name, description: config.description, evidenceRequired: config.criterion.evidenceRequired, rules: earning } : null,
    awarded,
  };
}

export async function myStars(ctx: RequestCtx, period?: string) {
  return progressOf(ctx, await selfMember(ctx), period);
}

export async function memberStars(ctx: RequestCtx, memberId: number, period?: string) {
  return progressOf(ctx, await memberInScope(ctx, memberId, 'evaluation.read'), period);
}
