// Points in and out of Excel: the ledger, the figures and the board of a subtree as .xlsx, and a
// bulk import of base points (the attendance sheet of a meeting) checked row by row — every wrong
// row reported with its row number, column and message, and nothing written unless all are right.
import { message, normalizeText, parseDate, parseIdNumber, periodOf, type MessageCode } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { canAccessUnit, requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { addHelpSheet, addTable, exportWorkbook, newWorkbook, readSheet, SheetError, workbookBuffer } from '../rolls/sheet.ts';
import type { ImportError, ImportReport } from '../rolls/service.ts';
import { today } from './common.ts';
import { bookUnderRule } from './entries.ts';
import { settingsFor } from './ledger.ts';
import { topStandings } from './board.ts';
import { effectiveRules } from './rules.ts';

export const POINTS_IMPORT_HEADERS = ['身份证号', '姓名', '规则编码', '分值', '日期', '事由'] as const;
const REQUIRED = ['身份证号', '姓名', '规则编码', '日期'];
/** More rows than this are refused: a sheet that large is not one meeting's attendance. */
const MAX_IMPORT_ROWS = 20_000;
/** An export stops here and says so in its last row. */
const MAX_EXPORT_ROWS = 200_000;

const ACCOUNT_LABEL: Record<string, string> = { base: '基础分', bonus: '加分', deduction: '扣分', redemption: '兑换' };
const SOURCE_LABEL: Record<string, string> = { claim: '申报', task: '任务', violation: '违反“十不为”', import: '导入', manual: '记分', shop: '积分超市', correction: '冲正' };

async function subtreeUnit(ctx: RequestCtx, unitId: number, permission: 'points.read' | 'points.approve') {
  const auth = requirePermission(ctx.auth, permission);
  const db = ctx.deps.database.db;
  if (!(await canAccessUnit(db, auth, permission, unitId))) throw notFound();
  return db.selectFrom('unit').select(['id', 'name']).where('id', '=', unitId).executeTakeFirstOrThrow();
}

export async function exportPoints(ctx: RequestCtx, q: { unitId: number; period?: string; what: 'ledger' | 'figures' | 'board' }) {
  const unit = await subtreeUnit(ctx, q.unitId, 'points.read');
  const db = ctx.deps.database.db;
  const settings = await settingsFor(db, q.unitId);
  const period = q.period ?? periodOf(today(ctx), settings.periodKind);
  const subtree = db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId);
  const wb = await exportWorkbook();
  if (q.what === 'figures') {
    const ws = wb.addTable(`${period} 积分`, [{ header: '姓名' }, { header: '所在组织', width: 30 }, { header: '基础分' }, { header: '加分' }, { header: '扣分' }, { header: '积分' }, { header: '已兑换' }, { header: '一票否决' }]);
    const rows = await db
      .selectFrom('member as m')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .leftJoin('points_tally as t', (j) => j.onRef('t.member_id', '=', 'm.id').on('t.period', '=', period))
      .select(['m.name', 'u.name as unit_name', 't.base', 't.bonus', 't.deduction', 't.score', 't.redeemed', 't.vetoes'])
      .where('m.unit_id', 'in', subtree)
      .orderBy('u.code')
      .orderBy('m.name_pinyin')
      .execute();
    for (const r of rows) ws.addRow([r.name, r.unit_name, r.base ?? 0, r.bonus ?? 0, r.deduction ?? 0, r.score ?? 0, r.redeemed ?? 0, (r.vetoes ?? 0) > 0 ? '是' : '']);
    return { buffer: await wb.buffer(), name: `${unit.name}${period}积分` };
  }
  if (q.what === 'board') {
    if (!settings.boardEnabled) throw new AppError(422, 'points.board_disabled');
    const ws = wb.addTable(`${period} 先锋榜`, [{ header: '名次' }, { header: '姓名' }, { header: '所在组织', width: 30 }, { header: '积分' }, { header: '扣分' }]);
    for (const r of await topStandings(db, q.unitId, period, 1000)) ws.addRow([r.rank, r.name, r.unitName, r.score, r.deduction]);
    return { buffer: await wb.buffer(), name: `${unit.name}${period}先锋榜` };
  }
  const ws = wb.addTable(`${period} 积分台账`, [
    { header: '日期', width: 12 }, { header: '姓名' }, { header: '所在组织', width: 30 }, { header: '账户' }, { header: '分值' }, { header: '规则编码' },
    { header: '规则', width: 22 }, { header: '事由', width: 30 }, { header: '来源' }, { header: '冲正记录号' }, { header: '记录号' }, { header: '记录时间', width: 22 },
  ]);
  const rows = await db
    .selectFrom('points_entry as e')
    .innerJoin('member as m', 'm.id', 'e.member_id')
    .innerJoin('unit as u', 'u.id', 'e.unit_id')
    .leftJoin('points_rule as r', 'r.id', 'e.rule_id')
    .select(['e.id', 'e.occurred_on', 'm.name', 'u.name as unit_name', 'e.account', 'e.points', 'e.rule_code', 'r.name as rule_name', 'e.reason', 'e.source', 'e.reverses_id', 'e.created_at'])
    .where('e.unit_id', 'in', subtree)
    .where('e.period', '=', period)
    .orderBy('e.id')
    .limit(MAX_EXPORT_ROWS + 1)
    .execute();
  for (const r of rows.slice(0, MAX_EXPORT_ROWS)) {
    ws.addRow([r.occurred_on, r.name, r.unit_name, ACCOUNT_LABEL[r.account] ?? r.account, r.points, r.rule_code ?? '', r.rule_name ?? '', r.reason, SOURCE_LABEL[r.source] ?? r.source, r.reverses_id ?? '', r.id, r.created_at]);
  }
  if (rows.length > MAX_EXPORT_ROWS) ws.addRow([`仅导出前 ${MAX_EXPORT_ROWS} 条，请选择更小的组织范围`]);
  return { buffer: await wb.buffer(), name: `${unit.name}${period}积分台账` };
}

