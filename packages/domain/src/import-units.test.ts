import { describe, expect, it } from 'vitest';
import type { ImportRow } from './import-members.ts';
import { UNIT_IMPORT_HEADERS, UNIT_IMPORT_REQUIRED_HEADERS, parseUnitImportRows } from './import-units.ts';

function sheet(...values: unknown[][]): ImportRow[] {
  return values.map((v, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(UNIT_IMPORT_HEADERS.map((h, j) => [h, v[j] ?? null])) }));
}

describe('UNIT_IMPORT_HEADERS', () => {
  it('follows the template; the parent column is optional', () => {
    expect(UNIT_IMPORT_HEADERS).toEqual(['组织编码', '组织名称', '组织类型', '上级组织编码']);
    expect(UNIT_IMPORT_REQUIRED_HEADERS).toEqual(['组织编码', '组织名称', '组织类型']);
  });
});

describe('parseUnitImportRows', () => {
  it('reads units with Chinese type names and puts parents before children', () => {
    const { units, errors } = parseUnitImportRows(sheet(
      ['C01C1', '南庄村党支部', '党支部', 'C01C'],
      ['C01C', '南庄村', '村', 'C01'],
      ['C01C1G', '南庄村第一党小组', '党小组', 'C01C1'],
      [' ｃ０２ ', '  北庄村  ', '村', ''],
      ['C02A', '北庄村党支部', '支部', 'c02'],
    ), 'zh-CN');
    expect(errors).toEqual([]);
    expect(units).toEqual([
      { rowNumber: 3, code: 'C01C', name: '南庄村', kind: 'village', parentCode: 'C01' },
      { rowNumber: 2, code: 'C01C1', name: '南庄村党支部', kind: 'branch', parentCode: 'C01C' },
      { rowNumber: 4, code: 'C01C1G', name: '南庄村第一党小组', kind: 'group', parentCode: 'C01C1' },
      { rowNumber: 5, code: 'c02', name: '北庄村', kind: 'village', parentCode: null },
      { rowNumber: 6, code: 'C02A', name: '北庄村党支部', kind: 'branch', parentCode: 'c02' },
    ]);
  });

  it('orders a deep chain written upside down', () => {
    const rows = sheet(['D', 'd', '党小组', 'C'], ['C', 'c', '党支部', 'B'], ['B', 'b', '党总支', 'A'], ['A', 'a', '乡镇党委', 'ROOT']);
    const { units, errors } = parseUnitImportRows(rows, 'zh-CN');
    expect(errors).toEqual([]);
    expect(units.map((u) => u.code)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps parents before children for any order of a tree', () => {
    const tree = [['R', null], ['A', 'R'], ['B', 'R'], ['A1', 'A'], ['A2', 'A'], ['B1', 'B'], ['A1x', 'A1']] as const;
    for (let shift = 0; shift < tree.length; shift++) {
      const rotated = [...tree.slice(shift), ...tree.slice(0, shift)].reverse();
      const { units, errors } = parseUnitImportRows(sheet(...rotated.map(([c, p]) => [c, `单位${c}`, '党支部', p])), 'zh-CN');
      expect(errors).toEqual([]);
      const pos = new Map(units.map((u, i) => [u.code, i]));
      for (const [c, p] of tree) if (p) expect(pos.get(p)!).toBeLessThan(pos.get(c)!);
      expect(units).toHaveLength(tree.length);
    }
  });

  it('reports every wrong cell: code, name, type and parent', () => {
    const { units, errors } = parseUnitImportRows(sheet(
      ['C01D', '北庄村', '村', 'NOPE'],
      ['C01E', '', '外星', 'C01'],
      ['', '无编码', '', ''],
      ['C 0 1', '空格编码', '村', ''],
      ['C01/F', '斜杠编码', '村', 'C01#'],
      ['X'.repeat(33), '长编码', '村', ''],
      ['C01G', '名'.repeat(101), '村', 'C01G'],
    ), 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '组织名称', 'unit.name_required'],
      [3, '组织类型', 'import.unit_type_unknown'],
      [4, '组织编码', 'unit.code_required'],
      [4, '组织类型', 'unit.kind_required'],
      [6, '组织编码', 'unit.code_format'],
      [6, '上级组织编码', 'unit.code_format'],
      [7, '组织编码', 'unit.code_format'],
      [8, '组织名称', 'unit.name_too_long'],
      [8, '上级组织编码', 'import.parent_self'],
    ]);
    expect(errors[1].message).toBe('未知的组织类型“外星”');
    // 'C 0 1' loses its spaces and is a fine code; NOPE is resolved by the server.
    expect(units.map((u) => u.code)).toEqual(['C01D', 'C01']);
  });

  it('names the first row of a code repeated in the file', () => {
    const { units, errors } = parseUnitImportRows(sheet(
      ['C01A', '甲村', '村', ''],
      ['C01B', '乙村', '村', ''],
      ['C01A', '丙村', '村', ''],
      ['C01A', '丁村', '村', ''],
    ), 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [4, '组织编码', 'import.code_duplicate_in_file', '组织编码与第 2 行重复'],
      [5, '组织编码', 'import.code_duplicate_in_file', '组织编码与第 2 行重复'],
    ]);
    expect(units.map((u) => u.rowNumber)).toEqual([2, 3]);
  });

  it('reports a cycle of parents within the file on each unit in it, and leaves out what hangs below', () => {
    const { units, errors } = parseUnitImportRows(sheet(
      ['A', 'a', '党支部', 'B'],
      ['B', 'b', '党支部', 'C'],
      ['C', 'c', '党支部', 'A'],
      ['D', 'd', '党小组', 'A'],
      ['E', 'e', '党支部', 'ROOT'],
    ), 'zh-CN');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '上级组织编码', 'import.unit_cycle_in_file'],
      [3, '上级组织编码', 'import.unit_cycle_in_file'],
      [4, '上级组织编码', 'import.unit_cycle_in_file'],
    ]);
    expect(errors[0].message).toBe('上级组织关系形成循环：A → B → C → A');
    expect(units.map((u) => u.code)).toEqual(['E']);
  });

  it('finds a cycle entered from below and a two-unit cycle', () => {
    const { units, errors } = parseUnitImportRows(sheet(
      ['D', 'd', '党小组', 'A'],
      ['A', 'a', '党支部', 'B'],
      ['B', 'b', '党支部', 'A'],
    ), 'en');
    expect(errors.map((e) => e.row)).toEqual([3, 4]);
    expect(errors[0].message).toBe('The parent units form a cycle: A -> B -> A.');
    expect(units).toEqual([]);
  });

  it('skips completely empty rows', () => {
    const { units, errors } = parseUnitImportRows([
      { rowNumber: 2, cells: { 组织编码: null, 组织名称: ' ', 组织类型: '', 上级组织编码: null } },
      { rowNumber: 3, cells: { 组织编码: 'A', 组织名称: 'a', 组织类型: '村' } },
    ], 'zh-CN');
    expect(errors).toEqual([]);
    expect(units).toEqual([{ rowNumber: 3, code: 'A', name: 'a', kind: 'village', parentCode: null }]);
  });

  it('reads numeric codes from spreadsheet number cells', () => {
    const { units } = parseUnitImportRows(sheet([370783001, '羊口镇', '镇', 370783]), 'zh-CN');
    expect(units).toEqual([{ rowNumber: 2, code: '370783001', name: '羊口镇', kind: 'town', parentCode: '370783' }]);
  });

  it('writes its messages in the requested language', () => {
    const { errors } = parseUnitImportRows(sheet(['A', '', 'alien', '']), 'en');
    expect(errors.map((e) => e.message)).toEqual(['Please enter the unit name.', 'Unknown unit type “alien”.']);
  });
});
