import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.ts';
import {
  DEFAULT_SPECIALTIES, EDUCATION_LEVELS, ETHNICITIES, GENDERS, MEMBER_STATUSES, enumLabel, memberWarnings, normalizeName,
  parseEnum, splitSpecialties, validateMember, type EnumName, type MemberFields,
} from './member.ts';

const TODAY = '2025-06-15';

describe('enumerations', () => {
  it('has the genders and statuses as plain tuples', () => {
    expect(GENDERS).toEqual(['male', 'female']);
    expect(MEMBER_STATUSES).toEqual(['full', 'probationary']);
  });

  it('has the education levels with stable codes, highest first', () => {
    expect(EDUCATION_LEVELS.map((e) => [e.value, e.zh])).toEqual([
      ['postgraduate', '研究生'],
      ['bachelor', '大学本科'],
      ['associate', '大学专科'],
      ['secondary_vocational', '中专'],
      ['high_school', '高中'],
      ['junior_high', '初中'],
      ['primary_or_below', '小学及以下'],
    ]);
  });

  it('has all 56 ethnic groups, 汉族 first, named in full', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(ETHNICITIES[0].value).toBe('汉族');
    expect(new Set(ETHNICITIES.map((e) => e.value)).size).toBe(56);
    expect(new Set(ETHNICITIES.map((e) => e.en)).size).toBe(56);
    for (const e of ETHNICITIES) {
      expect(e.value).toMatch(/^[\u4e00-\u9fa5]+族$/);
      expect(e.zh).toBe(e.value);
      expect(e.en).toMatch(/^[A-Z][a-z]+$/);
    }
    for (const name of ['蒙古族', '回族', '藏族', '维吾尔族', '壮族', '傣族', '景颇族', '基诺族', '珞巴族', '高山族']) {
      expect(ETHNICITIES.some((e) => e.value === name), name).toBe(true);
    }
  });

  it('offers about two dozen specialties for village members', () => {
    expect(DEFAULT_SPECIALTIES.length).toBeGreaterThanOrEqual(24);
    expect(new Set(DEFAULT_SPECIALTIES).size).toBe(DEFAULT_SPECIALTIES.length);
    for (const s of ['种植技术', '电工', '矛盾调解', '驾驶', '防汛抢险', '电商直播', '护林防火']) expect(DEFAULT_SPECIALTIES).toContain(s);
    for (const s of DEFAULT_SPECIALTIES) expect(splitSpecialties(s)).toEqual([s]);
  });
});

describe('enumLabel', () => {
  it.each([
    ['gender', 'male', '男', 'Male'],
    ['gender', 'female', '女', 'Female'],
    ['memberStatus', 'full', '正式党员', 'Full member'],
    ['memberStatus', 'probationary', '预备党员', 'Probationary member'],
    ['education', 'bachelor', '大学本科', 'Bachelor\u2019s degree'],
    ['education', 'primary_or_below', '小学及以下', 'Primary school or below'],
    ['unitKind', 'branch', '党支部', 'Party branch'],
    ['unitKind', 'town_committee', '乡镇(街道)党委', 'Township (subdistrict) party committee'],
    ['ethnicity', '汉族', '汉族', 'Han'],
    ['ethnicity', '维吾尔族', '维吾尔族', 'Uyghur'],
    ['role', 'secretary', '书记', 'Secretary'],
  ] as Array<[EnumName, string, string, string]>)('%s %s → %s / %s', (name, value, zh, en) => {
    expect(enumLabel(name, value, 'zh-CN')).toBe(zh);
    expect(enumLabel(name, value, 'en')).toBe(en);
  });

  it('labels every value of every enumeration', () => {
    for (const g of GENDERS) expect(enumLabel('gender', g, 'zh-CN')).not.toBe(g);
    for (const s of MEMBER_STATUSES) expect(enumLabel('memberStatus', s, 'en')).not.toBe(s);
    for (const e of EDUCATION_LEVELS) expect(enumLabel('education', e.value, 'zh-CN')).toBe(e.zh);
  });

  it('shows an unknown value as it is', () => {
    expect(enumLabel('gender', 'other', 'zh-CN')).toBe('other');
    expect(enumLabel('nothing' as EnumName, 'x', 'en')).toBe('x');
  });
});

