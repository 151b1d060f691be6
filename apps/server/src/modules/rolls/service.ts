// Importing and exporting the rolls: members and units. An import is all or nothing: every wrong
// row is reported with its Excel row number, column and a message, and a file with any wrong row
// writes nothing.
import {
  EDUCATION_LEVELS, ETHNICITIES, MEMBER_IMPORT_HEADERS, MEMBER_IMPORT_REQUIRED_HEADERS, UNIT_IMPORT_HEADERS, UNIT_IMPORT_REQUIRED_HEADERS, enumLabel, findMissingHeaders, message,
  parseMemberImportRows, parseUnitImportRows, todayYmd, UNIT_KINDS, type MessageCode, type ParsedMemberRow,
} from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, scopeOf } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit, recordAuditBatch } from '../../core/audit.ts';
import type { UnitRow } from '../../db/schema.ts';
import { refreshStatistics } from '../../db/dialect.ts';
import * as unitRepo from '../units/repo.ts';
import * as memberRepo from '../members/repo.ts';
import { checkedMemberRow, memberFilter, type ListQuery } from '../members/service.ts';
import { addHelpSheet, addTable, exportWorkbook, newWorkbook, readSheet, SheetError, workbookBuffer, type Sheet } from './sheet.ts';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  total: number;
  imported: number;
  errors: ImportError[];
  preview: Array<Record<string, unknown>>;
}

/** Where a field of the member form lives in the roll, for errors found after parsing. */
const MEMBER_FIELD_COLUMN: Record<string, string> = {
  name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '身份证号', mobile: '手机号',
  joinDate: '入党日期', status: '党员状态', fullMemberDate: '入党日期', unitId: '所在支部', education: '学历', specialties: '特长',
};

/** Reads an uploaded roll and checks it has rows and the required headers (errors in the user's language). */
export async function loadSheet(buf: Buffer, filename: string, required: readonly string[]): Promise<Sheet> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(buf, filename);
  } catch (e) {
    if (e instanceof SheetError) throw new AppError(400, 'error.file_unreadable');
    throw e;
  }
  if (sheet.rows.length === 0) throw new AppError(400, 'error.file_empty');
  const missing = findMissingHeaders(sheet.headers, required);
  if (missing.length) {
    throw new AppError(400, 'error.import_header_missing', missing.map((column) => ({ field: column, code: 'error.import_header_missing', params: { column } })), { column: missing.join('、') });
  }
  return sheet;
}

function err(ctx: RequestCtx, row: number, column: string, code: MessageCode, params?: Record<string, string | number>): ImportError {
  return { row, column, message: message(code, ctx.locale, params) };
}

function byRow(a: ImportError, b: ImportError) {
  return a.row - b.row;
}

/** Resolves 所在支部 (a unit code, or a unique unit name) to units the caller may import into. */
async function resolveUnits(ctx: RequestCtx, db: Db, refs: string[]) {
  const auth = ctx.auth!;
  const unique = [...new Set(refs)];
  const [byCode, byName] = await Promise.all([unitRepo.findByCodes(db, unique), unitRepo.findByNames(db, unique)]);
  const resolved = new Map<string, { unit?: UnitRow; problem?: MessageCode }>();
  const allowed = new Map<number, boolean>();
  const allowedFor = async (u: UnitRow) => {
    if (!allowed.has(u.id)) allowed.set(u.id, await canAccessUnit(db, auth, 'member.import', u.id));
    return allowed.get(u.id)!;
  };
  for (const ref of unique) {
    const code = byCode.find((u) => u.code === ref);
    const names = byName.filter((u) => u.name === ref);
    const candidates = code ? [code] : names;
    // Units outside the caller's scope are treated as unknown: the import never reveals them.
    const visible = [];
    for (const u of candidates) if (!u.archived_at && (await allowedFor(u))) visible.push(u);
    if (visible.length === 1) resolved.set(ref, { unit: visible[0] });
    else if (visible.length > 1) resolved.set(ref, { problem: 'import.unit_ambiguous' });
    else resolved.set(ref, { problem: 'import.unit_unknown' });
  }
  return resolved;
}

