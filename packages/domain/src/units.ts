// Units (组织): the party tree 县委/区委 → 乡镇(街道)党委 → 党总支 → 党支部 → 党小组 and the
// administrative tree 县 → 乡镇 → 村/社区 → 网格, with the organization rules of the branch
// work regulations (支部工作条例) that can be checked from counts alone.
import type { MessageCode } from './messages.ts';
import { normalizeText, stripAllSpaces } from './normalize.ts';

export type UnitTree = 'party' | 'admin';

export const UNIT_KINDS = [
  { value: 'county_committee', zh: '县委/区委', en: 'County (district) party committee', tree: 'party' },
  { value: 'town_committee', zh: '乡镇(街道)党委', en: 'Township (subdistrict) party committee', tree: 'party' },
  { value: 'general_branch', zh: '党总支', en: 'General party branch', tree: 'party' },
  { value: 'branch', zh: '党支部', en: 'Party branch', tree: 'party' },
  { value: 'group', zh: '党小组', en: 'Party group', tree: 'party' },
  { value: 'county', zh: '县', en: 'County', tree: 'admin' },
  { value: 'town', zh: '乡镇', en: 'Township', tree: 'admin' },
  { value: 'village', zh: '村', en: 'Village', tree: 'admin' },
  { value: 'community', zh: '社区', en: 'Community', tree: 'admin' },
  { value: 'grid', zh: '网格', en: 'Grid', tree: 'admin' },
] as const satisfies ReadonlyArray<{ value: string; zh: string; en: string; tree: UnitTree }>;

export type UnitKind = (typeof UNIT_KINDS)[number]['value'];

export const UNIT_KIND_VALUES: readonly UnitKind[] = UNIT_KINDS.map((k) => k.value);
export const PARTY_UNIT_KINDS: readonly UnitKind[] = UNIT_KINDS.filter((k) => k.tree === 'party').map((k) => k.value);
export const ADMIN_UNIT_KINDS: readonly UnitKind[] = UNIT_KINDS.filter((k) => k.tree === 'admin').map((k) => k.value);

export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KIND_VALUES as readonly string[]).includes(value);
}

/** Which tree a kind of unit belongs to. */
export function unitTree(kind: UnitKind): UnitTree {
  return UNIT_KINDS.find((k) => k.value === kind)!.tree;
}

const KIND_ALIASES: Record<string, UnitKind> = {
  县委: 'county_committee', 区委: 'county_committee', '县委/区委': 'county_committee', '区委/县委': 'county_committee',
  '县(区)委': 'county_committee', 县区委: 'county_committee', 县委区委: 'county_committee', 县级党委: 'county_committee',
  乡镇党委: 'town_committee', 街道党委: 'town_committee', '乡镇(街道)党委': 'town_committee', '乡镇/街道党委': 'town_committee',
  乡镇街道党委: 'town_committee', 乡党委: 'town_committee', 镇党委: 'town_committee', 街道工委: 'town_committee', 街道党工委: 'town_committee',
  党总支: 'general_branch', 总支: 'general_branch', 党总支部: 'general_branch', 总支部: 'general_branch',
  党支部: 'branch', 支部: 'branch', 联合支部: 'branch', 联合党支部: 'branch',
  党小组: 'group', 小组: 'group',
  县: 'county', 区: 'county', '县(区)': 'county', '县/区': 'county', 县区: 'county', 县级: 'county',
  乡镇: 'town', 乡: 'town', 镇: 'town', 街道: 'town', '乡镇(街道)': 'town', '乡镇/街道': 'town', 乡镇街道: 'town',
  村: 'village', 行政村: 'village',
  社区: 'community',
  网格: 'grid',
};

/** Reads a unit kind from its code, its Chinese name or a common variant (full-width parentheses too). */
export function parseUnitKind(raw: unknown): UnitKind | undefined {
  const s = stripAllSpaces(normalizeText(raw));
  if (!s) return undefined;
  const lower = s.toLowerCase();
  if (isUnitKind(lower)) return lower;
  if (Object.prototype.hasOwnProperty.call(KIND_ALIASES, s)) return KIND_ALIASES[s];
  return UNIT_KINDS.find((k) => k.en.toLowerCase() === normalizeText(raw).toLowerCase())?.value;
}

/** 1–32 characters of letters, digits, '_' and '-'. */
export function unitCodeValid(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(code);
}

export const UNIT_NAME_MAX = 100;
export const BRANCH_MIN_FULL_MEMBERS = 3;
export const BRANCH_MAX_MEMBERS = 50;
export const GENERAL_BRANCH_MAX_MEMBERS = 100;

export interface UnitRuleWarning {
  code: MessageCode;
  params?: Record<string, string | number>;
}

/**
 * What the branch work regulations ask of a party organization, judged from its own members:
 * a 党支部 needs at least 3 full members (else a 联合支部) and usually at most 50 (else a 党总支);
 * a 党总支 above 100 may become a 基层党委; committees and branches need a 书记.
 * Administrative units and 党小组 get no warnings.
 */
export function unitRuleWarnings(u: { kind: UnitKind; fullMembers: number; totalMembers: number; hasSecretary: boolean }): UnitRuleWarning[] {
  const warnings: UnitRuleWarning[] = [];
  if (u.kind === 'branch') {
    if (u.fullMembers < BRANCH_MIN_FULL_MEMBERS) warnings.push({ code: 'unit.warn_branch_too_small', params: { count: u.fullMembers, min: BRANCH_MIN_FULL_MEMBERS } });
    if (u.totalMembers > BRANCH_MAX_MEMBERS) warnings.push({ code: 'unit.warn_branch_too_large', params: { count: u.totalMembers, max: BRANCH_MAX_MEMBERS } });
  }
  if (u.kind === 'general_branch' && u.totalMembers > GENERAL_BRANCH_MAX_MEMBERS) {
    warnings.push({ code: 'unit.warn_general_branch_large', params: { count: u.totalMembers, max: GENERAL_BRANCH_MAX_MEMBERS } });
  }
  const needsSecretary: readonly UnitKind[] = ['county_committee', 'town_committee', 'general_branch', 'branch'];
  if (needsSecretary.includes(u.kind) && !u.hasSecretary) warnings.push({ code: 'unit.warn_no_secretary' });
  return warnings;
}
