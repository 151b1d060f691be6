// The pure half of importing a member roll (党员名册) from a spreadsheet: reading every cell,
// reporting every wrong one with its row and column, in the user's language. The server resolves
// units, checks the registry for existing ID numbers and writes; a file with any error writes nothing.
import { parseDate, type DateCode } from './dates.ts';
import { normalizeIdNumber, parseIdNumber, type Gender } from './id-number.ts';
import { message, type Locale, type MessageCode } from './messages.ts';
import {
  normalizeName, parseEnum, splitSpecialties, validateMember,
  type EducationLevel, type MemberStatus,
} from './member.ts';
import { isBlank, normalizeText, stripAllSpaces } from './normalize.ts';
import { parseMobile } from './phone.ts';

export const MEMBER_IMPORT_HEADERS = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长'] as const;
export type MemberImportHeader = (typeof MEMBER_IMPORT_HEADERS)[number];
export const MEMBER_IMPORT_REQUIRED_HEADERS = ['姓名', '性别', '出生日期', '身份证号', '入党日期', '党员状态', '所在支部'] as const satisfies readonly MemberImportHeader[];

export interface ImportRow {
  /** The row number a person sees in the spreadsheet. */
  rowNumber: number;
  /** Cell values keyed by header (raw or normalized headers both work). */
  cells: Record<string, unknown>;
}

export interface ImportError {
  row: number;
  /** The Chinese header of the column, as in the template. */
  column: string;
  code: MessageCode;
  /** The message in the requested locale. */
  message: string;
  params?: Record<string, string | number>;
}

export interface ParsedMemberRow {
  rowNumber: number;
  /** False when this row has at least one error in `errors`; its fields then hold the text as typed. */
  valid: boolean;
  name: string;
  gender: string;
  ethnicity: string | null;
  birthDate: string;
  idNumber: string;
  mobile: string | null;
  joinDate: string;
  /** 'full' stands in when the status cell could not be read (the row is then not valid). */
  status: MemberStatus;
  /** 所在支部 as typed (normalized): a unit code or a unit name, resolved by the server. */
  unitRef: string;
  education: EducationLevel | null;
  specialties: string[];
}

/** Header spellings found in real rolls, mapped to the template's. */
const HEADER_ALIASES: Record<string, string> = {
  性別: '性别',
  出生年月日: '出生日期', 出生年月: '出生日期', 出生时间: '出生日期', 生日: '出生日期',
  身份证: '身份证号', 身份证号码: '身份证号', 公民身份号码: '身份证号', 公民身份证号码: '身份证号', 居民身份证号: '身份证号', 居民身份证号码: '身份证号',
  手机: '手机号', 手机号码: '手机号', 联系电话: '手机号', 联系方式: '手机号', 移动电话: '手机号',
  入党时间: '入党日期', 入党年月: '入党日期',
  状态: '党员状态', 党员类别: '党员状态', 人员类别: '党员状态', 党籍状态: '党员状态',
  所在党支部: '所在支部', 所属支部: '所在支部', 所属党支部: '所在支部', 党支部: '所在支部', 支部: '所在支部', 所在组织: '所在支部', 所属组织: '所在支部',
  文化程度: '学历', 最高学历: '学历',
  专长: '特长', 技能特长: '特长', 特长技能: '特长',
  组织代码: '组织编码', 编码: '组织编码', 上级编码: '上级组织编码', 上级组织代码: '上级组织编码', 组织类别: '组织类型', 类型: '组织类型',
};

/**
 * A header cell as the template names it: full-width → half-width, all spaces removed, a leading
 * or trailing '*' and a trailing '(必填)' / '(选填)' stripped, and known synonyms
 * (身份证号码 → 身份证号, 入党时间 → 入党日期 …) mapped to the template's name.
 */
export function normalizeHeader(h: unknown): string {
  let s = stripAllSpaces(normalizeText(h));
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/^\*+/, '').replace(/\*+$/, '').replace(/[(\[【](必填|选填|可选|必须|必填项)[)\]】]$/, '');
  }
  return Object.prototype.hasOwnProperty.call(HEADER_ALIASES, s) ? HEADER_ALIASES[s] : s;
}

/** The required headers (in template order) not found among `headers`. Defaults to the member roll's. */
export function findMissingHeaders(headers: readonly unknown[], required: readonly string[] = MEMBER_IMPORT_REQUIRED_HEADERS): string[] {
  const present = new Set(headers.map(normalizeHeader));
  return required.filter((h) => !present.has(normalizeHeader(h)));
}

/** The row's cells keyed by normalized header; the first non-blank value wins. */
export function normalizeCells(cells: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(cells)) {
    const h = normalizeHeader(key);
    if (!out.has(h) || (isBlank(out.get(h)) && !isBlank(value))) out.set(h, value);
  }
  return out;
}

export function makeImportError(row: number, column: string, code: MessageCode, locale: Locale, params?: Record<string, string | number>): ImportError {
  const e: ImportError = { row, column, code, message: message(code, locale, params) };
  if (params) e.params = params;
  return e;
}

/**
 * What a date cell that could not be read is carried on as: the text as typed, so that checking
 * the row again with validateMember reports the same error. A spreadsheet date or serial number
 * that names no real day (Excel's 1900-02-29) is carried as '0000-00-00', which is invalid too.
 */