function previewRow(p: ParsedMemberRow, unit: UnitRow | undefined, locale: RequestCtx['locale']) {
  return {
    row: p.rowNumber,
    name: p.name,
    gender: enumLabel('gender', p.gender, locale),
    birthDate: p.birthDate,
    idNumber: p.idNumber.slice(0, 4) + '**********' + p.idNumber.slice(-4),
    joinDate: p.joinDate,
    status: enumLabel('memberStatus', p.status, locale),
    unit: unit ? `${unit.name}` : p.unitRef,
  };
}

export async function importMembers(ctx: RequestCtx, file: { buffer: Buffer; filename: string }, opts: { dryRun: boolean }): Promise<ImportReport> {
  requirePermission(ctx.auth, 'member.import');
  const { db } = ctx.deps.database;
  const sheet = await loadSheet(file.buffer, file.filename, MEMBER_IMPORT_REQUIRED_HEADERS);
  const today = todayYmd(ctx.deps.now());
  const parsed = parseMemberImportRows(sheet.rows, today, ctx.locale);
  const errors: ImportError[] = parsed.errors.map((e) => ({ row: e.row, column: e.column, message: e.message }));

  const units = await resolveUnits(ctx, db, parsed.members.map((m) => m.unitRef));
  const existing = await memberRepo.existingIdHashes(db, parsed.members.map((m) => ctx.deps.cipher.blindIndex(m.idNumber)));
  const now = nowIso(ctx.deps);
  const rows: Array<{ row: Awaited<ReturnType<typeof checkedMemberRow>>['row']; parsed: ParsedMemberRow; unit: UnitRow }> = [];
  const specialtyCache = new Map<number, Set<string>>();
  for (const m of parsed.members) {
    const target = units.get(m.unitRef)!;
    if (!target.unit) {
      errors.push(err(ctx, m.rowNumber, '所在支部', target.problem!, { value: m.unitRef }));
      continue;
    }
    if (!specialtyCache.has(target.unit.id)) specialtyCache.set(target.unit.id, new Set(await memberRepo.specialtiesFor(db, target.unit.id)));
    const { row, issues } = await checkedMemberRow(db, ctx.deps.cipher, { ...m, unitId: target.unit.id }, today, now, specialtyCache.get(target.unit.id));
    for (const issue of issues) {
      errors.push(err(ctx, m.rowNumber, MEMBER_FIELD_COLUMN[issue.field] ?? issue.field, issue.code as MessageCode, issue.params));
    }
    if (existing.has(row.id_number_hash)) errors.push(err(ctx, m.rowNumber, '身份证号', 'import.id_exists'));
    rows.push({ row, parsed: m, unit: target.unit });
  }
  // The domain parser reports each wrong cell once; the server's own checks may repeat one.
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.row}|${e.column}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort(byRow);
  const report: ImportReport = {
    ok: unique.length === 0,
    dryRun: opts.dryRun,
    total: sheet.rows.length,
    imported: 0,
    errors: unique,
    preview: rows.slice(0, 20).map((r) => previewRow(r.parsed, r.unit, ctx.locale)),
  };
  if (!report.ok || opts.dryRun) return report;

  await db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: someone may have registered the same person meanwhile.
    const racing = await memberRepo.existingIdHashes(trx, rows.map((r) => r.row.id_number_hash));
    if (racing.size) throw new AppError(409, 'import.id_exists');
    const ids = await memberRepo.insertMembers(trx, rows.map((r) => r.row));
    const perUnit = new Map<number, { all: number; full: number }>();
    for (const r of rows) {
      const n = perUnit.get(r.unit.id) ?? { all: 0, full: 0 };
      n.all += 1;
      if (r.row.status === 'full') n.full += 1;
      perUnit.set(r.unit.id, n);
    }
    for (const [unitId, n] of perUnit) await unitRepo.adjustMemberCount(trx, unitId, n.all, n.full);
    await recordAuditBatch(trx, ctx, rows.map((r, i) => ({
      entityType: 'member', entityId: ids[i], unitId: r.unit.id, action: 'member.import',
      after: { name: r.row.name, id_number_masked: r.row.id_number_masked, unit: r.unit.code, file: file.filename, row: r.parsed.rowNumber },
    })));
  });
  report.imported = rows.length;
  if (rows.length >= 1000) await refreshStatistics(db, ctx.deps.database.dialect, memberRepo.BULK_TABLES);
  return report;
}

