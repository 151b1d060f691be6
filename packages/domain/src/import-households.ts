// The pure half of importing households (住户) of grids from a spreadsheet. Data minimization: an
// address and a household head are all that is required; a person to move first is recorded only
// with the reason for keeping it. The server resolves 所在网格, checks scope, encrypts the phone
// and writes; a file with any error writes nothing.
import { makeImportError, normalizeCells, normalizeHeader, type ImportError, type ImportRow } from './import-members.ts';
import type { Locale, MessageCode } from './messages.ts';
import { isBlank, normalizeText, stripAllSpaces } from './normalize.ts';
import { parseMobile } from './phone.ts';
import { VULNERABLE_CATEGORIES, type VulnerableCategory } from './warnings.ts';

export const HOUSEHOLD_IMPORT_HEADERS = ['所在网格', '地址', '户主', '联系电话', '人数', '优先转移人员', '人员类别', '登记理由'] as const;
export type HouseholdImportHeader = (typeof HOUSEHOLD_IMPORT_HEADERS)[number];
export const HOUSEHOLD_IMPORT_REQUIRED_HEADERS = ['所在网格', '地址', '户主'] as const satisfies readonly HouseholdImportHeader[];

export interface ParsedHouseholdPerson {
  name: string;
  category: VulnerableCategory;
  reason: string;
}

export interface ParsedHouseholdRow {
  rowNumber: number;
  unitRef: string;
  address: string;
  headName: string;
  /** A normalized mobile number, or null when none was given. */
  phone: string | null;
  people: number;
  vulnerable: ParsedHouseholdPerson[];
}

/** 独居老人 or its English name or code → the category. */
export function parseVulnerableCategory(raw: string): VulnerableCategory | null {
  const s = stripAllSpaces(raw).toLowerCase();
  const found = VULNERABLE_CATEGORIES.find((c) => c.zh === s || c.value === s || c.en.toLowerCase().replace(/\s+/g, '') === s);
  if (found) return found.value;
  // The form's short names, as secretaries tend to type them.
  const short: Record<string, VulnerableCategory> = { 其他: 'other', 卧床: 'bedridden', 重病: 'bedridden', 残疾: 'disabled', 独居: 'elderly_alone', 留守: 'left_behind_child' };
  return short[s] ?? null;
}

const NAME_SEPARATORS = /[、,，;；/\s]+/;

/**
 * Reads the rows of a household list: 所在网格, 地址 and 户主 are required; 联系电话 must be a mobile
 * number when given; 人数 a whole number from 1 to 99 (1 when blank). 优先转移人员 (several names
 * separated by 、) needs 人员类别 and 登记理由; a category or a reason without anyone named is
 * also an error, so nothing sensitive is half-recorded.
 */
export function parseHouseholdImportRows(rows: ReadonlyArray<ImportRow>, locale: Locale): { households: ParsedHouseholdRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const households: ParsedHouseholdRow[] = [];
  const order = (c: string) => (HOUSEHOLD_IMPORT_HEADERS as readonly string[]).indexOf(c);
  const seen = new Map<string, number>();

  for (const row of rows) {
    const cells = normalizeCells(row.cells);
    // Looked up by the normalized header: the shared alias table maps 联系电话 and 人员类别 to the
    // member roll's names, and the sheet reader normalizes every header the same way.
    const cell = (h: HouseholdImportHeader) => cells.get(normalizeHeader(h));
    if ([...cells.values()].every(isBlank)) continue;
    const rowErrors: ImportError[] = [];
    const fail = (column: HouseholdImportHeader, code: MessageCode, params?: Record<string, string | number>) => {
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push(makeImportError(row.rowNumber, column, code, locale, params));
    };

    const unitRef = stripAllSpaces(normalizeText(cell('所在网格')));
    if (!unitRef) fail('所在网格', 'import.household_unit_required');

    const address = normalizeText(cell('地址'));
    if ([...address].length < 2) fail('地址', 'import.household_address_required');
    else if ([...address].length > 200) fail('地址', 'import.text_too_long', { max: 200 });

    const headName = normalizeText(cell('户主'));
    if (!headName) fail('户主', 'import.household_head_required');
    else if ([...headName].length > 50) fail('户主', 'import.text_too_long', { max: 50 });

    let phone: string | null = null;
    if (!isBlank(cell('联系电话'))) {
      const parsed = parseMobile(cell('联系电话'));
      if (parsed.ok) phone = parsed.value;
      else fail('联系电话', parsed.code);
    }

    let people = 1;
    const peopleText = stripAllSpaces(normalizeText(cell('人数')));
    if (peopleText) {
      const n = /^\d{1,3}$/.test(peopleText) ? Number(peopleText) : Number.NaN;
      if (!Number.isInteger(n) || n < 1 || n > 99) fail('人数', 'import.household_people_invalid');
      else people = n;
    }

    const names = normalizeText(cell('优先转移人员')).split(NAME_SEPARATORS).filter(Boolean);
    const categoryText = normalizeText(cell('人员类别'));
    const reason = normalizeText(cell('登记理由'));
    const vulnerable: ParsedHouseholdPerson[] = [];
    if (names.length || categoryText || reason) {
      if (!names.length) fail('优先转移人员', 'import.household_person_required');
      const category = categoryText ? parseVulnerableCategory(categoryText) : null;
      if (!categoryText) fail('人员类别', 'import.household_category_required');
      else if (!category) fail('人员类别', 'import.household_category_unknown', { value: categoryText });
      // Data minimization: a sensitive record must say why it is kept.
      if ([...reason].length < 2) fail('登记理由', 'household.reason_required');
      else if ([...reason].length > 200) fail('登记理由', 'import.text_too_long', { max: 200 });
      if (names.some((n) => [...n].length > 50)) fail('优先转移人员', 'import.text_too_long', { max: 50 });
      if (category) for (const name of names) vulnerable.push({ name, category, reason });
    }

    // The same address twice in one grid is almost always a row pasted twice.
    const key = `${unitRef}|${address}|${headName}`;
    if (unitRef && address && headName) {
      if (seen.has(key)) fail('地址', 'import.household_duplicate_in_file', { row: seen.get(key)! });
      else seen.set(key, row.rowNumber);
    }

    rowErrors.sort((a, b) => order(a.column) - order(b.column));
    errors.push(...rowErrors);
    if (rowErrors.length === 0) households.push({ rowNumber: row.rowNumber, unitRef, address, headName, phone, people, vulnerable });
  }
  return { households, errors };
}
