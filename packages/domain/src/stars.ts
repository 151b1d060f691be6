// 五星党员: five dimensions, each lit by a threshold on points of the ledger, and disqualifiers
// that keep every star dark (dues not paid in full, organization life missed, a veto). The scheme
// is configuration per unit and period; this file only evaluates it.
import type { RuleAccount } from './points.ts';

export const STAR_DIMENSIONS = ['excellence', 'service', 'dedication', 'innovation', 'breakthrough'] as const;
export type StarDimension = (typeof STAR_DIMENSIONS)[number];

export interface StarCriterion {
  /** Points of these accounts count… */
  readonly accounts: readonly RuleAccount[];
  /** …booked under these rule codes (empty: every rule of those accounts). */
  readonly ruleCodes: readonly string[];
  /** The star lights at this many points (signed sum of the counted entries)… */
  readonly minPoints: number;
  /** …and at least this many awards among them. */
  readonly minEntries: number;
  /** The self-evaluation of this dimension must carry evidence. */
  readonly evidenceRequired: boolean;
}

export interface DimensionConfig {
  readonly code: StarDimension;
  readonly name: string;
  readonly description: string;
  readonly criterion: StarCriterion;
}

export type Disqualifier =
  /** Any veto entry (一票否决) in the period. */
  | { readonly kind: 'veto' }
  /** Fewer than `minEntries` awards under a rule: dues not paid every month, meetings missed. */
  | { readonly kind: 'rule_short'; readonly ruleCode: string; readonly minEntries: number }
  /** Any entry under a rule: a deduction for skipping organization life. */
  | { readonly kind: 'rule_present'; readonly ruleCode: string }
  /** Deductions above this many points in the period. */
  | { readonly kind: 'deductions_over'; readonly points: number };

export interface StarScheme {
  readonly dimensions: readonly DimensionConfig[];
  readonly disqualifiers: readonly Disqualifier[];
}

/** One member's ledger of a period, summed by account and rule (reversals cancel their entries). */
export interface LedgerAggregate {
  readonly rows: readonly { readonly account: string; readonly ruleCode: string | null; readonly points: number; readonly entries: number }[];
  readonly vetoes: number;
}

export interface DimensionResult {
  readonly code: StarDimension;
  readonly points: number;
  readonly entries: number;
  readonly minPoints: number;
  readonly minEntries: number;
  /** The threshold is met (the star is lit unless the member is disqualified). */
  readonly met: boolean;
  readonly missingPoints: number;
  readonly missingEntries: number;
}

export interface StarEvaluation {
  readonly stars: readonly StarDimension[];
  readonly dimensions: readonly DimensionResult[];
  /** The disqualifiers that hit, in scheme order; any one keeps every star dark. */
  readonly disqualified: readonly Disqualifier[];
}

function counted(criterion: StarCriterion, agg: LedgerAggregate) {
  let points = 0;
  let entries = 0;
  for (const r of agg.rows) {
    if (!criterion.accounts.includes(r.account as RuleAccount)) continue;
    if (criterion.ruleCodes.length > 0 && (r.ruleCode === null || !criterion.ruleCodes.includes(r.ruleCode))) continue;
    points += r.points;
    entries += r.entries;
  }
  return { points, entries };
}

function ruleEntries(agg: LedgerAggregate, code: string): number {
  return agg.rows.filter((r) => r.ruleCode === code).reduce((n, r) => n + r.entries, 0);
}

export function disqualifierHits(d: Disqualifier, agg: LedgerAggregate): boolean {
  switch (d.kind) {
    case 'veto':
      return agg.vetoes > 0;
    case 'rule_short':
      return ruleEntries(agg, d.ruleCode) < d.minEntries;
    case 'rule_present':
      return ruleEntries(agg, d.ruleCode) > 0;
    case 'deductions_over':
      return -agg.rows.filter((r) => r.account === 'deduction').reduce((n, r) => n + r.points, 0) > d.points;
    default:
      return d satisfies never;
  }
}

export function evaluateStars(scheme: StarScheme, agg: LedgerAggregate): StarEvaluation {
  const disqualified = scheme.disqualifiers.filter((d) => disqualifierHits(d, agg));
  const dimensions = scheme.dimensions.map((dim): DimensionResult => {
    const { points, entries } = counted(dim.criterion, agg);
    const missingPoints = Math.max(0, dim.criterion.minPoints - points);
    const missingEntries = Math.max(0, dim.criterion.minEntries - entries);
    return { code: dim.code, points, entries, minPoints: dim.criterion.minPoints, minEntries: dim.criterion.minEntries, met: missingPoints === 0 && missingEntries === 0, missingPoints, missingEntries };
  });
  return { stars: disqualified.length ? [] : dimensions.filter((d) => d.met).map((d) => d.code), dimensions, disqualified };
}