export async function importUnits(ctx: RequestCtx, file: { buffer: Buffer; filename: string }, opts: { dryRun: boolean }): Promise<ImportReport> {
  const auth = requirePermission(ctx.auth, 'unit.write');
  const { db } = ctx.deps.database;
  const sheet = await loadSheet(file.buffer, file.filename, UNIT_IMPORT_REQUIRED_HEADERS);
  const parsed = parseUnitImportRows(sheet.rows, ctx.locale);
  const errors: ImportError[] = parsed.errors.map((e) => ({ row: e.row, column: e.column, message: e.message }));
  const inFile = new Set(parsed.units.map((u) => u.code));
  const existing = new Map((await unitRepo.findByCodes(db, [...new Set(parsed.units.flatMap((u) => [u.code, u.parentCode ?? '']).filter(Boolean))])).map((u) => [u.code, u]));
  const global = scopeOf(auth, 'unit.write').global;
  for (const u of parsed.units) {
    if (existing.has(u.code)) errors.push(err(ctx, u.rowNumber, '组织编码', 'import.code_exists', { value: u.code }));
    if (u.parentCode === null) {
      if (!global) errors.push(err(ctx, u.rowNumber, '上级组织编码', 'import.parent_required'));
    } else if (!inFile.has(u.parentCode)) {
      const parent = existing.get(u.parentCode);
      if (!parent || parent.archived_at || !(await canAccessUnit(db, auth, 'unit.write', parent.id))) {
        errors.push(err(ctx, u.rowNumber, '上级组织编码', 'import.parent_unknown', { value: u.parentCode }));
      }
    }
  }
  errors.sort(byRow);
  const report: ImportReport = {
    ok: errors.length === 0,
    dryRun: opts.dryRun,
    total: sheet.rows.length,
    imported: 0,
    errors,
    preview: parsed.units.slice(0, 20).map((u) => ({ row: u.rowNumber, code: u.code, name: u.name, kind: enumLabel('unitKind', u.kind, ctx.locale), parentCode: u.parentCode })),
  };
  if (!report.ok || opts.dryRun) return report;
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    const now = nowIso(ctx.deps);
    // The domain parser returns parents before their children.
    for (const u of parsed.units) {
      const parentId = u.parentCode === null ? null : (ids.get(u.parentCode) ?? existing.get(u.parentCode)!.id);
      const id = await unitRepo.insertUnit(trx, { code: u.code, name: u.name, kind: u.kind, parent_id: parentId, phone: null, founded_on: null, now });
      ids.set(u.code, id);
    }
    await recordAuditBatch(trx, ctx, parsed.units.map((u) => ({ entityType: 'unit', entityId: ids.get(u.code)!, unitId: ids.get(u.code)!, action: 'unit.import', after: { code: u.code, name: u.name, kind: u.kind, parentCode: u.parentCode, file: file.filename } })));
  });
  report.imported = parsed.units.length;
  return report;
}

