// The pure half of importing units (组织) from a spreadsheet. Parents named in the same file are
// returned before their children; parents elsewhere are resolved by the server.
import { makeImportError, normalizeCells, type ImportError, type ImportRow } from './import-members.ts';
import type { Locale, MessageCode } from './messages.ts';
import { isBlank, normalizeText, stripAllSpaces } from './normalize.ts';
import { UNIT_NAME_MAX, parseUnitKind, unitCodeValid, type UnitKind } from './units.ts';

export const UNIT_IMPORT_HEADERS = ['组织编码', '组织名称', '组织类型', '上级组织编码'] as const;
export type UnitImportHeader = (typeof UNIT_IMPORT_HEADERS)[number];
/** 上级组织编码 may be left out (top-level units). */
export const UNIT_IMPORT_REQUIRED_HEADERS = ['组织编码', '组织名称', '组织类型'] as const satisfies readonly UnitImportHeader[];

export interface ParsedUnitRow {
  rowNumber: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

/**
 * Reads the rows of a unit list. Checks each code's format, that names and kinds are given and
 * known, that no code repeats within the file (reported on the later row, naming the first), and
 * that parents named within the file form no cycle. `units` holds the rows without errors, parents
 * before children (otherwise in file order); a row under a cycle is left out without an error of its own.
 */
export function parseUnitImportRows(rows: ReadonlyArray<ImportRow>, locale: Locale): { units: ParsedUnitRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const candidates: ParsedUnitRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  const order = (c: string) => (UNIT_IMPORT_HEADERS as readonly string[]).indexOf(c);

  for (const row of rows) {
    const cells = normalizeCells(row.cells);
    const cell = (h: UnitImportHeader) => cells.get(h);
    if ([...cells.values()].every(isBlank)) continue;
    const rowErrors: ImportError[] = [];
    const fail = (column: UnitImportHeader, code: MessageCode, params?: Record<string, string | number>) =>
      rowErrors.push(makeImportError(row.rowNumber, column, code, locale, params));

    const code = stripAllSpaces(normalizeText(cell('组织编码')));
    if (!code) fail('组织编码', 'unit.code_required');
    else if (!unitCodeValid(code)) fail('组织编码', 'unit.code_format');
    else if (firstRowOfCode.has(code)) fail('组织编码', 'import.code_duplicate_in_file', { row: firstRowOfCode.get(code)! });
    else firstRowOfCode.set(code, row.rowNumber);

    const name = normalizeText(cell('组织名称'));
    if (!name) fail('组织名称', 'unit.name_required');
    else if ([...name].length > UNIT_NAME_MAX) fail('组织名称', 'unit.name_too_long', { max: UNIT_NAME_MAX });

    const kindText = normalizeText(cell('组织类型'));
    const kind = parseUnitKind(kindText);
    if (!kindText) fail('组织类型', 'unit.kind_required');
    else if (!kind) fail('组织类型', 'import.unit_type_unknown', { value: kindText });

    const parentCode = stripAllSpaces(normalizeText(cell('上级组织编码'))) || null;
    if (parentCode !== null) {
      if (!unitCodeValid(parentCode)) fail('上级组织编码', 'unit.code_format');
      else if (parentCode === code) fail('上级组织编码', 'import.parent_self');
    }

    rowErrors.sort((a, b) => order(a.column) - order(b.column));
    errors.push(...rowErrors);
    if (rowErrors.length === 0) candidates.push({ rowNumber: row.rowNumber, code, name, kind: kind!, parentCode });
  }

  // Parents named in the file come first. Each unit has at most one parent, so following parent
  // links from any unit either ends (outside the file or at a top-level unit) or closes a cycle.
  const byCode = new Map(candidates.map((u) => [u.code, u]));
  const state = new Map<ParsedUnitRow, 'walking' | 'placed' | 'blocked'>();
  const units: ParsedUnitRow[] = [];
  for (const start of candidates) {
    const path: ParsedUnitRow[] = [];
    let cur: ParsedUnitRow | undefined = start;
    while (cur && !state.has(cur)) {
      state.set(cur, 'walking');
      path.push(cur);
      cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode);
    }
    if (cur && state.get(cur) === 'walking') {
      const cycle = path.slice(path.indexOf(cur));
      const text = [...cycle, cycle[0]].map((u) => u.code).join(locale === 'en' ? ' -> ' : ' → ');
      for (const u of cycle) errors.push(makeImportError(u.rowNumber, '上级组织编码', 'import.unit_cycle_in_file', locale, { cycle: text }));
      for (const u of path) state.set(u, 'blocked');
    } else if (cur && state.get(cur) === 'blocked') {
      for (const u of path) state.set(u, 'blocked');
    } else {
      for (const u of path.reverse()) {
        state.set(u, 'placed');
        units.push(u);
      }
    }
  }
  errors.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  return { units, errors };
}
