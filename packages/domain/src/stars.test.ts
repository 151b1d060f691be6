import { describe, expect, it } from 'vitest';
import {
  closestStar, decodeStars, DEFAULT_STAR_SCHEME, disqualifierHits, encodeStars, evaluateStars, STAR_DIMENSIONS, validateScheme,
  type DimensionConfig, type LedgerAggregate, type StarCriterion, type StarDimension, type StarScheme,
} from './stars.ts';
import { DEFAULT_RULES } from './points-catalogue.ts';

type Row = LedgerAggregate['rows'][number];
const row = (account: string, ruleCode: string | null, points: number, entries = 1): Row => ({ account, ruleCode, points, entries });
const agg = (rows: Row[], vetoes = 0): LedgerAggregate => ({ rows, vetoes });

const criterion = (c: Partial<StarCriterion>): StarCriterion => ({ accounts: ['base', 'bonus'], ruleCodes: [], minPoints: 10, minEntries: 0, evidenceRequired: false, ...c });
const dim = (code: StarDimension, c: Partial<StarCriterion>): DimensionConfig => ({ code, name: code, description: '', criterion: criterion(c) });

/** Five small dimensions, one per criterion shape. */
const SCHEME: StarScheme = {
  dimensions: [
    dim('excellence', { ruleCodes: ['JC01', 'JC03'], minPoints: 6 }),
    dim('service', { ruleCodes: ['JF02'], minPoints: 4, minEntries: 2 }),
    dim('dedication', { accounts: ['bonus'], minPoints: 10 }),
    dim('innovation', { ruleCodes: ['JF05'], minPoints: 0, minEntries: 1 }),
    dim('breakthrough', { accounts: ['base'], ruleCodes: ['JF01'], minPoints: 3 }),
  ],
  disqualifiers: [],
};

const withDisqualifiers = (...d: StarScheme['disqualifiers']): StarScheme => ({ ...SCHEME, disqualifiers: d });
const dimOf = (e: ReturnType<typeof evaluateStars>, code: StarDimension) => e.dimensions.find((d) => d.code === code)!;

describe('evaluateStars: what lights a star', () => {
  it('an empty ledger lights nothing and reports every threshold as missing', () => {
    const e = evaluateStars(SCHEME, agg([]));
    expect(e.stars).toEqual([]);
    expect(e.disqualified).toEqual([]);
    expect(dimOf(e, 'excellence')).toMatchObject({ points: 0, entries: 0, met: false, missingPoints: 6, missingEntries: 0 });
    expect(dimOf(e, 'service')).toMatchObject({ missingPoints: 4, missingEntries: 2 });
  });

  it('counts only the chosen rule codes of the chosen accounts', () => {
    const e = evaluateStars(SCHEME, agg([row('base', 'JC01', 3), row('base', 'JC03', 2, 2), row('base', 'JC02', 5, 5)]));
    expect(dimOf(e, 'excellence')).toMatchObject({ points: 5, entries: 3, met: false, missingPoints: 1 });
    const lit = evaluateStars(SCHEME, agg([row('base', 'JC01', 3), row('base', 'JC03', 3, 3)]));
    expect(dimOf(lit, 'excellence').met).toBe(true);
    expect(lit.stars).toEqual(['excellence']);
  });

  it('a threshold on points exactly reached lights the star; one point short does not', () => {
    expect(dimOf(evaluateStars(SCHEME, agg([row('base', 'JC01', 6, 2)])), 'excellence').met).toBe(true);
    expect(dimOf(evaluateStars(SCHEME, agg([row('base', 'JC01', 5, 2)])), 'excellence').met).toBe(false);
  });

  it('needs both the points and the number of awards', () => {
    // 4 points in one award: the points are there, a second award is missing.
    const one = evaluateStars(SCHEME, agg([row('bonus', 'JF02', 4, 1)]));
    expect(dimOf(one, 'service')).toMatchObject({ met: false, missingPoints: 0, missingEntries: 1 });
    const two = evaluateStars(SCHEME, agg([row('bonus', 'JF02', 4, 2)]));
    expect(dimOf(two, 'service').met).toBe(true);
  });

  it('an empty rule list counts every rule of the chosen accounts', () => {
    const e = evaluateStars(SCHEME, agg([row('bonus', 'JF01', 6), row('bonus', 'JF06', 5), row('base', 'JC01', 30, 10)]));
    expect(dimOf(e, 'dedication')).toMatchObject({ points: 11, entries: 2, met: true });
  });

  it('a rule code of another account does not count', () => {
    // breakthrough counts JF01 of the base account only; JF01 is a bonus rule.
    const e = evaluateStars(SCHEME, agg([row('bonus', 'JF01', 10)]));
    expect(dimOf(e, 'breakthrough')).toMatchObject({ points: 0, met: false });
  });

  it('an entry without a rule code (an old import) counts only where every rule counts', () => {
    const e = evaluateStars(SCHEME, agg([row('bonus', null, 12)]));
    expect(dimOf(e, 'dedication').met).toBe(true);
    expect(dimOf(e, 'innovation').entries).toBe(0);
  });

  it('a threshold of zero points with a number of awards counts awards only', () => {
    expect(dimOf(evaluateStars(SCHEME, agg([row('bonus', 'JF05', 2)])), 'innovation').met).toBe(true);
  });

  it('a reversed award cancels: its points and its count go back to zero', () => {
    // Booked 2 under JF02 twice, one reversed: the aggregate holds 2 points in 1 award.
    const reversed = agg([row('bonus', 'JF02', 2 + 2 - 2, 1 + 1 - 1)]);
    const e = evaluateStars(SCHEME, reversed);
    expect(dimOf(e, 'service')).toMatchObject({ points: 2, entries: 1, met: false, missingPoints: 2, missingEntries: 1 });
    const all = evaluateStars(SCHEME, agg([row('bonus', 'JF05', 0, 0)]));
    expect(dimOf(all, 'innovation').met).toBe(false);
  });

  it('lists lit stars in dimension order', () => {
    const e = evaluateStars(SCHEME, agg([row('bonus', 'JF05', 2), row('base', 'JC01', 6, 2), row('bonus', 'JF02', 4, 2)]));
    expect(e.stars).toEqual(['excellence', 'service', 'innovation']);
  });
});