export async function memberTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = addTable(wb, '党员名册', MEMBER_IMPORT_HEADERS.map((header) => ({ header, width: header === '身份证号' ? 22 : header === '特长' ? 24 : 13 })));
  const list = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  for (let r = 2; r <= 2000; r++) {
    ws.getCell(r, MEMBER_IMPORT_HEADERS.indexOf('性别') + 1).dataValidation = list(['男', '女']);
    ws.getCell(r, MEMBER_IMPORT_HEADERS.indexOf('党员状态') + 1).dataValidation = list(['正式党员', '预备党员']);
    ws.getCell(r, MEMBER_IMPORT_HEADERS.indexOf('学历') + 1).dataValidation = list(EDUCATION_LEVELS.map((e) => enumLabel('education', typeof e === 'string' ? e : e.value, 'zh-CN')));
    ws.getCell(r, MEMBER_IMPORT_HEADERS.indexOf('身份证号') + 1).numFmt = '@';
  }
  addHelpSheet(wb, [
    '1. 第一行为表头，请勿修改；从第二行起每行一名党员。',
    '2. 必填：姓名、性别、出生日期、身份证号、入党日期、党员状态、所在支部。',
    '3. 日期可写作 1985-03-12、1985/3/12、1985.03.12、1985年3月12日 或 19850312。',
    '4. 身份证号为 18 位，末位可为 X；请将该列设为“文本”格式，以免 Excel 丢失末尾数字。',
    '5. 所在支部填写组织编码，或唯一的组织名称。',
    '6. 特长可填写多项，用“、”或“,”分隔。',
    `7. 民族请填写全称，例如：${ETHNICITIES.slice(0, 4).map((e) => (typeof e === 'string' ? e : e.value)).join('、')}。`,
    '8. 任何一行有误时整个文件都不会导入，请按错误列表修改后重新上传。',
  ]);
  return workbookBuffer(wb);
}

export async function unitTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = addTable(wb, '组织', UNIT_IMPORT_HEADERS.map((header) => ({ header, width: header === '组织名称' ? 30 : 16 })));
  const kinds = UNIT_KINDS.map((k) => k.zh);
  for (let r = 2; r <= 2000; r++) {
    ws.getCell(r, UNIT_IMPORT_HEADERS.indexOf('组织类型') + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${kinds.join(',')}"`] };
  }
  addHelpSheet(wb, [
    '1. 第一行为表头，请勿修改；从第二行起每行一个组织。',
    '2. 组织编码：1–32 位字母、数字、下划线或短横线，全系统唯一，例如 QH001002B。',
    `3. 组织类型：${kinds.join('、')}。`,
    '4. 上级组织编码：已在系统中的组织，或本文件中的另一行；顺序不限。只有系统管理员可以导入没有上级的组织。',
    '5. 任何一行有误时整个文件都不会导入，请按错误列表修改后重新上传。',
  ]);
  return workbookBuffer(wb);
}

export async function exportMembers(ctx: RequestCtx, query: Omit<ListQuery, 'page' | 'pageSize'> & { unmasked: boolean }): Promise<Buffer> {
  const { db, dialect } = ctx.deps.database;
  const filter = await memberFilter(ctx, query, 'member.export');
  if (query.unmasked) {
    // Unmasked exports need the unmask permission over the whole exported range.
    const auth = requirePermission(ctx.auth, 'member.unmask');
    if (query.unitId === undefined ? !scopeOf(auth, 'member.unmask').global : !(await canAccessUnit(db, auth, 'member.unmask', query.unitId))) {
      throw new AppError(403, 'error.forbidden');
    }
  }
  const wb = await exportWorkbook();
  const ws = wb.addTable('党员名册', [...MEMBER_IMPORT_HEADERS, '职业'].map((header) => ({ header, width: header === '身份证号' ? 22 : 13 })));
  let count = 0;
  for await (const batch of memberRepo.listAll(db, dialect, filter)) {
    for (const m of batch) {
      ws.addRow([
        m.name,
        enumLabel('gender', m.gender, 'zh-CN'),
        m.ethnicity ?? '',
        m.birth_date,
        query.unmasked ? ctx.deps.cipher.decrypt(m.id_number_enc) : m.id_number_masked,
        query.unmasked ? (m.mobile_enc ? ctx.deps.cipher.decrypt(m.mobile_enc) : '') : (m.mobile_masked ?? ''),
        m.join_date,
        enumLabel('memberStatus', m.status, 'zh-CN'),
        m.unit_code,
        m.education ? enumLabel('education', m.education, 'zh-CN') : '',
        m.specialties ? m.specialties.split('|').join('、') : '',
        m.occupation ?? '',
      ]);
      count++;
    }
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, ctx, { entityType: 'member', entityId: 'export', unitId: query.unitId ?? null, action: query.unmasked ? 'member.export_unmasked' : 'member.export', after: { count, filter: { ...query } } }),
  );
  return wb.buffer();
}
