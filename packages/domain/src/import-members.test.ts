import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.ts';
import {
  MEMBER_IMPORT_HEADERS, MEMBER_IMPORT_REQUIRED_HEADERS, findMissingHeaders, normalizeHeader, parseMemberImportRows,
  type ImportRow,
} from './import-members.ts';
import { validateMember } from './member.ts';
import { UNIT_IMPORT_HEADERS } from './import-units.ts';

const TODAY = '2025-06-15';
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let seq = 301;
function id(birth: string, gender: 'male' | 'female') {
  seq += 2;
  return makeIdNumber('411221', birth, seq, gender);
}

/** Rows as in a sheet: the header is row 1, so data starts at row 2. */
function sheet(...values: unknown[][]): ImportRow[] {
  return values.map((v, i) => ({
    rowNumber: i + 2,
    cells: Object.fromEntries(MEMBER_IMPORT_HEADERS.map((h, j) => [h, v[j] ?? null])),
  }));
}

const at = <E extends { row: number; column: string }>(errors: E[], row: number, column?: string) =>
  errors.filter((e) => e.row === row && (column === undefined || e.column === column));

describe('MEMBER_IMPORT_HEADERS', () => {
  it('follows the template', () => {
    expect(MEMBER_IMPORT_HEADERS).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长']);
    expect(MEMBER_IMPORT_REQUIRED_HEADERS).toEqual(['姓名', '性别', '出生日期', '身份证号', '入党日期', '党员状态', '所在支部']);
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['姓名', '姓名'],
    [' 姓 名 ', '姓名'],
    ['姓\u3000名', '姓名'],
    ['姓名*', '姓名'],
    ['*姓名', '姓名'],
    ['姓名＊', '姓名'],
    ['身份证号（必填）', '身份证号'],
    ['身份证号(必填)', '身份证号'],
    ['身份证号 *（必填）', '身份证号'],
    ['手机号（选填）', '手机号'],
    ['身份证号码', '身份证号'],
    ['公民身份号码', '身份证号'],
    ['入党时间', '入党日期'],
    ['出生年月', '出生日期'],
    ['文化程度', '学历'],
    ['所在党支部', '所在支部'],
    ['联系电话', '手机号'],
    ['组织代码', '组织编码'],
    ['上级组织编码*', '上级组织编码'],
    ['ＡＢＣ', 'ABC'],
    ['备注', '备注'],
    [null, ''],
    [42, '42'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHeader(raw)).toBe(expected);
  });
});

describe('findMissingHeaders', () => {
  it('finds nothing missing in the template', () => {
    expect(findMissingHeaders([...MEMBER_IMPORT_HEADERS])).toEqual([]);
  });
  it('does not need the optional columns', () => {
    expect(findMissingHeaders(['姓名', '性别', '出生日期', '身份证号', '入党日期', '党员状态', '所在支部'])).toEqual([]);
  });
  it('names every missing required header, in template order', () => {
    expect(findMissingHeaders(['姓名', '性别'])).toEqual(['出生日期', '身份证号', '入党日期', '党员状态', '所在支部']);
    expect(findMissingHeaders([])).toEqual([...MEMBER_IMPORT_REQUIRED_HEADERS]);
  });
  it('recognizes headers as people write them', () => {
    expect(findMissingHeaders(['*姓名', '性别(必填)', '出生年月', '身份证号码', '入党时间', '党员状态', '所在党支部'])).toEqual([]);
  });
  it('takes another list of required headers', () => {
    expect(findMissingHeaders(['组织编码', '组织名称'], UNIT_IMPORT_HEADERS)).toEqual(['组织类型', '上级组织编码']);
  });
});