function dateText(raw: unknown, code: DateCode): string {
  if (typeof raw === 'string') return stripAllSpaces(normalizeText(raw));
  return code === 'date.invalid' ? '0000-00-00' : normalizeText(raw);
}

const FIELD_COLUMN: Record<string, MemberImportHeader> = {
  name: '姓名', gender: '性别', birthDate: '出生日期', idNumber: '身份证号', joinDate: '入党日期', status: '党员状态',
};

/**
 * Reads the rows of a member roll. Every wrong cell is reported, not only the first of a row.
 * - completely empty rows are skipped;
 * - 性别 may be left empty when the ID number gives it, as may 出生日期; when both are given they
 *   must agree with the ID number (errors on 性别 / 出生日期);
 * - an ID number repeated within the file is reported on each later row, naming the first;
 * - 民族, 手机号, 学历 and 特长 are optional but checked when present.
 * `members` holds every non-empty row in file order; rows with errors have `valid: false` and
 * carry the text as typed in their wrong fields.
 */
export function parseMemberImportRows(
  rows: ReadonlyArray<ImportRow>,
  today: string,
  locale: Locale,
): { members: ParsedMemberRow[]; errors: ImportError[] } {
  const members: ParsedMemberRow[] = [];
  const errors: ImportError[] = [];
  const firstRowOfId = new Map<string, number>();
  const order = (c: string) => (MEMBER_IMPORT_HEADERS as readonly string[]).indexOf(c);

  for (const row of rows) {
    const cells = normalizeCells(row.cells);
    const cell = (h: MemberImportHeader) => cells.get(h);
    if ([...cells.values()].every(isBlank)) continue;

    const rowErrors: ImportError[] = [];
    const fail = (column: MemberImportHeader, code: MessageCode, params?: Record<string, string | number>) => {
      if (!rowErrors.some((e) => e.column === column)) rowErrors.push(makeImportError(row.rowNumber, column, code, locale, params));
    };

    const name = normalizeName(cell('姓名'));

    // 身份证号 first: 性别 and 出生日期 may come from it.
    const id = parseIdNumber(cell('身份证号'), today);
    const idNumber = id.ok ? id.value : normalizeIdNumber(cell('身份证号'));
    if (!id.ok) fail('身份证号', id.code);
    else if (firstRowOfId.has(id.value)) fail('身份证号', 'import.id_duplicate_in_file', { row: firstRowOfId.get(id.value)! });
    else firstRowOfId.set(id.value, row.rowNumber);

    const genderText = normalizeText(cell('性别'));
    let gender: string = genderText;
    if (!genderText) {
      if (id.ok) gender = id.gender;
      else fail('性别', 'member.gender_required');
    } else {
      const g: Gender | undefined = parseEnum('gender', genderText);
      if (g) gender = g;
      else fail('性别', 'member.gender_invalid', { value: genderText });
    }

    let birthDate: string;
    const birth = parseDate(cell('出生日期'));
    if (birth.ok) birthDate = birth.value;
    else if (birth.code === 'date.required' && id.ok) birthDate = id.birthDate;
    else {
      birthDate = dateText(cell('出生日期'), birth.code);
      fail('出生日期', birth.code);
    }

    const join = parseDate(cell('入党日期'));
    const joinDate = join.ok ? join.value : dateText(cell('入党日期'), join.code);
    if (!join.ok) fail('入党日期', join.code);

    const statusText = normalizeText(cell('党员状态'));
    const status = parseEnum('memberStatus', statusText);
    if (!statusText) fail('党员状态', 'member.status_required');
    else if (!status) fail('党员状态', 'member.status_invalid', { value: statusText });

    // Name, dates and the ID number's agreement with them: the same rules as the member form.
    for (const issue of validateMember({ name, gender, birthDate, idNumber: id.ok ? id.value : null, joinDate, status: status ?? 'full' }, today)) {
      const column = FIELD_COLUMN[issue.field];
      if (column) fail(column, issue.code, issue.params);
    }

    const ethnicityText = normalizeText(cell('民族'));
    let ethnicity: string | null = null;
    if (ethnicityText) {
      const known = parseEnum('ethnicity', ethnicityText);
      ethnicity = known ?? ethnicityText;
      if (!known) fail('民族', 'member.ethnicity_unknown', { value: ethnicityText });
    }

    let mobile: string | null = null;
    if (!isBlank(cell('手机号'))) {
      const m = parseMobile(cell('手机号'));
      if (m.ok) mobile = m.value;
      else {
        mobile = normalizeText(cell('手机号'));
        fail('手机号', m.code);
      }
    }

    const unitRef = normalizeText(cell('所在支部'));
    if (!unitRef) fail('所在支部', 'member.unit_required');

    const educationText = normalizeText(cell('学历'));
    let education: EducationLevel | null = null;
    if (educationText) {
      education = parseEnum('education', educationText) ?? null;
      if (!education) fail('学历', 'member.education_unknown', { value: educationText });
    }

    rowErrors.sort((a, b) => order(a.column) - order(b.column));
    errors.push(...rowErrors);
    members.push({
      rowNumber: row.rowNumber,
      valid: rowErrors.length === 0,
      name,
      gender,
      ethnicity,
      birthDate,
      idNumber,
      mobile,
      joinDate,
      status: status ?? 'full',
      unitRef,
      education,
      specialties: splitSpecialties(cell('特长')),
    });
  }
  return { members, errors };
}