describe('evaluateStars: disqualifiers keep every star dark', () => {
  const rich = [row('base', 'JC01', 6, 2), row('bonus', 'JF02', 8, 4), row('bonus', 'JF05', 2), row('base', 'JF01', 3), row('base', 'JC04', 12, 12)];

  it('a veto', () => {
    const scheme = withDisqualifiers({ kind: 'veto' });
    expect(evaluateStars(scheme, agg(rich)).stars.length).toBe(5);
    const e = evaluateStars(scheme, agg(rich, 1));
    expect(e.stars).toEqual([]);
    expect(e.disqualified).toEqual([{ kind: 'veto' }]);
    // The thresholds are still reported: the member can see what the veto cost.
    expect(e.dimensions.every((d) => d.met)).toBe(true);
  });

  it('a reversed veto (sum back to zero) no longer disqualifies', () => {
    expect(evaluateStars(withDisqualifiers({ kind: 'veto' }), agg(rich, 0)).stars.length).toBe(5);
  });

  it('dues short: fewer awards under a rule than required', () => {
    const scheme = withDisqualifiers({ kind: 'rule_short', ruleCode: 'JC04', minEntries: 12 });
    expect(evaluateStars(scheme, agg(rich)).disqualified).toEqual([]);
    const eleven = rich.map((r) => (r.ruleCode === 'JC04' ? row('base', 'JC04', 11, 11) : r));
    expect(evaluateStars(scheme, agg(eleven)).disqualified).toEqual([{ kind: 'rule_short', ruleCode: 'JC04', minEntries: 12 }]);
    expect(evaluateStars(scheme, agg([])).stars).toEqual([]);
    expect(disqualifierHits({ kind: 'rule_short', ruleCode: 'JC04', minEntries: 12 }, agg([]))).toBe(true);
  });

  it('an entry under a rule: a deduction for skipping organization life', () => {
    const scheme = withDisqualifiers({ kind: 'rule_present', ruleCode: 'KF01' });
    expect(evaluateStars(scheme, agg([...rich, row('deduction', 'KF02', -2)])).stars.length).toBe(5);
    const e = evaluateStars(scheme, agg([...rich, row('deduction', 'KF01', -3)]));
    expect(e.stars).toEqual([]);
    expect(e.disqualified).toEqual([{ kind: 'rule_present', ruleCode: 'KF01' }]);
    // Booked and reversed: nothing is left, nothing disqualifies.
    expect(evaluateStars(scheme, agg([...rich, row('deduction', 'KF01', 0, 0)])).stars.length).toBe(5);
  });

  it('deductions above a limit (strictly above)', () => {
    const scheme = withDisqualifiers({ kind: 'deductions_over', points: 5 });
    expect(evaluateStars(scheme, agg([...rich, row('deduction', 'KF03', -5)])).disqualified).toEqual([]);
    expect(evaluateStars(scheme, agg([...rich, row('deduction', 'KF03', -4), row('deduction', 'KF01', -3)])).disqualified).toHaveLength(1);
    // Bonus points do not offset deductions.
    expect(evaluateStars(scheme, agg([...rich, row('bonus', 'JF06', 20), row('deduction', 'KF03', -6)])).stars).toEqual([]);
  });

  it('reports every disqualifier that hits, in scheme order', () => {
    const scheme = withDisqualifiers({ kind: 'veto' }, { kind: 'rule_present', ruleCode: 'KF02' }, { kind: 'deductions_over', points: 100 });
    const e = evaluateStars(scheme, agg([...rich, row('deduction', 'KF02', -2)], 1));
    expect(e.disqualified).toEqual([{ kind: 'veto' }, { kind: 'rule_present', ruleCode: 'KF02' }]);
  });
});