/**
 * 点亮一颗星: the dark star closest to lighting — the smallest share of its threshold still
 * missing (points and awards weighed alike); null when all are lit or the member is disqualified.
 */
export function closestStar(e: StarEvaluation): DimensionResult | null {
  if (e.disqualified.length) return null;
  const share = (d: DimensionResult) => Math.max(d.minPoints ? d.missingPoints / d.minPoints : 0, d.minEntries ? d.missingEntries / d.minEntries : 0);
  const dark = e.dimensions.filter((d) => !d.met);
  if (dark.length === 0) return null;
  return dark.reduce((best, d) => (share(d) < share(best) ? d : best));
}

/** Stars are stored as a '|'-joined list in dimension order. */
export function encodeStars(stars: readonly StarDimension[]): string {
  return STAR_DIMENSIONS.filter((d) => stars.includes(d)).join('|');
}

export function decodeStars(text: string | null | undefined): StarDimension[] {
  if (!text) return [];
  return text.split('|').filter((s): s is StarDimension => (STAR_DIMENSIONS as readonly string[]).includes(s));
}

export type SchemeIssue = { readonly field: string; readonly code: 'stars.scheme_dimensions' | 'stars.threshold_invalid' | 'stars.criterion_empty' | 'stars.name_required' };

/** A scheme has the five dimensions once each, non-negative thresholds, and something to count. */
export function validateScheme(s: StarScheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const codes = s.dimensions.map((d) => d.code);
  if (codes.length !== STAR_DIMENSIONS.length || STAR_DIMENSIONS.some((c) => !codes.includes(c))) issues.push({ field: 'dimensions', code: 'stars.scheme_dimensions' });
  s.dimensions.forEach((d, i) => {
    if (!d.name.trim()) issues.push({ field: `dimensions.${i}.name`, code: 'stars.name_required' });
    const c = d.criterion;
    if (!Number.isInteger(c.minPoints) || c.minPoints < 0 || c.minPoints > 10_000 || !Number.isInteger(c.minEntries) || c.minEntries < 0 || c.minEntries > 1000)
      issues.push({ field: `dimensions.${i}.criterion`, code: 'stars.threshold_invalid' });
    if (c.accounts.length === 0 || (c.minPoints === 0 && c.minEntries === 0)) issues.push({ field: `dimensions.${i}.criterion`, code: 'stars.criterion_empty' });
  });
  s.disqualifiers.forEach((d, i) => {
    if ((d.kind === 'rule_short' && (!Number.isInteger(d.minEntries) || d.minEntries < 1)) || (d.kind === 'deductions_over' && (!Number.isInteger(d.points) || d.points < 0)))
      issues.push({ field: `disqualifiers.${i}`, code: 'stars.threshold_invalid' });
  });
  return issues;
}

/**
 * The shipped scheme, on the default points catalogue (JC…/JF…/KF…/FJ…). Mianchi's five stars,
 * each lit by the rules that show it; dues every month and no skipped organization life are the
 * floor, as the national guidance has it.
 */
export const DEFAULT_STAR_SCHEME: StarScheme = {
  dimensions: [
    { code: 'excellence', name: '争先创优', description: '学习和组织生活走在前列，受到表彰或建言被采纳', criterion: { accounts: ['base', 'bonus'], ruleCodes: ['JC01', 'JC02', 'JC03', 'JC06', 'JF05', 'JF06'], minPoints: 28, minEntries: 0, evidenceRequired: false } },
    { code: 'service', name: '为民服务', description: '联系服务群众、志愿服务、调解纠纷', criterion: { accounts: ['base', 'bonus'], ruleCodes: ['JC07', 'JF02', 'JF03'], minPoints: 14, minEntries: 4, evidenceRequired: true } },
    { code: 'dedication', name: '敬业奉献', description: '承诺践诺、认领并完成服务任务', criterion: { accounts: ['base', 'bonus'], ruleCodes: ['JC05', 'JF04'], minPoints: 12, minEntries: 3, evidenceRequired: false } },
    { code: 'innovation', name: '创新突破', description: '建言献策被采纳、带头发展产业的新做法', criterion: { accounts: ['bonus'], ruleCodes: ['JF05', 'JF06'], minPoints: 6, minEntries: 0, evidenceRequired: true } },
    { code: 'breakthrough', name: '业务攻坚', description: '防汛抢险等急难险重任务冲在前', criterion: { accounts: ['bonus'], ruleCodes: ['JF01', 'JF04'], minPoints: 10, minEntries: 0, evidenceRequired: true } },
  ],
  disqualifiers: [{ kind: 'veto' }, { kind: 'rule_present', ruleCode: 'KF02' }, { kind: 'rule_present', ruleCode: 'KF01' }],
};
