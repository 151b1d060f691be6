import { describe, expect, it } from 'vitest';
import {
  ADMIN_UNIT_KINDS, PARTY_UNIT_KINDS, UNIT_KINDS, UNIT_KIND_VALUES, isUnitKind, parseUnitKind, unitCodeValid,
  unitRuleWarnings, unitTree, type UnitKind,
} from './units.ts';

describe('UNIT_KINDS', () => {
  it('lists the party tree and the administrative tree', () => {
    expect(PARTY_UNIT_KINDS).toEqual(['county_committee', 'town_committee', 'general_branch', 'branch', 'group']);
    expect(ADMIN_UNIT_KINDS).toEqual(['county', 'town', 'village', 'community', 'grid']);
    expect(UNIT_KIND_VALUES).toHaveLength(10);
    expect(unitTree('branch')).toBe('party');
    expect(unitTree('grid')).toBe('admin');
  });
  it('labels each kind in both languages', () => {
    const zh = Object.fromEntries(UNIT_KINDS.map((k) => [k.value, k.zh]));
    expect(zh).toEqual({
      county_committee: '县委/区委', town_committee: '乡镇(街道)党委', general_branch: '党总支', branch: '党支部', group: '党小组',
      county: '县', town: '乡镇', village: '村', community: '社区', grid: '网格',
    });
    for (const k of UNIT_KINDS) expect(k.en).toMatch(/^[A-Z][A-Za-z ()]+$/);
  });
  it('knows its own values', () => {
    expect(isUnitKind('branch')).toBe(true);
    expect(isUnitKind('党支部')).toBe(false);
    expect(isUnitKind(undefined)).toBe(false);
  });
});

describe('parseUnitKind', () => {
  it.each([
    ['县委', 'county_committee'],
    ['区委', 'county_committee'],
    ['县委/区委', 'county_committee'],
    ['县委／区委', 'county_committee'],
    ['乡镇党委', 'town_committee'],
    ['街道党委', 'town_committee'],
    ['乡镇(街道)党委', 'town_committee'],
    ['乡镇（街道）党委', 'town_committee'],
    ['镇党委', 'town_committee'],
    ['街道党工委', 'town_committee'],
    ['党总支', 'general_branch'],
    ['总支', 'general_branch'],
    ['党支部', 'branch'],
    ['支部', 'branch'],
    ['联合支部', 'branch'],
    ['党小组', 'group'],
    ['县', 'county'],
    ['区', 'county'],
    ['乡镇', 'town'],
    ['乡', 'town'],
    ['镇', 'town'],
    ['街道', 'town'],
    ['村', 'village'],
    ['社区', 'community'],
    ['网格', 'grid'],
    [' 党 支 部 ', 'branch'],
    ['branch', 'branch'],
    ['BRANCH', 'branch'],
    ['county_committee', 'county_committee'],
    ['Party branch', 'branch'],
    ['ｇｒｉｄ', 'grid'],
  ] as Array<[string, UnitKind]>)('%j → %s', (raw, kind) => {
    expect(parseUnitKind(raw)).toBe(kind);
  });
  it.each(['', null, undefined, '外星', '党委', '市委', '省', 'branchx', '支部委员会x'])('does not know %j', (raw) => {
    expect(parseUnitKind(raw)).toBeUndefined();
  });
});

describe('unitCodeValid', () => {
  it.each([
    ['C01', true],
    ['c01a1', true],
    ['370783-001_A', true],
    ['A', true],
    ['X'.repeat(32), true],
    ['X'.repeat(33), false],
    ['', false],
    ['C 01', false],
    ['C01/1', false],
    ['党支部', false],
    ['C01.1', false],
    ['ＣＯ１', false],
  ])('%j → %s', (code, ok) => {
    expect(unitCodeValid(code)).toBe(ok);
  });
  it('refuses what is not a string', () => {
    expect(unitCodeValid(123)).toBe(false);
    expect(unitCodeValid(null)).toBe(false);
  });
});

describe('unitRuleWarnings', () => {
  const codes = (kind: UnitKind, fullMembers: number, totalMembers: number, hasSecretary: boolean) =>
    unitRuleWarnings({ kind, fullMembers, totalMembers, hasSecretary }).map((w) => w.code);

  it.each([
    // kind, full, total, secretary, expected warnings
    ['branch', 3, 3, true, []],
    ['branch', 2, 3, true, ['unit.warn_branch_too_small']],
    ['branch', 0, 0, true, ['unit.warn_branch_too_small']],
    ['branch', 2, 2, false, ['unit.warn_branch_too_small', 'unit.warn_no_secretary']],
    ['branch', 50, 50, true, []],
    ['branch', 45, 51, true, ['unit.warn_branch_too_large']],
    ['branch', 60, 60, false, ['unit.warn_branch_too_large', 'unit.warn_no_secretary']],
    ['general_branch', 1, 1, true, []],
    ['general_branch', 100, 100, true, []],
    ['general_branch', 90, 101, true, ['unit.warn_general_branch_large']],
    ['general_branch', 90, 101, false, ['unit.warn_general_branch_large', 'unit.warn_no_secretary']],
    ['town_committee', 500, 500, true, []],
    ['town_committee', 0, 0, false, ['unit.warn_no_secretary']],
    ['county_committee', 0, 0, false, ['unit.warn_no_secretary']],
    ['group', 0, 0, false, []],
    ['group', 1, 80, false, []],
    ['county', 0, 0, false, []],
    ['town', 0, 0, false, []],
    ['village', 1, 60, false, []],
    ['community', 0, 200, false, []],
    ['grid', 0, 0, false, []],
  ] as Array<[UnitKind, number, number, boolean, string[]]>)('%s with %d full of %d members, secretary %s → %j', (kind, full, total, sec, expected) => {
    expect(codes(kind, full, total, sec)).toEqual(expected);
  });

  it('gives the numbers with each warning', () => {
    expect(unitRuleWarnings({ kind: 'branch', fullMembers: 2, totalMembers: 55, hasSecretary: true })).toEqual([
      { code: 'unit.warn_branch_too_small', params: { count: 2, min: 3 } },
      { code: 'unit.warn_branch_too_large', params: { count: 55, max: 50 } },
    ]);
  });
});