describe('closestStar: 点亮一颗星', () => {
  it('picks the dark star with the smallest share of its threshold missing', () => {
    // excellence misses 1 of 6 (17 %), dedication 2 of 10 (20 %), others all.
    const e = evaluateStars(SCHEME, agg([row('base', 'JC01', 5, 2), row('bonus', 'JF03', 8)]));
    expect(closestStar(e)).toMatchObject({ code: 'excellence', missingPoints: 1, missingEntries: 0 });
  });

  it('weighs missing awards like missing points, by the larger share', () => {
    // service: points met, 1 of 2 awards missing (50 %); dedication: 6 of 10 missing (60 %);
    // excellence: 4 of 6 missing (67 %).
    const e = evaluateStars(SCHEME, agg([row('bonus', 'JF02', 4, 1), row('base', 'JC01', 2, 1)]));
    expect(closestStar(e)).toMatchObject({ code: 'service', missingPoints: 0, missingEntries: 1 });
  });

  it('on a tie keeps the first in scheme order', () => {
    const e = evaluateStars(SCHEME, agg([]));
    expect(closestStar(e)?.code).toBe('excellence');
  });

  it('skips lit stars', () => {
    const e = evaluateStars(SCHEME, agg([row('base', 'JC01', 6, 2), row('bonus', 'JF02', 3, 1)]));
    expect(closestStar(e)?.code).toBe('service');
  });

  it('is null when all five are lit, and when the member is disqualified', () => {
    const rich = [row('base', 'JC01', 6, 2), row('bonus', 'JF02', 8, 4), row('bonus', 'JF05', 2), row('base', 'JF01', 3)];
    expect(closestStar(evaluateStars(SCHEME, agg(rich)))).toBeNull();
    expect(closestStar(evaluateStars(withDisqualifiers({ kind: 'veto' }), agg([], 1)))).toBeNull();
  });
});

describe('stars as stored text', () => {
  it('encodes in dimension order, whatever the input order', () => {
    expect(encodeStars(['innovation', 'excellence'])).toBe('excellence|innovation');
    expect(encodeStars([])).toBe('');
    expect(encodeStars([...STAR_DIMENSIONS].reverse())).toBe(STAR_DIMENSIONS.join('|'));
  });
  it('decodes, dropping what is not a dimension', () => {
    expect(decodeStars('excellence|innovation')).toEqual(['excellence', 'innovation']);
    expect(decodeStars('')).toEqual([]);
    expect(decodeStars(null)).toEqual([]);
    expect(decodeStars(undefined)).toEqual([]);
    expect(decodeStars('excellence|bogus|service')).toEqual(['excellence', 'service']);
  });
  it('round-trips every subset', () => {
    for (let mask = 0; mask < 32; mask++) {
      const subset = STAR_DIMENSIONS.filter((_, i) => mask & (1 << i));
      expect(decodeStars(encodeStars(subset))).toEqual(subset);
    }
  });
});