export async function importTemplate() {
  const wb = await newWorkbook();
  const ws = addTable(wb, '基础分导入', POINTS_IMPORT_HEADERS.map((header) => ({ header, width: header === '身份证号' ? 22 : header === '事由' ? 30 : 12 })));
  for (let r = 2; r <= 2000; r++) ws.getCell(r, 1).numFmt = '@';
  addHelpSheet(wb, [
    '1. 每行记一笔积分：身份证号、姓名用于核对党员；规则编码见“积分规则”页面（例如 JC01 参加支部党员大会）。',
    '2. 分值：固定分值的规则可不填；有分值范围的规则必须填写范围内的整数。',
    '3. 日期可写作 2026-03-12、2026/3/12、2026.03.12、2026年3月12日 或 20260312，不能晚于今天。',
    '4. 上限和周期按规则检查；任何一行有误时整个文件都不会导入。',
  ]);
  return workbookBuffer(wb);
}

class Rollback extends Error {}

/** Imports base (and bonus) points for members of a unit's subtree. */
export async function importPoints(ctx: RequestCtx, unitId: number, file: { buffer: Buffer; filename: string }, opts: { dryRun: boolean }): Promise<ImportReport> {
  await subtreeUnit(ctx, unitId, 'points.approve');
  const db = ctx.deps.database.db;
  let sheet;
  try {
    sheet = await readSheet(file.buffer, file.filename);
  } catch (e) {
    if (e instanceof SheetError) throw new AppError(400, 'error.file_unreadable');
    throw e;
  }
  if (sheet.rows.length === 0) throw new AppError(400, 'error.file_empty');
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw new AppError(413, 'error.file_too_large');
  const missing = REQUIRED.find((h) => !sheet.headers.includes(h));
  if (missing) throw new AppError(400, 'error.import_header_missing', undefined, { column: missing });

  const errors: ImportError[] = [];
  const err = (row: number, column: string, code: MessageCode, params?: Record<string, string | number>) => errors.push({ row, column, message: message(code, ctx.locale, params) });
  const text = (v: unknown) => (v === null || v === undefined ? '' : normalizeText(String(v)));
  const subtree = db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId);
  const rulesByUnit = new Map<number, Awaited<ReturnType<typeof effectiveRules>>>();
  const parsed: Array<{ rowNumber: number; member: { id: number; name: string; unit_id: number }; rule: { id: number; code: string; name: string; points_min: number }; occurredOn: string; points: number | null; reason: string }> = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const id = parseIdNumber(text(cells['身份证号']));
    if (!id.ok) {
      err(rowNumber, '身份证号', id.code);
      continue;
    }
    const member = await db
      .selectFrom('member')
      .select(['id', 'name', 'unit_id'])
      .where('id_number_hash', '=', ctx.deps.cipher.blindIndex(id.value))
      .where('unit_id', 'in', subtree)
      .executeTakeFirst();
    if (!member) {
      err(rowNumber, '身份证号', 'points.not_in_subtree');
      continue;
    }
    if (text(cells['姓名']) !== member.name) err(rowNumber, '姓名', 'points.import_name_mismatch', { name: member.name });
    if (!rulesByUnit.has(member.unit_id)) rulesByUnit.set(member.unit_id, await effectiveRules(db, member.unit_id));
    const code = text(cells['规则编码']).toUpperCase();
    const rule = rulesByUnit.get(member.unit_id)!.find((r) => r.code.toUpperCase() === code && r.active === 1);
    if (!rule) err(rowNumber, '规则编码', 'points.import_unknown_rule', { code });
    else if (rule.account === 'deduction') err(rowNumber, '规则编码', 'points.import_no_deductions');
    const date = parseDate(cells['日期']);
    if (!date.ok) err(rowNumber, '日期', date.code);
    const rawPoints = text(cells['分值']);
    const points = rawPoints === '' ? null : Number(rawPoints);
    if (points !== null && !Number.isInteger(points)) err(rowNumber, '分值', 'points.amount_invalid', { min: rule?.points_min ?? 1, max: rule?.points_max ?? 1 });
    if (!rule || !date.ok || rule.account === 'deduction') continue;
    const key = `${member.id}|${rule.code}|${date.value}`;
    if (seen.has(key)) {
      err(rowNumber, '日期', 'points.import_duplicate_row', { row: seen.get(key)! });
      continue;
    }
    seen.set(key, rowNumber);
    parsed.push({ rowNumber, member, rule, occurredOn: date.value, points, reason: text(cells['事由']) || rule.name });
  }

  // Caps, cycles, ranges and dates checked by booking every row in one transaction, which is
  // rolled back on any error, or on a dry run.
  let imported = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of parsed) {
        try {
          await bookUnderRule(trx, ctx, p.member, { ruleId: p.rule.id, occurredOn: p.occurredOn, points: p.points, reason: p.reason, source: 'import' });
          imported++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const detail = Array.isArray(e.details) ? e.details[0] : undefined;
          const column = detail?.field === 'occurredOn' ? '日期' : detail?.field === 'ruleId' ? '规则编码' : '分值';
          err(p.rowNumber, column, (detail?.code as MessageCode) ?? e.code, detail?.params ?? e.params);
        }
      }
      if (errors.length || opts.dryRun) throw new Rollback();
      await recordAudit(trx, ctx, { entityType: 'unit', entityId: unitId, unitId, action: 'points.import', after: { file: file.filename, rows: imported } });
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  errors.sort((a, b) => a.row - b.row);
  const ok = errors.length === 0;
  return {
    ok, dryRun: opts.dryRun, total: sheet.rows.length, imported: ok && !opts.dryRun ? imported : 0, errors,
    preview: parsed.slice(0, 20).map((p) => ({ row: p.rowNumber, name: p.member.name, rule: `${p.rule.code} ${p.rule.name}`, date: p.occurredOn, points: p.points ?? p.rule.points_min })),
  };
}