describe('parseEnum', () => {
  it.each([
    ['gender', '男', 'male'],
    ['gender', '女', 'female'],
    ['gender', ' 男 ', 'male'],
    ['gender', '男性', 'male'],
    ['gender', '女性', 'female'],
    ['gender', 'male', 'male'],
    ['gender', 'Female', 'female'],
    ['gender', 'M', 'male'],
    ['gender', 'f', 'female'],
    ['gender', '1', 'male'],
    ['gender', '2', 'female'],
    ['memberStatus', '正式党员', 'full'],
    ['memberStatus', '正式', 'full'],
    ['memberStatus', '中共党员', 'full'],
    ['memberStatus', '预备党员', 'probationary'],
    ['memberStatus', '预备', 'probationary'],
    ['memberStatus', '中共预备党员', 'probationary'],
    ['memberStatus', 'full', 'full'],
    ['memberStatus', 'Probationary member', 'probationary'],
    ['education', '研究生', 'postgraduate'],
    ['education', '硕士', 'postgraduate'],
    ['education', '博士', 'postgraduate'],
    ['education', '硕士研究生', 'postgraduate'],
    ['education', '大学本科', 'bachelor'],
    ['education', '本科', 'bachelor'],
    ['education', '大学专科', 'associate'],
    ['education', '大专', 'associate'],
    ['education', '专科', 'associate'],
    ['education', '中专', 'secondary_vocational'],
    ['education', '技校', 'secondary_vocational'],
    ['education', '职高', 'secondary_vocational'],
    ['education', '高中', 'high_school'],
    ['education', '初中', 'junior_high'],
    ['education', '小学', 'primary_or_below'],
    ['education', '小学及以下', 'primary_or_below'],
    ['education', '文盲', 'primary_or_below'],
    ['education', 'bachelor', 'bachelor'],
    ['unitKind', '支部', 'branch'],
    ['unitKind', '乡镇（街道）党委', 'town_committee'],
    ['ethnicity', '汉族', '汉族'],
    ['ethnicity', '汉', '汉族'],
    ['ethnicity', '维吾尔', '维吾尔族'],
    ['ethnicity', '蒙古', '蒙古族'],
    ['ethnicity', 'Han', '汉族'],
    ['ethnicity', ' 回 族 ', '回族'],
    ['role', '书记', 'secretary'],
    ['role', '群众', 'resident'],
    ['role', 'unit_admin', 'unit_admin'],
  ] as Array<[EnumName, string, string]>)('%s %j → %s', (name, raw, value) => {
    expect(parseEnum(name, raw)).toBe(value);
  });

  it.each([
    ['gender', ''],
    ['gender', '未知'],
    ['gender', '3'],
    ['memberStatus', '党员'],
    ['memberStatus', '群众'],
    ['education', '幼儿园'],
    ['education', '无'],
    ['ethnicity', '火星族'],
    ['ethnicity', '族'],
    ['ethnicity', '穿青人'],
    ['unitKind', '外星'],
    ['role', 'root'],
  ] as Array<[EnumName, string]>)('%s %j → undefined', (name, raw) => {
    expect(parseEnum(name, raw)).toBeUndefined();
  });

  it('reads every label it gives', () => {
    for (const e of ETHNICITIES) expect(parseEnum('ethnicity', e.zh)).toBe(e.value);
    for (const e of EDUCATION_LEVELS) {
      expect(parseEnum('education', e.zh)).toBe(e.value);
      expect(parseEnum('education', e.en)).toBe(e.value);
    }
  });
});

describe('splitSpecialties', () => {
  it.each([
    ['电工、驾驶', ['电工', '驾驶']],
    ['矛盾调解,电工', ['矛盾调解', '电工']],
    ['电工，驾驶；烹饪;理发/书法绘画', ['电工', '驾驶', '烹饪', '理发', '书法绘画']],
    ['电工 驾驶\u3000烹饪', ['电工', '驾驶', '烹饪']],
    ['电工／驾驶｜理发', ['电工', '驾驶', '理发']],
    [' 电工 、 电工 、驾驶 ', ['电工', '驾驶']],
    ['、、', []],
    ['', []],
    [null, []],
    [undefined, []],
    [['电工', '驾驶、电工'], ['电工', '驾驶']],
  ] as Array<[unknown, string[]]>)('%j → %j', (raw, expected) => {
    expect(splitSpecialties(raw)).toEqual(expected);
  });
});