describe('validateScheme', () => {
  it('accepts the shipped default and the test scheme', () => {
    expect(validateScheme(DEFAULT_STAR_SCHEME)).toEqual([]);
    expect(validateScheme(SCHEME)).toEqual([]);
  });

  it('wants each of the five dimensions exactly once', () => {
    const four = { ...SCHEME, dimensions: SCHEME.dimensions.slice(0, 4) };
    expect(validateScheme(four)).toContainEqual({ field: 'dimensions', code: 'stars.scheme_dimensions' });
    const twice = { ...SCHEME, dimensions: [...SCHEME.dimensions.slice(0, 4), { ...SCHEME.dimensions[0] }] };
    expect(validateScheme(twice)).toContainEqual({ field: 'dimensions', code: 'stars.scheme_dimensions' });
  });

  it('wants a name', () => {
    const dims = SCHEME.dimensions.map((d, i) => (i === 2 ? { ...d, name: '  ' } : d));
    expect(validateScheme({ ...SCHEME, dimensions: dims })).toEqual([{ field: 'dimensions.2.name', code: 'stars.name_required' }]);
  });

  it('refuses negative, fractional and absurd thresholds', () => {
    for (const c of [{ minPoints: -1 }, { minPoints: 2.5 }, { minPoints: 10_001 }, { minEntries: -1 }, { minEntries: 1001 }]) {
      const dims = SCHEME.dimensions.map((d, i) => (i === 1 ? { ...d, criterion: { ...d.criterion, ...c } } : d));
      expect(validateScheme({ ...SCHEME, dimensions: dims }), JSON.stringify(c)).toContainEqual({ field: 'dimensions.1.criterion', code: 'stars.threshold_invalid' });
    }
  });

  it('refuses a criterion that counts nothing or asks for nothing', () => {
    const noAccounts = SCHEME.dimensions.map((d, i) => (i === 0 ? { ...d, criterion: { ...d.criterion, accounts: [] } } : d));
    expect(validateScheme({ ...SCHEME, dimensions: noAccounts })).toEqual([{ field: 'dimensions.0.criterion', code: 'stars.criterion_empty' }]);
    const zero = SCHEME.dimensions.map((d, i) => (i === 3 ? { ...d, criterion: { ...d.criterion, minPoints: 0, minEntries: 0 } } : d));
    expect(validateScheme({ ...SCHEME, dimensions: zero })).toEqual([{ field: 'dimensions.3.criterion', code: 'stars.criterion_empty' }]);
  });

  it('refuses a rule_short below one award and a negative deduction limit', () => {
    expect(validateScheme(withDisqualifiers({ kind: 'veto' }, { kind: 'rule_short', ruleCode: 'JC04', minEntries: 0 }))).toEqual([{ field: 'disqualifiers.1', code: 'stars.threshold_invalid' }]);
    expect(validateScheme(withDisqualifiers({ kind: 'deductions_over', points: -1 }))).toEqual([{ field: 'disqualifiers.0', code: 'stars.threshold_invalid' }]);
    expect(validateScheme(withDisqualifiers({ kind: 'deductions_over', points: 0 }))).toEqual([]);
  });
});

describe('the shipped scheme', () => {
  const codes = new Set(DEFAULT_RULES.map((r) => r.code));
  const accountOf = new Map(DEFAULT_RULES.map((r) => [r.code, r.account]));

  it('names the five Mianchi dimensions in order', () => {
    expect(DEFAULT_STAR_SCHEME.dimensions.map((d) => d.code)).toEqual([...STAR_DIMENSIONS]);
    expect(DEFAULT_STAR_SCHEME.dimensions.map((d) => d.name)).toEqual(['争先创优', '为民服务', '敬业奉献', '创新突破', '业务攻坚']);
  });

  it('counts only rules of the shipped catalogue, each under an account the criterion counts', () => {
    for (const d of DEFAULT_STAR_SCHEME.dimensions) {
      for (const code of d.criterion.ruleCodes) {
        expect(codes.has(code), code).toBe(true);
        expect(d.criterion.accounts, `${d.code} ${code}`).toContain(accountOf.get(code));
      }
    }
    for (const q of DEFAULT_STAR_SCHEME.disqualifiers) if ('ruleCode' in q) expect(codes.has(q.ruleCode), q.ruleCode).toBe(true);
  });

  it('a member who skipped organization life or paid dues late gets no star', () => {
    const agg1 = agg([row('base', 'JC01', 30, 10), row('deduction', 'KF02', -2)]);
    expect(evaluateStars(DEFAULT_STAR_SCHEME, agg1).stars).toEqual([]);
    const agg2 = agg([row('base', 'JC01', 30, 10)]);
    expect(evaluateStars(DEFAULT_STAR_SCHEME, agg2).stars).toEqual(['excellence']);
  });
});
