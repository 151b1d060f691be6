import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGE_CODES, isLocale, isMessageCode, message, resolveLocale, type MessageCode } from './messages.ts';

describe('resolveLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    [null, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9,zh;q=0.8', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh;q=0.2, en;q=0.3', 'en'],
    ['en;q=0, zh', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['de, *;q=0.1', 'zh-CN'],
    ['*', 'zh-CN'],
    ['garbage;;;', 'zh-CN'],
  ] as const)('%s → %s', (header, expected) => {
    expect(resolveLocale(header)).toBe(expected);
  });
});

describe('message', () => {
  it('has the two locales', () => {
    expect(LOCALES).toEqual(['zh-CN', 'en']);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
  });

  it('fills {name} placeholders from params, numbers included', () => {
    expect(message('error.rate_limited', 'zh-CN', { minutes: 15 })).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(message('error.rate_limited', 'en', { minutes: 15 })).toBe('Too many failed sign-in attempts. Please try again in 15 minutes.');
    expect(message('import.id_duplicate_in_file', 'zh-CN', { row: 2 })).toBe('身份证号与第 2 行重复');
    expect(message('error.import_header_missing', 'zh-CN', { column: '身份证号' })).toBe('缺少表头“身份证号”');
  });

  it('leaves a placeholder without a param as written and ignores extra params', () => {
    expect(message('error.rate_limited', 'zh-CN')).toBe('登录失败次数过多，请 {minutes} 分钟后再试');
    expect(message('error.rate_limited', 'zh-CN', { other: 1 })).toBe('登录失败次数过多，请 {minutes} 分钟后再试');
    expect(message('error.unauthenticated', 'zh-CN', { minutes: 3 })).toBe('请先登录');
  });

  it('returns an unknown code unchanged instead of throwing', () => {
    expect(message('no.such_code' as MessageCode, 'en')).toBe('no.such_code');
    expect(isMessageCode('no.such_code')).toBe(false);
    expect(isMessageCode('toString')).toBe(false);
    expect(isMessageCode('error.forbidden')).toBe(true);
  });

  it('uses the wording agreed for the server', () => {
    const zh: Array<[MessageCode, string, Record<string, string | number>?]> = [
      ['error.unauthenticated', '请先登录'],
      ['error.not_found', '未找到该记录，或您无权访问'],
      ['error.validation', '提交的内容有误，请检查标出的字段'],
      ['error.bad_credentials', '账号或密码错误'],
      ['error.unit_cycle', '不能把组织移动到它自己的下级组织中'],
      ['error.password_too_weak', '密码至少 8 位，且须同时包含字母和数字'],
      ['import.unit_type_unknown', '未知的组织类型“外星”', { value: '外星' }],
      ['import.parent_unknown', '上级组织编码“NOPE”不存在', { value: 'NOPE' }],
      ['import.unit_unknown', '找不到组织“火星支部”', { value: '火星支部' }],
      ['import.unit_ambiguous', '组织名称“第一支部”不唯一，请填写组织编码', { value: '第一支部' }],
      ['import.id_exists', '该身份证号已在党员库中'],
      ['unit.warn_branch_too_small', '正式党员不足 3 人，应与邻近单位成立联合支部'],
      ['unit.warn_branch_too_large', '党员超过 50 人，可考虑成立党总支'],
      ['unit.warn_general_branch_large', '党员超过 100 人，可成立基层党委'],
    ];
    for (const [code, text, params] of zh) expect(message(code, 'zh-CN', params)).toBe(text);
  });

  it('has every code the brief and the server rely on', () => {
    const required = [
      'error.unauthenticated', 'error.forbidden', 'error.not_found', 'error.validation', 'error.conflict', 'error.csrf',
      'error.rate_limited', 'error.bad_credentials', 'error.internal', 'error.unit_cycle', 'error.unit_code_taken',
      'error.unit_archived', 'error.unit_has_active_children', 'error.password_too_weak', 'error.password_wrong',
      'error.file_unreadable', 'error.file_empty', 'error.import_header_missing', 'error.same_unit',
      'import.unit_type_unknown', 'import.parent_unknown', 'import.unit_unknown', 'import.unit_ambiguous',
      'import.id_duplicate_in_file', 'import.id_exists', 'import.code_duplicate_in_file', 'import.code_exists',
      // used by apps/server
      'error.demo_not_empty', 'error.file_required', 'error.file_too_large', 'error.unit_has_members', 'import.parent_required',
      'member.date_future', 'member.id_exists', 'member.specialty_unknown', 'unit.code_format', 'user.cannot_disable_self',
      'user.cannot_remove_own_admin', 'user.login_required', 'user.phone_taken', 'user.username_taken',
      // returned by the domain itself
      'id.required', 'id.format', 'id.birthdate', 'id.checksum', 'id.birthdate_mismatch', 'id.gender_mismatch',
      'phone.required', 'phone.format', 'date.required', 'date.format', 'date.invalid',
      'member.name_required', 'member.join_future', 'member.join_too_young', 'member.full_date_invalid',
      'unit.warn_branch_too_small', 'unit.warn_branch_too_large', 'unit.warn_no_secretary', 'unit.warn_general_branch_large',
    ];
    for (const code of required) expect(isMessageCode(code), code).toBe(true);
  });

  it('says everything in natural Chinese and in plain ASCII English with the same placeholders', () => {
    expect(MESSAGE_CODES.length).toBeGreaterThan(60);
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of MESSAGE_CODES) {
      const zh = message(code, 'zh-CN');
      const en = message(code, 'en');
      expect(zh, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(en, code).toMatch(/^[\x20-\x7e“”‘’]+$/);
      expect(en, code).toMatch(/^[A-Z]/);
      expect(placeholders(en), code).toEqual(placeholders(zh));
      expect(code).toMatch(/^[a-z]+\.[a-z_]+$/);
    }
  });

  it('uses the same words for not found and out of scope, so scope never leaks', () => {
    // There is one code for both cases; this guards against someone adding a second.
    expect(MESSAGE_CODES.filter((c) => /not_found|out_of_scope/.test(c))).toEqual(['error.not_found']);
  });
});