describe('normalizeName', () => {
  it.each([
    [' 刘 备 ', '刘备'],
    ['王\u3000\u3000芳', '王芳'],
    ['欧阳 修', '欧阳修'],
    ['买买提.艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['买买提 · 艾力', '买买提·艾力'],
    ['Tom  Li', 'Tom Li'],
    ['李 Tom', '李 Tom'],
    ['', ''],
    [null, ''],
  ] as Array<[unknown, string]>)('%j → %j', (raw, expected) => {
    expect(normalizeName(raw)).toBe(expected);
  });
});

describe('validateMember', () => {
  const id = makeIdNumber('370783', '1985-03-12', 101, 'male');
  const good: MemberFields = { name: '王强', gender: 'male', birthDate: '1985-03-12', idNumber: id, joinDate: '2010-07-01', status: 'full', fullMemberDate: '2011-07-01' };
  const issues = (patch: Partial<MemberFields>) => validateMember({ ...good, ...patch }, TODAY).map((i) => `${i.field}:${i.code}`);

  it('accepts a well-formed member', () => {
    expect(validateMember(good, TODAY)).toEqual([]);
    expect(issues({ idNumber: null, fullMemberDate: null })).toEqual([]);
    expect(issues({ idNumber: '', fullMemberDate: '' })).toEqual([]);
    expect(issues({ idNumber: undefined, fullMemberDate: undefined })).toEqual([]);
    expect(issues({ status: 'probationary', fullMemberDate: null, joinDate: '2025-01-01' })).toEqual([]);
  });

  it('needs a name of at most 50 characters', () => {
    expect(issues({ name: '' })).toEqual(['name:member.name_required']);
    expect(issues({ name: '  \u3000' })).toEqual(['name:member.name_required']);
    expect(issues({ name: '王'.repeat(50) })).toEqual([]);
    expect(issues({ name: '王'.repeat(51) })).toEqual(['name:member.name_too_long']);
    expect(validateMember({ ...good, name: 'x'.repeat(51) }, TODAY)[0].params).toEqual({ max: 50 });
    expect(issues({ name: '𠀀'.repeat(50) })).toEqual([]);
  });

  it('needs a gender', () => {
    expect(issues({ gender: '', idNumber: null })).toEqual(['gender:member.gender_required']);
    expect(issues({ gender: '男', idNumber: null })).toEqual(['gender:member.gender_invalid']);
    expect(validateMember({ ...good, gender: 'x', idNumber: null }, TODAY)[0]).toEqual({ field: 'gender', code: 'member.gender_invalid', params: { value: 'x' } });
  });

  it('needs a birth date written YYYY-MM-DD, real, from 1900, not in the future', () => {
    expect(issues({ birthDate: '', idNumber: null })).toContain('birthDate:date.required');
    expect(issues({ birthDate: '1985/03/12', idNumber: null })).toContain('birthDate:date.format');
    expect(issues({ birthDate: 'soon', idNumber: null })).toContain('birthDate:date.format');
    expect(issues({ birthDate: '1985-02-30', idNumber: null })).toContain('birthDate:date.invalid');
    expect(issues({ birthDate: '2025-06-16', idNumber: null, joinDate: '2025-06-15', fullMemberDate: null })).toContain('birthDate:member.birth_future');
    expect(issues({ birthDate: '1899-12-31', idNumber: null })).toEqual(['birthDate:member.birth_too_early']);
  });

  it('checks the ID number when given, and that it agrees with birth date and gender', () => {
    expect(issues({ idNumber: id.slice(0, 17) + (id[17] === '0' ? '1' : '0') })).toEqual(['idNumber:id.checksum']);
    expect(issues({ idNumber: '123' })).toEqual(['idNumber:id.format']);
    expect(issues({ birthDate: '1985-03-13' })).toEqual(['birthDate:id.birthdate_mismatch']);
    expect(issues({ gender: 'female' })).toEqual(['gender:id.gender_mismatch']);
    expect(issues({ gender: 'female', birthDate: '1986-03-12' })).toEqual(['birthDate:id.birthdate_mismatch', 'gender:id.gender_mismatch']);
    // No double report: a wrong birth date is not also a mismatch.
    expect(issues({ birthDate: '1985-02-30' })).toEqual(['birthDate:date.invalid']);
    expect(issues({ idNumber: id.toLowerCase() })).toEqual([]);
  });

  it('needs a join date not in the future and on or after the 18th birthday', () => {
    expect(issues({ joinDate: '', fullMemberDate: null })).toEqual(['joinDate:date.required']);
    expect(issues({ joinDate: '2010.7.1' })).toEqual(['joinDate:date.format']);
    expect(issues({ joinDate: '2025-06-16', fullMemberDate: null })).toEqual(['joinDate:member.join_future']);
    expect(issues({ joinDate: '2025-06-15', fullMemberDate: null })).toEqual([]);
    expect(issues({ joinDate: '2003-03-11', fullMemberDate: null })).toEqual(['joinDate:member.join_too_young']);
    expect(issues({ joinDate: '2003-03-12', fullMemberDate: null })).toEqual([]);
    expect(issues({ joinDate: '1980-01-01', fullMemberDate: null })).toEqual(['joinDate:member.join_too_young']);
  });

  it('counts the 18th birthday of someone born on 29 February from 1 March', () => {
    const leap = makeIdNumber('370783', '2000-02-29', 100, 'female');
    const base = { ...good, gender: 'female', birthDate: '2000-02-29', idNumber: leap, fullMemberDate: null };
    expect(validateMember({ ...base, joinDate: '2018-02-28' }, TODAY).map((i) => i.code)).toEqual(['member.join_too_young']);
    expect(validateMember({ ...base, joinDate: '2018-03-01' }, TODAY)).toEqual([]);
  });

  it('needs a known status', () => {
    expect(issues({ status: '' })).toEqual(['status:member.status_required']);
    expect(issues({ status: '正式党员' })).toEqual(['status:member.status_invalid']);
  });

  it('gives a probationary member no full-member date', () => {
    expect(issues({ status: 'probationary', fullMemberDate: '2011-07-01' })).toEqual(['fullMemberDate:member.full_date_not_allowed']);
  });

  it('puts a full member\u2019s full-member date between joining and today', () => {
    expect(issues({ fullMemberDate: '2010-07-01' })).toEqual([]);
    expect(issues({ fullMemberDate: TODAY })).toEqual([]);
    expect(issues({ fullMemberDate: '2010-06-30' })).toEqual(['fullMemberDate:member.full_date_invalid']);
    expect(issues({ fullMemberDate: '2025-06-16' })).toEqual(['fullMemberDate:member.full_date_invalid']);
    expect(issues({ fullMemberDate: '2011-02-30' })).toEqual(['fullMemberDate:date.invalid']);
    expect(issues({ fullMemberDate: '2011/07/01' })).toEqual(['fullMemberDate:date.format']);
  });

  it('does not treat a long probation as an error', () => {
    expect(issues({ status: 'probationary', fullMemberDate: null, joinDate: '2015-01-01' })).toEqual([]);
  });

  it('reports every wrong field at once', () => {
    const all = validateMember({ name: '', gender: '', birthDate: 'x', idNumber: '1', joinDate: 'y', status: 'z', fullMemberDate: null }, TODAY);
    expect(all.map((i) => i.field)).toEqual(['name', 'gender', 'birthDate', 'idNumber', 'joinDate', 'status']);
  });
});

describe('memberWarnings', () => {
  it('reminds about a probation that is over, and flags one long overdue', () => {
    expect(memberWarnings({ status: 'probationary', joinDate: '2025-01-01' }, TODAY)).toEqual([]);
    expect(memberWarnings({ status: 'probationary', joinDate: '2024-06-16' }, TODAY)).toEqual([]);
    expect(memberWarnings({ status: 'probationary', joinDate: '2024-06-15' }, TODAY)).toEqual([{ code: 'member.warn_probation_due' }]);
    expect(memberWarnings({ status: 'probationary', joinDate: '2023-06-15' }, TODAY)).toEqual([{ code: 'member.warn_probation_due' }]);
    expect(memberWarnings({ status: 'probationary', joinDate: '2023-06-14' }, TODAY)).toEqual([{ code: 'member.warn_probation_overdue' }]);
    expect(memberWarnings({ status: 'full', joinDate: '2000-01-01' }, TODAY)).toEqual([]);
    expect(memberWarnings({ status: 'probationary', joinDate: 'bad' }, TODAY)).toEqual([]);
  });
});
