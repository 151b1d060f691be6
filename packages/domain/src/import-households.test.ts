import { describe, expect, it } from 'vitest';
import type { ImportRow } from './import-members.ts';
import { HOUSEHOLD_IMPORT_HEADERS, HOUSEHOLD_IMPORT_REQUIRED_HEADERS, parseHouseholdImportRows, parseVulnerableCategory } from './import-households.ts';

function sheet(...values: unknown[][]): ImportRow[] {
  return values.map((v, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(HOUSEHOLD_IMPORT_HEADERS.map((h, j) => [h, v[j] ?? null])) }));
}

describe('HOUSEHOLD_IMPORT_HEADERS', () => {
  it('follows the template; only the grid, the address and the head are required', () => {
    expect(HOUSEHOLD_IMPORT_HEADERS).toEqual(['所在网格', '地址', '户主', '联系电话', '人数', '优先转移人员', '人员类别', '登记理由']);
    expect(HOUSEHOLD_IMPORT_REQUIRED_HEADERS).toEqual(['所在网格', '地址', '户主']);
  });
});

describe('parseHouseholdImportRows', () => {
  it('reads households, normalizes phones and splits several people to move first', () => {
    const { households, errors } = parseHouseholdImportRows(sheet(
      ['C01A-G1', '东庄村一组 3 号', '王建国', '138 0013 8000', '4', '王奶奶、王小宝', '独居老人', '子女在外地务工'],
      [' 东庄村第二网格 ', '东庄村二组 8 号', '李梅', '', '', '', '', ''],
    ), 'zh-CN');
    expect(errors).toEqual([]);
    expect(households).toEqual([
      {
        rowNumber: 2, unitRef: 'C01A-G1', address: '东庄村一组 3 号', headName: '王建国', phone: '13800138000', people: 4,
        vulnerable: [
          { name: '王奶奶', category: 'elderly_alone', reason: '子女在外地务工' },
          { name: '王小宝', category: 'elderly_alone', reason: '子女在外地务工' },
        ],
      },
      { rowNumber: 3, unitRef: '东庄村第二网格', address: '东庄村二组 8 号', headName: '李梅', phone: null, people: 1, vulnerable: [] },
    ]);
  });

  it('refuses a person to move first without a reason, and a reason or category without a person', () => {
    const { households, errors } = parseHouseholdImportRows(sheet(
      ['G1', '一组 1 号', '赵一', '', '2', '赵大爷', '独居老人', ''],
      ['G1', '一组 2 号', '赵二', '', '2', '', '', '行动不便'],
      ['G1', '一组 3 号', '赵三', '', '2', '赵三', '', '卧床多年'],
      ['G1', '一组 4 号', '赵四', '', '2', '赵四', '外星人', '卧床多年'],
    ), 'zh-CN');
    expect(households).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '登记理由', 'household.reason_required'],
      [3, '优先转移人员', 'import.household_person_required'],
      [3, '人员类别', 'import.household_category_required'],
      [4, '人员类别', 'import.household_category_required'],
      [5, '人员类别', 'import.household_category_unknown'],
    ]);
    expect(errors[0].message).toBe('登记需优先转移人员时须说明理由');
  });

  it('reports every wrong cell with its row and column, in the user’s language', () => {
    const { households, errors } = parseHouseholdImportRows(sheet(
      ['', '一', '', '12345', '0'],
      ['G1', '一组 5 号', '钱五', '', '100'],
      ['G1', '一组 6 号', '孙六', '', '两'],
    ), 'en');
    expect(households).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '所在网格', 'import.household_unit_required'],
      [2, '地址', 'import.household_address_required'],
      [2, '户主', 'import.household_head_required'],
      [2, '联系电话', 'phone.format'],
      [2, '人数', 'import.household_people_invalid'],
      [3, '人数', 'import.household_people_invalid'],
      [4, '人数', 'import.household_people_invalid'],
    ]);
    expect(errors[0].message).toBe('Please enter the grid (its unit code or unique name).');
  });

  it('reports a household pasted twice on the later row', () => {
    const { households, errors } = parseHouseholdImportRows(sheet(['G1', '一组 7 号', '周七'], ['G1', '一组 7 号', '周七']), 'zh-CN');
    expect(households).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: '地址', code: 'import.household_duplicate_in_file', message: '与第 2 行的住户重复' })]);
  });

  it('skips blank rows', () => {
    expect(parseHouseholdImportRows(sheet([null, '', '  ']), 'zh-CN')).toEqual({ households: [], errors: [] });
  });
});

describe('parseVulnerableCategory', () => {
  it('reads the Chinese names, the codes, the English names and common short forms', () => {
    expect(parseVulnerableCategory('独居老人')).toBe('elderly_alone');
    expect(parseVulnerableCategory('left_behind_child')).toBe('left_behind_child');
    expect(parseVulnerableCategory('Pregnant woman')).toBe('pregnant');
    expect(parseVulnerableCategory('残疾')).toBe('disabled');
    expect(parseVulnerableCategory('路人')).toBeNull();
  });
});
