// What leaves the server about an evaluation: each dimension with its name, figures and threshold;
// the disqualifiers that hit, with the rule's name where there is one.
import type { Disqualifier, StarEvaluation, StarScheme } from '@xianfeng/domain';

export type RuleNames = ReadonlyMap<string, string>;

export function presentDisqualifier(d: Disqualifier, ruleNames: RuleNames) {
  return 'ruleCode' in d ? { ...d, ruleName: ruleNames.get(d.ruleCode) ?? null } : d;
}

export function presentEvaluation(e: StarEvaluation, scheme: StarScheme, ruleNames: RuleNames) {
  return {
    stars: e.stars,
    starCount: e.stars.length,
    dimensions: e.dimensions.map((d) => {
      const config = scheme.dimensions.find((c) => c.code === d.code);
      return { ...d, name: config?.name ?? d.code };
    }),
    disqualified: e.disqualified.map((d) => presentDisqualifier(d, ruleNames)),
  };
}

/** The text of a disqualifier for a spreadsheet (Chinese, as the sheets are). */
export function disqualifierText(d: Disqualifier, ruleNames: RuleNames): string {
  const rule = (code: string) => `${code}${ruleNames.get(code) ? ` ${ruleNames.get(code)}` : ''}`;
  switch (d.kind) {
    case 'veto':
      return '一票否决';
    case 'rule_short':
      return `${rule(d.ruleCode)} 不足 ${d.minEntries} 次`;
    case 'rule_present':
      return `有 ${rule(d.ruleCode)} 记录`;
    case 'deductions_over':
      return `扣分超过 ${d.points} 分`;
    default:
      return d satisfies never;
  }
}
