// Party members (党员): the enumerations used on forms and rolls, their labels, and the
// registration rules.
import { ROLES, ROLE_LABELS, type Role } from './access.ts';
import { addYears, parseDate, yearsBetween, type DateResult } from './dates.ts';
import { parseIdNumber, type Gender } from './id-number.ts';
import type { Locale, MessageCode } from './messages.ts';
import { normalizeText, stripAllSpaces } from './normalize.ts';
import { UNIT_KINDS, parseUnitKind, type UnitKind } from './units.ts';

export type { Gender } from './id-number.ts';

export const GENDERS = ['male', 'female'] as const satisfies readonly Gender[];
export const GENDER_LABELS: Readonly<Record<Gender, { readonly zh: string; readonly en: string }>> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export const MEMBER_STATUSES = ['full', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Readonly<Record<MemberStatus, { readonly zh: string; readonly en: string }>> = {
  full: { zh: '正式党员', en: 'Full member' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
};

export const EDUCATION_LEVELS = [
  { value: 'postgraduate', zh: '研究生', en: 'Postgraduate' },
  { value: 'bachelor', zh: '大学本科', en: 'Bachelor\u2019s degree' },
  { value: 'associate', zh: '大学专科', en: 'Junior college' },
  { value: 'secondary_vocational', zh: '中专', en: 'Secondary vocational school' },
  { value: 'high_school', zh: '高中', en: 'Senior high school' },
  { value: 'junior_high', zh: '初中', en: 'Junior high school' },
  { value: 'primary_or_below', zh: '小学及以下', en: 'Primary school or below' },
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number]['value'];

/** The 56 ethnic groups in the order of GB/T 3304, with their official romanized names. */
export const ETHNICITIES = [
  ['汉族', 'Han'], ['蒙古族', 'Mongol'], ['回族', 'Hui'], ['藏族', 'Tibetan'], ['维吾尔族', 'Uyghur'],
  ['苗族', 'Miao'], ['彝族', 'Yi'], ['壮族', 'Zhuang'], ['布依族', 'Bouyei'], ['朝鲜族', 'Korean'],
  ['满族', 'Manchu'], ['侗族', 'Dong'], ['瑶族', 'Yao'], ['白族', 'Bai'], ['土家族', 'Tujia'],
  ['哈尼族', 'Hani'], ['哈萨克族', 'Kazak'], ['傣族', 'Dai'], ['黎族', 'Li'], ['傈僳族', 'Lisu'],
  ['佤族', 'Va'], ['畲族', 'She'], ['高山族', 'Gaoshan'], ['拉祜族', 'Lahu'], ['水族', 'Sui'],
  ['东乡族', 'Dongxiang'], ['纳西族', 'Naxi'], ['景颇族', 'Jingpo'], ['柯尔克孜族', 'Kirgiz'], ['土族', 'Tu'],
  ['达斡尔族', 'Daur'], ['仫佬族', 'Mulao'], ['羌族', 'Qiang'], ['布朗族', 'Blang'], ['撒拉族', 'Salar'],
  ['毛南族', 'Maonan'], ['仡佬族', 'Gelao'], ['锡伯族', 'Xibe'], ['阿昌族', 'Achang'], ['普米族', 'Pumi'],
  ['塔吉克族', 'Tajik'], ['怒族', 'Nu'], ['乌孜别克族', 'Uzbek'], ['俄罗斯族', 'Russian'], ['鄂温克族', 'Ewenki'],
  ['德昂族', 'Deang'], ['保安族', 'Bonan'], ['裕固族', 'Yugur'], ['京族', 'Gin'], ['塔塔尔族', 'Tatar'],
  ['独龙族', 'Derung'], ['鄂伦春族', 'Oroqen'], ['赫哲族', 'Hezhen'], ['门巴族', 'Monba'], ['珞巴族', 'Lhoba'],
  ['基诺族', 'Jino'],
].map(([zh, en]) => ({ value: zh, zh, en })) as ReadonlyArray<{ readonly value: string; readonly zh: string; readonly en: string }>;

/** Specialties a new organization starts with; each organization can edit its own list. */
export const DEFAULT_SPECIALTIES = [
  '种植技术', '养殖技术', '农机维修', '电工', '水暖维修', '家电维修', '医疗护理', '法律咨询',
  '矛盾调解', '教育辅导', '驾驶', '建筑施工', '电商直播', '财务会计', '文艺宣传', '计算机网络',
  '防汛抢险', '应急救护', '心理疏导', '外语翻译', '书法绘画', '烹饪', '理发', '护林防火',
] as const;

// ——— labels and parsing ———

export type EnumName = 'gender' | 'memberStatus' | 'education' | 'unitKind' | 'ethnicity' | 'role';
export interface EnumValueMap {
  gender: Gender;
  memberStatus: MemberStatus;
  education: EducationLevel;
  unitKind: UnitKind;
  ethnicity: string;
  role: Role;
}

type Labelled = { value: string; zh: string; en: string };

const ENUM_OPTIONS: Record<EnumName, readonly Labelled[]> = {
  gender: GENDERS.map((value) => ({ value, ...GENDER_LABELS[value] })),
  memberStatus: MEMBER_STATUSES.map((value) => ({ value, ...MEMBER_STATUS_LABELS[value] })),
  education: EDUCATION_LEVELS,
  unitKind: UNIT_KINDS,
  ethnicity: ETHNICITIES,
  role: ROLES.map((value) => ({ value, ...ROLE_LABELS[value] })),
};

/** Further spellings people use, keyed by the text with spaces removed and Latin lowercased. */
const ENUM_ALIASES: Record<EnumName, Record<string, string>> = {
  gender: { 男性: 'male', 女性: 'female', m: 'male', f: 'female', man: 'male', woman: 'female', '1': 'male', '2': 'female' },
  memberStatus: {
    正式: 'full', 中共党员: 'full', 正式党员: 'full', fullmember: 'full',
    预备: 'probationary', 中共预备党员: 'probationary', 预备党员: 'probationary', probationarymember: 'probationary', probation: 'probationary',
  },
  education: {
    硕士: 'postgraduate', 博士: 'postgraduate', 硕士研究生: 'postgraduate', 博士研究生: 'postgraduate', 研究生及以上: 'postgraduate',
    在职研究生: 'postgraduate', 博士后: 'postgraduate', master: 'postgraduate', doctor: 'postgraduate', phd: 'postgraduate',
    本科: 'bachelor', 大学: 'bachelor', 学士: 'bachelor', 大本: 'bachelor', bachelor: 'bachelor',
    专科: 'associate', 大专: 'associate', 高职: 'associate', 高等专科: 'associate',
    中等专科: 'secondary_vocational', 中等专业学校: 'secondary_vocational', 中技: 'secondary_vocational', 技校: 'secondary_vocational',
    职高: 'secondary_vocational', 中职: 'secondary_vocational', 中专及技校: 'secondary_vocational',
    普通高中: 'high_school', 高中及中专: 'high_school', 初级中学: 'junior_high',
    小学: 'primary_or_below', 文盲: 'primary_or_below', 半文盲: 'primary_or_below', 文盲半文盲: 'primary_or_below', 不识字: 'primary_or_below',
  },
  unitKind: {},
  ethnicity: {},
  role: { 管理员: 'admin', 组织管理员: 'unit_admin', 党务工作者: 'unit_admin', 群众: 'resident', 居民: 'resident' },
};

const keyOf = (raw: unknown) => stripAllSpaces(normalizeText(raw)).toLowerCase();

/** The label of an enumeration value in a locale; the value itself when it is unknown. */
export function enumLabel(enumName: EnumName, value: string, locale: Locale): string {
  const option = ENUM_OPTIONS[enumName]?.find((o) => o.value === value);
  if (!option) return value;
  return locale === 'en' ? option.en : option.zh;
}

/**
 * Reads an enumeration value from its code, its Chinese or English label, or a common variant
 * (男/女, 正式/预备, 本科, 大专, 硕士, 汉 for 汉族, 县委/支部 … ). Undefined when unrecognized.
 */
export function parseEnum<K extends EnumName>(enumName: K, raw: unknown): EnumValueMap[K] | undefined {
  if (enumName === 'unitKind') return parseUnitKind(raw) as EnumValueMap[K] | undefined;
  const key = keyOf(raw);
  if (!key) return undefined;
  const options = ENUM_OPTIONS[enumName];
  if (!options) return undefined;
  const found = options.find((o) => o.value.toLowerCase() === key || keyOf(o.zh) === key || keyOf(o.en) === key);
  if (found) return found.value as EnumValueMap[K];
  const alias = ENUM_ALIASES[enumName][key];
  if (alias) return alias as EnumValueMap[K];
  if (enumName === 'ethnicity') {
    // 汉 → 汉族, 维吾尔 → 维吾尔族.
    return options.find((o) => o.value === `${key}族`)?.value as EnumValueMap[K] | undefined;
  }
  return undefined;
}

// ——— names and specialties ———

export const MEMBER_NAME_MAX = 50;

/**
 * A person's name as stored: normalized text; a name written only in Chinese characters loses
 * the spaces used to pad it (“王  芳” → “王芳”), and the dots between parts of a transcribed name
 * become the middle dot (“买买提.艾力” → “买买提·艾力”).
 */
export function normalizeName(raw: unknown): string {
  let s = normalizeText(raw);
  if (/^[\p{Script=Han}\s·•・‧∙.]+$/u.test(s)) {
    s = stripAllSpaces(s).replace(/(?<=\p{Script=Han})[·•・‧∙.](?=\p{Script=Han})/gu, '·');
  }
  return s;
}

/** Splits a specialties cell on 、 , ， ; ； / ｜ and whitespace; trimmed, de-duplicated, in order. */
export function splitSpecialties(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw.flatMap((r) => splitSpecialties(r)) : normalizeText(raw).split(/[、,;/|\s]+/);
  const out: string[] = [];
  for (const p of parts) {
    const s = p.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

// ——— registration rules ———

export const MIN_JOIN_AGE = 18;

export interface ValidationIssue {
  field: string;
  code: MessageCode;
  params?: Record<string, string | number>;
}

export interface MemberFields {
  name: string;
  gender: string;
  birthDate: string;
  idNumber?: string | null;
  joinDate: string;
  status: MemberStatus | string;
  fullMemberDate?: string | null;
}

/** A stored date must already be 'YYYY-MM-DD'; anything else is reported as parseDate would. */
function storedDate(value: unknown): DateResult {
  const r = parseDate(value);
  if (r.ok && r.value !== value) return { ok: false, code: 'date.format' };
  return r;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Checks a member against the registration rules, returning one issue per wrong field (an empty
 * list when all is well). Dates must be 'YYYY-MM-DD'; `today` is the current day in China.
 * - name: required, at most 50 characters;
 * - gender: male or female; birth date a real day, 1900 or later, not in the future;
 * - ID number, when given: valid, and its birth date and gender agree with the fields
 *   (a disagreement is reported on birthDate or gender);
 * - join date: not in the future, on or after the 18th birthday;
 * - a probationary member has no full-member date; a full member's, if given, lies between the
 *   join date and today.
 * A probationary member long past one year is not an error: see memberWarnings.
 */
export function validateMember(input: MemberFields, today: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, code: MessageCode, params?: Record<string, string | number>) =>
    issues.push(params ? { field, code, params } : { field, code });

  const name = normalizeText(input.name);
  if (!name) add('name', 'member.name_required');
  else if ([...name].length > MEMBER_NAME_MAX) add('name', 'member.name_too_long', { max: MEMBER_NAME_MAX });

  const genderText = normalizeText(input.gender);
  const gender = (GENDERS as readonly string[]).includes(genderText) ? (genderText as Gender) : undefined;
  if (!genderText) add('gender', 'member.gender_required');
  else if (!gender) add('gender', 'member.gender_invalid', { value: genderText });

  const birth = storedDate(input.birthDate);
  let birthDate: string | undefined;
  if (!birth.ok) add('birthDate', birth.code);
  else if (birth.value > today) add('birthDate', 'member.birth_future');
  else if (birth.value < '1900-01-01') add('birthDate', 'member.birth_too_early');
  else birthDate = birth.value;

  if (!isEmpty(input.idNumber)) {
    const id = parseIdNumber(input.idNumber, today);
    if (!id.ok) add('idNumber', id.code);
    else {
      if (birthDate && id.birthDate !== birthDate) add('birthDate', 'id.birthdate_mismatch');
      if (gender && id.gender !== gender) add('gender', 'id.gender_mismatch');
    }
  }

  const join = storedDate(input.joinDate);
  let joinDate: string | undefined;
  if (!join.ok) add('joinDate', join.code);
  else if (join.value > today) add('joinDate', 'member.join_future');
  else if (birthDate && yearsBetween(birthDate, join.value) < MIN_JOIN_AGE) add('joinDate', 'member.join_too_young', { age: MIN_JOIN_AGE });
  else joinDate = join.value;

  const statusText = normalizeText(input.status);
  const status = (MEMBER_STATUSES as readonly string[]).includes(statusText) ? (statusText as MemberStatus) : undefined;
  if (!statusText) add('status', 'member.status_required');
  else if (!status) add('status', 'member.status_invalid', { value: statusText });

  if (!isEmpty(input.fullMemberDate)) {
    if (status === 'probationary') add('fullMemberDate', 'member.full_date_not_allowed');
    else if (status === 'full') {
      const full = storedDate(input.fullMemberDate);
      if (!full.ok) add('fullMemberDate', full.code);
      else if (full.value > today || (joinDate && full.value < joinDate)) add('fullMemberDate', 'member.full_date_invalid');
    }
  }
  return issues;
}

/**
 * Reminders that are not errors: a probationary member whose year of probation is over
 * ('member.warn_probation_due'), or who is still probationary more than two years after
 * joining, beyond the longest extension ('member.warn_probation_overdue').
 */
export function memberWarnings(input: { status: string; joinDate: string }, today: string): Array<{ code: MessageCode }> {
  if (input.status !== 'probationary') return [];
  const join = storedDate(input.joinDate);
  if (!join.ok || join.value > today) return [];
  if (today > addYears(join.value, 2)) return [{ code: 'member.warn_probation_overdue' }];
  if (today >= addYears(join.value, 1)) return [{ code: 'member.warn_probation_due' }];
  return [];
}
