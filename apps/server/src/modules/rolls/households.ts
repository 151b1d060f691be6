// Importing households (住户) of grids from Excel or CSV, like the member roll: a dry run reports
// every wrong row with its Excel row number, column and a message in the user's language; a file
// with any wrong row writes nothing; a good file is written in one transaction with an audit entry
// per household. Phones are stored encrypted and masked, as the household form stores them.
import {
  HOUSEHOLD_IMPORT_HEADERS, HOUSEHOLD_IMPORT_REQUIRED_HEADERS, VULNERABLE_CATEGORIES, maskMobile, message, parseHouseholdImportRows,
  type MessageCode, type ParsedHouseholdRow,
} from '@xianfeng/domain';
import { canAccessUnit, requirePermission } from '../../core/access.ts';
import { recordAuditBatch } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import type { UnitRow } from '../../db/schema.ts';
import * as households from '../households/repo.ts';
import * as unitRepo from '../units/repo.ts';
import { loadSheet, type ImportError, type ImportReport } from './service.ts';
import { addHelpSheet, addTable, newWorkbook, workbookBuffer } from './sheet.ts';

/**
 * Resolves 所在网格 (a unit code, or a unique unit name) to grids, villages or communities the
 * caller keeps households for. Units outside the caller's scope are treated as unknown: the
 * import never reveals them.
 */
async function resolveUnits(ctx: RequestCtx, db: Db, refs: string[]) {
  const auth = ctx.auth!;
  const unique = [...new Set(refs)];
  const [byCode, byName] = await Promise.all([unitRepo.findByCodes(db, unique), unitRepo.findByNames(db, unique)]);
  const resolved = new Map<string, { unit?: UnitRow; problem?: MessageCode }>();
  for (const ref of unique) {
    const code = byCode.find((u) => u.code === ref);
    const candidates = code ? [code] : byName.filter((u) => u.name === ref);
    const visible: UnitRow[] = [];
    for (const u of candidates) if (!u.archived_at && (await canAccessUnit(db, auth, 'household.write', u.id))) visible.push(u);
    if (visible.length > 1) resolved.set(ref, { problem: 'import.unit_ambiguous' });
    else if (visible.length === 0) resolved.set(ref, { problem: 'import.unit_unknown' });
    else if (!households.FIELD_UNIT_KINDS.includes(visible[0].kind)) resolved.set(ref, { problem: 'import.household_unit_not_field' });
    else resolved.set(ref, { unit: visible[0] });
  }
  return resolved;
}

const categoryName = (value: string, locale: RequestCtx['locale']) => {
  const c = VULNERABLE_CATEGORIES.find((k) => k.value === value);
  return c ? (locale === 'en' ? c.en : c.zh) : value;
};

export async function importHouseholds(ctx: RequestCtx, file: { buffer: Buffer; filename: string }, opts: { dryRun: boolean }): Promise<ImportReport> {
  requirePermission(ctx.auth, 'household.write');
  const { db } = ctx.deps.database;
  const sheet = await loadSheet(file.buffer, file.filename, HOUSEHOLD_IMPORT_REQUIRED_HEADERS);
  const parsed = parseHouseholdImportRows(sheet.rows, ctx.locale);
  const errors: ImportError[] = parsed.errors.map((e) => ({ row: e.row, column: e.column, message: e.message }));
  const units = await resolveUnits(ctx, db, parsed.households.map((h) => h.unitRef));
  const rows: Array<{ parsed: ParsedHouseholdRow; unit: UnitRow }> = [];
  for (const h of parsed.households) {
    const target = units.get(h.unitRef)!;
    if (!target.unit) errors.push({ row: h.rowNumber, column: '所在网格', message: message(target.problem!, ctx.locale, { value: h.unitRef }) });
    else rows.push({ parsed: h, unit: target.unit });
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    ok: errors.length === 0,
    dryRun: opts.dryRun,
    total: sheet.rows.length,
    imported: 0,
    errors,
    // The preview shows what a person would check, masked as on every other screen.
    preview: rows.slice(0, 20).map(({ parsed: p, unit }) => ({
      row: p.rowNumber, unit: unit.name, address: p.address, headName: p.headName, phone: p.phone ? maskMobile(p.phone) : '', people: p.people,
      vulnerable: p.vulnerable.map((v) => `${v.name}（${categoryName(v.category, ctx.locale)}）`).join('、'),
    })),
  };
  if (!report.ok || opts.dryRun) return report;

  const now = nowIso(ctx.deps);
  const userId = ctx.auth!.userId || null;
  await db.transaction().execute(async (tx) => {
    const audits = [];
    for (const { parsed: p, unit } of rows) {
      const phone = p.phone ? { phone_enc: ctx.deps.cipher.encrypt(p.phone), phone_masked: maskMobile(p.phone) } : { phone_enc: null, phone_masked: null };
      const id = await households.insertHousehold(tx, unit.id, { address: p.address, head_name: p.headName, people: p.people, ...phone }, now);
      for (const v of p.vulnerable) await households.insertPerson(tx, id, { name: v.name, category: v.category, reason: v.reason, note: '' }, userId, now);
      audits.push({
        entityType: 'household', entityId: id, unitId: unit.id, action: 'households.import',
        after: { address: p.address, headName: p.headName, phone: phone.phone_masked, people: p.people, vulnerable: p.vulnerable, file: file.filename, row: p.rowNumber },
      });
    }
    await recordAuditBatch(tx, ctx, audits);
  });
  report.imported = rows.length;
  return report;
}

export async function householdTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = addTable(wb, '住户', HOUSEHOLD_IMPORT_HEADERS.map((header) => ({ header, width: header === '地址' ? 30 : header === '登记理由' ? 24 : 14 })));
  const categories = VULNERABLE_CATEGORIES.map((c) => c.zh);
  for (let r = 2; r <= 2000; r++) {
    ws.getCell(r, HOUSEHOLD_IMPORT_HEADERS.indexOf('人员类别') + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${categories.join(',')}"`] };
    ws.getCell(r, HOUSEHOLD_IMPORT_HEADERS.indexOf('联系电话') + 1).numFmt = '@';
  }
  addHelpSheet(wb, [
    '1. 第一行为表头，请勿修改；从第二行起每行一户。',
    '2. 必填：所在网格（组织编码或唯一的组织名称，须为网格、村或社区）、地址、户主。',
    '3. 联系电话为 11 位手机号，可不填；人数不填时按 1 人计。',
    `4. 只有确需优先转移的人员才登记：填写优先转移人员姓名（多人用“、”分隔）、人员类别（${categories.join('、')}）和登记理由，三项缺一不可。`,
    '5. 这些信息只有本网格的网格员和上级负责人可以查看，每次查看都会留下记录。',
    '6. 任何一行有误时整个文件都不会导入，请按错误列表修改后重新上传。',
  ]);
  return workbookBuffer(wb);
}
