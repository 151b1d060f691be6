// 比作风、比贡献: the members of a subtree side by side for a year. 作风 (conduct) is what the floor
// of duties shows — base points, deductions, violations of the ten don'ts; 贡献 (contribution) is
// what goes beyond it — bonus points and verified service tasks; beside them the commitment
// (published? how many progress updates?) and the stars. Read-only; built from the ledger.
import { DEFAULT_STAR_SCHEME, decodeStars } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { requireUnitAccess } from '../../core/access.ts';
import { notFound } from '../../core/errors.ts';
import { exportWorkbook } from '../rolls/sheet.ts';
import { thisYear } from './cards.ts';
import * as repo from './repo.ts';
import type { CompareQuery, ExportQuery } from './schemas.ts';

/** An export stops here and says so in its last row. */
const MAX_EXPORT_ROWS = 50_000;

type Row = Awaited<ReturnType<typeof repo.compareRows>>[number];

function present(r: Row) {
  return {
    memberId: r.memberId, name: r.name, unitName: r.unitName,
    base: r.base, deduction: r.deduction, violations: r.violations,
    bonus: r.bonus, tasks: r.tasks,
    score: r.score, vetoed: r.vetoed,
    committed: r.committed, commitment: r.content, updates: r.updates,
    stars: r.stars, starDimensions: decodeStars(r.starCodes),
  };
}

async function scope(ctx: RequestCtx, q: ExportQuery) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', q.unitId);
  const unit = await repo.unitById(db, q.unitId);
  if (!unit) throw notFound();
  return { unit, filter: { unitId: q.unitId, year: q.year ?? Number(thisYear(ctx)), sort: q.sort, order: q.order } };
}

export async function compare(ctx: RequestCtx, q: CompareQuery) {
  const db = ctx.deps.database.db;
  const { unit, filter } = await scope(ctx, q);
  const [rows, summary] = await Promise.all([
    repo.compareRows(db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.compareSummary(db, q.unitId, filter.year),
  ]);
  return {
    unit: { id: unit.id, name: unit.name }, year: filter.year, sort: filter.sort, order: filter.order,
    summary, total: summary.members, page: q.page, pageSize: q.pageSize, items: rows.map(present),
  };
}

const STAR_NAME = new Map(DEFAULT_STAR_SCHEME.dimensions.map((d) => [d.code, d.name]));

export async function exportCompare(ctx: RequestCtx, q: ExportQuery) {
  const { unit, filter } = await scope(ctx, q);
  const rows = await repo.compareRows(ctx.deps.database.db, filter, { limit: MAX_EXPORT_ROWS + 1, offset: 0 });
  const wb = await exportWorkbook();
  const ws = wb.addTable(`${filter.year} 比作风比贡献`, [
    { header: '姓名' }, { header: '所在组织', width: 30 },
    { header: '基础分' }, { header: '扣分' }, { header: '违反“十不为”(次)', width: 18 },
    { header: '加分' }, { header: '完成服务任务(次)', width: 18 },
    { header: '积分' }, { header: '一票否决' },
    { header: '已亮诺' }, { header: '承诺事项', width: 50 }, { header: '践诺进展(条)', width: 14 },
    { header: '星数' }, { header: '点亮的星', width: 40 },
  ]);
  for (const r of rows.slice(0, MAX_EXPORT_ROWS)) {
    ws.addRow([
      r.name, r.unitName, r.base, r.deduction, r.violations, r.bonus, r.tasks, r.score, r.vetoed ? '是' : '',
      r.committed ? '是' : '否', r.content ?? '', r.updates, r.stars, decodeStars(r.starCodes).map((d) => STAR_NAME.get(d) ?? d).join('、'),
    ]);
  }
  if (rows.length > MAX_EXPORT_ROWS) ws.addRow([`仅导出前 ${MAX_EXPORT_ROWS} 名党员，请选择更小的组织范围`]);
  return { buffer: await wb.buffer(), name: `${unit.name}${filter.year}年比作风比贡献` };
}