describe('parseMemberImportRows', () => {
  it('accepts real-world mess: full-width digits, stray spaces, lowercase x, every date form and Excel dates', () => {
    let withX = '';
    for (let s = 1; !withX.endsWith('X'); s += 2) withX = makeIdNumber('411221', '1975-06-30', s, 'male');
    const liu = id('1970-01-05', 'male');
    const diao = id('1988-03-12', 'female');
    const { members, errors } = parseMemberImportRows(sheet(
      [' 刘 备 ', '男', '汉族', new Date(Date.UTC(1970, 0, 5)), liu, '138 0013 8000', '1995.07.01', '正式党员', 'C01A1', '大学本科', '电工、驾驶'],
      ['关羽', '男', '回族', '1975年6月30日', withX.toLowerCase(), '', '2000-7-1', '正式', 'C01A1', '大专', ''],
      ['貂蝉', '女', '汉', '1988/03/12', toFullWidth(diao), toFullWidth('13900001111'), '20100701', '预备党员', '东庄村党支部', '', '矛盾调解,电工'],
      ['张飞', '男', '', 25571, id('1970-01-03', 'male'), 13800138000, 34881, '正式党员', ' C01A1 ', null, null],
    ), TODAY, 'zh-CN');
    expect(errors).toEqual([]);
    expect(members).toEqual([
      {
        rowNumber: 2, valid: true, name: '刘备', gender: 'male', ethnicity: '汉族', birthDate: '1970-01-05', idNumber: liu,
        mobile: '13800138000', joinDate: '1995-07-01', status: 'full', unitRef: 'C01A1', education: 'bachelor', specialties: ['电工', '驾驶'],
      },
      {
        rowNumber: 3, valid: true, name: '关羽', gender: 'male', ethnicity: '回族', birthDate: '1975-06-30', idNumber: withX,
        mobile: null, joinDate: '2000-07-01', status: 'full', unitRef: 'C01A1', education: 'associate', specialties: [],
      },
      {
        rowNumber: 4, valid: true, name: '貂蝉', gender: 'female', ethnicity: '汉族', birthDate: '1988-03-12', idNumber: diao,
        mobile: '13900001111', joinDate: '2010-07-01', status: 'probationary', unitRef: '东庄村党支部', education: null, specialties: ['矛盾调解', '电工'],
      },
      expect.objectContaining({ rowNumber: 5, valid: true, birthDate: '1970-01-03', joinDate: '1995-07-01', mobile: '13800138000', ethnicity: null, unitRef: 'C01A1' }),
    ]);
  });

  it('takes gender and birth date from the ID number when their cells are empty', () => {
    const woman = id('1980-02-02', 'female');
    const { members, errors } = parseMemberImportRows(sheet(['甲', '', '汉族', '', woman, '', '2005-01-01', '正式党员', 'C01A1']), TODAY, 'zh-CN');
    expect(errors).toEqual([]);
    expect(members[0]).toMatchObject({ gender: 'female', birthDate: '1980-02-02', valid: true });
  });

  it('reports a gender or birth date that disagrees with the ID number on that column', () => {
    const man = id('1981-01-01', 'male');
    const { members, errors } = parseMemberImportRows(sheet(
      ['甲', '女', '汉族', '1981-01-01', man, '', '2005-01-01', '正式党员', 'C01A1'],
      ['乙', '男', '汉族', '1981-01-02', man.slice(0, 0) + id('1981-01-01', 'male'), '', '2005-01-01', '正式党员', 'C01A1'],
    ), TODAY, 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '性别', 'id.gender_mismatch'],
      [3, '出生日期', 'id.birthdate_mismatch'],
    ]);
    expect(errors[0].message).toBe('性别与身份证号不一致');
    expect(members.map((m) => m.valid)).toEqual([false, false]);
  });

  it('reports every wrong cell of a row, in column order', () => {
    const good = id('1980-01-01', 'male');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { members, errors } = parseMemberImportRows(sheet(
      ['', '未知', '火星族', '1980-02-30', bad, '12345', '明年', '党员', '', '幼儿园', '电工'],
    ), TODAY, 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [2, '姓名', 'member.name_required', '请填写姓名'],
      [2, '性别', 'member.gender_invalid', '无法识别的性别“未知”，请填写“男”或“女”'],
      [2, '民族', 'member.ethnicity_unknown', '无法识别的民族“火星族”，请填写全称，如“汉族”'],
      [2, '出生日期', 'date.invalid', '日期不存在，请检查年、月、日'],
      [2, '身份证号', 'id.checksum', '身份证号校验位不正确，请核对是否输错'],
      [2, '手机号', 'phone.format', '手机号格式不正确，应为 11 位手机号码'],
      [2, '入党日期', 'date.format', '无法识别的日期，请按“1985-03-12”的格式填写'],
      [2, '党员状态', 'member.status_invalid', '无法识别的党员状态“党员”，请填写“正式党员”或“预备党员”'],
      [2, '所在支部', 'member.unit_required', '请填写所在支部（组织编码或组织名称）'],
      [2, '学历', 'member.education_unknown', '无法识别的学历“幼儿园”'],
    ]);
    expect(errors[1].params).toEqual({ value: '未知' });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ valid: false, name: '', gender: '未知', birthDate: '1980-02-30', idNumber: bad, mobile: '12345', joinDate: '明年', unitRef: '' });
  });

  it('reports each wrong cell once', () => {
    const { errors } = parseMemberImportRows(sheet(['甲', '', '', '', '', '', '', '', 'C01A1']), TODAY, 'zh-CN');
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ['性别', 'member.gender_required'],
      ['出生日期', 'date.required'],
      ['身份证号', 'id.required'],
      ['入党日期', 'date.required'],
      ['党员状态', 'member.status_required'],
    ]);
  });

  it('checks the join date against today and the 18th birthday', () => {
    const { errors } = parseMemberImportRows(sheet(
      ['丁', '男', '汉族', '1990-01-01', id('1990-01-01', 'male'), '', '2005-01-01', '正式党员', 'C01A1'],
      ['戊', '男', '汉族', '1990-01-01', id('1990-01-01', 'male'), '', '2025-06-16', '预备党员', 'C01A1'],
      ['己', '男', '汉族', '2007-06-15', id('2007-06-15', 'male'), '', '2025-06-15', '预备党员', 'C01A1'],
    ), TODAY, 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '入党日期', 'member.join_too_young'],
      [3, '入党日期', 'member.join_future'],
    ]);
  });

  it('names the first row of an ID number repeated in the file, on every later row', () => {
    const dup = id('1980-02-02', 'female');
    const other = id('1981-01-01', 'male');
    const { members, errors } = parseMemberImportRows(sheet(
      ['甲', '女', '汉族', '1980-02-02', dup, '', '2005-01-01', '正式党员', 'C01A1'],
      ['乙', '女', '汉族', '1980-02-02', dup, '', '2005-01-01', '正式党员', 'C01A1'],
      ['丙', '男', '汉族', '1981-01-01', other, '', '2005-01-01', '正式党员', 'C01A1'],
      ['丁', '女', '汉族', '1980-02-02', ` ${dup.toLowerCase()} `, '', '2005-01-01', '正式党员', 'C01A1'],
      ['戊', '男', '汉族', '1981-01-01', toFullWidth(other), '', '2005-01-01', '正式党员', 'C01A1'],
    ), TODAY, 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [3, '身份证号', 'import.id_duplicate_in_file', { row: 2 }],
      [5, '身份证号', 'import.id_duplicate_in_file', { row: 2 }],
      [6, '身份证号', 'import.id_duplicate_in_file', { row: 4 }],
    ]);
    expect(errors[0].message).toBe('身份证号与第 2 行重复');
    expect(errors[2].message).toBe('身份证号与第 4 行重复');
    expect(members.map((m) => m.valid)).toEqual([true, false, true, false, false]);
  });

  it('skips completely empty rows and keeps the row numbers of the others', () => {
    const rows: ImportRow[] = [
      { rowNumber: 2, cells: Object.fromEntries(MEMBER_IMPORT_HEADERS.map((h) => [h, null])) },
      { rowNumber: 3, cells: { 姓名: '  ', 性别: '\u3000', 特长: '' } },
      { rowNumber: 4, cells: {} },
      ...sheet(['甲', '男', '汉族', '1990-01-01', id('1990-01-01', 'male'), '', '2010-01-01', '正式党员', 'C01A1']).map((r) => ({ ...r, rowNumber: 7 })),
    ];
    const { members, errors } = parseMemberImportRows(rows, TODAY, 'zh-CN');
    expect(errors).toEqual([]);
    expect(members.map((m) => m.rowNumber)).toEqual([7]);
  });

  it('reads cells keyed by headers as people write them', () => {
    const man = id('1990-01-01', 'male');
    const { members, errors } = parseMemberImportRows([{
      rowNumber: 2,
      cells: { '*姓名': '甲', '性别（必填）': '男', 出生年月: '1990.1.1', 身份证号码: man, 联系电话: '13800138000', 入党时间: '2010.1.1', 党员状态: '正式', 所在党支部: 'C01A1', 文化程度: '本科', 备注: '无' },
    }], TODAY, 'zh-CN');
    expect(errors).toEqual([]);
    expect(members[0]).toMatchObject({ name: '甲', idNumber: man, mobile: '13800138000', birthDate: '1990-01-01', joinDate: '2010-01-01', education: 'bachelor', unitRef: 'C01A1' });
  });

  it('writes its messages in the requested language', () => {
    const { errors } = parseMemberImportRows(sheet(['A', 'male', '汉族', '1980-01-01', '123', '', '2005-01-01', 'full', 'C01A1']), TODAY, 'en');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: '身份证号', code: 'id.format' });
    expect(errors[0].message).toMatch(/^[\x20-\x7e“”‘’]+$/);
  });

  it('leaves a row with errors in a state where the member form rules report the same things', () => {
    // The server re-checks every row with validateMember and merges identical messages: the
    // fields a wrong row carries must not produce a different complaint about the same cell.
    const good = id('1980-01-01', 'male');
    const rows = sheet(
      ['', '未知', '', '1980-02-30', good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), '12345', '明年', '党员', ''],
      ['甲', '女', '', '1980-01-01', good, '', '2005-01-01', '正式党员', 'C01A1'],
      ['乙', '男', '', '1981-01-01', id('1980-01-01', 'male'), '', '1995-01-01', '预备党员', 'C01A1'],
      ['丙', '', '', '', '11', '', '', '', 'C01A1'],
      ['丁', '男', '', 60, id('1980-01-01', 'male'), '', 'x', '预备', 'C01A1'],
    );
    const { members, errors } = parseMemberImportRows(rows, TODAY, 'zh-CN');
    const COLUMN: Record<string, string> = { name: '姓名', gender: '性别', birthDate: '出生日期', idNumber: '身份证号', joinDate: '入党日期', status: '党员状态' };
    for (const m of members) {
      const reported = new Map(at(errors, m.rowNumber).map((e) => [e.column, e]));
      for (const issue of validateMember({ ...m, idNumber: m.idNumber || null }, TODAY)) {
        const e = reported.get(COLUMN[issue.field]);
        expect(e, `row ${m.rowNumber} ${issue.field} ${issue.code}`).toBeDefined();
        if (issue.field !== 'idNumber') {
          expect(e!.code, `row ${m.rowNumber} ${issue.field}`).toBe(issue.code);
        }
      }
    }
  });

  it('passes rows without errors that the member form rules also accept', () => {
    const { members } = parseMemberImportRows(sheet(
      ['刘备', '', '汉族', '', id('1970-01-05', 'male'), '', '1995.07.01', '正式党员', 'C01A1'],
    ), TODAY, 'zh-CN');
    expect(members[0].valid).toBe(true);
    expect(validateMember(members[0], TODAY)).toEqual([]);
  });
});
