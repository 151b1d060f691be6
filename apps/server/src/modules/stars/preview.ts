// 星级预览: which stars each member of a subtree would get now, from the ledger and the scheme in
// force for their unit. A page of members is evaluated in full; the counts per number of stars
// (the chart, and the filter) come from a batch over the whole subtree.
import { Writable } from 'node:stream';
import { STAR_DIMENSIONS, type StarEvaluation } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { requireUnitAccess } from '../../core/access.ts';
import { notFound } from '../../core/errors.ts';
import { effectiveRules } from '../points/rules.ts';
import { loadExcel } from '../rolls/sheet.ts';
import { evaluateMembers, evaluateSubtree, schemeFor } from './compute.ts';
import { disqualifierText, presentEvaluation, type RuleNames } from './present.ts';
import * as repo from './repo.ts';

async function ruleNamesOf(db: Db, unitId: number): Promise<RuleNames> {
  return new Map((await effectiveRules(db, unitId)).map((r) => [r.code, r.name]));
}

export interface Distribution {
  /** Members per number of stars, 0 to 5. */
  byStars: number[];
  /** Members kept from every star by a disqualifier (counted under 0 stars as well). */
  disqualified: number;
  total: number;
}

/** The counts of the whole subtree, and (when asked) the star count of every member. */
export async function distribution(db: Db, unitId: number, period: string, keepCounts: boolean): Promise<{ distribution: Distribution; countOf: Map<number, number> | null }> {
  const byStars = STAR_DIMENSIONS.map(() => 0).concat(0);
  const countOf = keepCounts ? new Map<number, number>() : null;
  let disqualified = 0;
  const total = await evaluateSubtree(db, unitId, period, (results) => {
    for (const [id, e] of results) {
      byStars[e.stars.length]++;
      if (e.disqualified.length) disqualified++;
      countOf?.set(id, e.stars.length);
    }
  });
  return { distribution: { byStars, disqualified, total }, countOf };
}

/**
 * Above this many members (a county, a city) the batch takes seconds, so its result is kept for a
 * few minutes and used again while nothing it depends on has visibly changed: no new ledger entry,
 * no scheme saved or removed, no member come or gone. Paging and filtering are then instant.
 */
const LARGE_SUBTREE = 5000;
const KEEP_MS = 5 * 60_000;
const kept = new Map<string, { stamp: string; at: number; result: Awaited<ReturnType<typeof distribution>> }>();

async function stampOf(db: Db, unitId: number) {
  const [entry, schemes, unit] = await Promise.all([
    db.selectFrom('points_entry').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst(),
    db.selectFrom('star_scheme').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirst(),
    db.selectFrom('unit').select('subtree_member_count').where('id', '=', unitId).executeTakeFirst(),
  ]);
  return { stamp: `${entry?.id}|${schemes?.n}|${schemes?.at}|${unit?.subtree_member_count}`, size: unit?.subtree_member_count ?? 0 };
}

async function subtreeDistribution(ctx: RequestCtx, unitId: number, period: string, keepCounts: boolean) {
  const db = ctx.deps.database.db;
  const { stamp, size } = await stampOf(db, unitId);
  if (size <= LARGE_SUBTREE) return distribution(db, unitId, period, keepCounts);
  const key = `${unitId}|${period}`;
  const now = ctx.deps.now().getTime();
  const hit = kept.get(key);
  if (hit && hit.stamp === stamp && now - hit.at < KEEP_MS) return hit.result;
  const result = await distribution(db, unitId, period, true);
  for (const [k, v] of kept) if (now - v.at >= KEEP_MS) kept.delete(k);
  kept.set(key, { stamp, at: now, result });
  return result;
}

export async function preview(ctx: RequestCtx, q: { unitId: number; period: string; page: number; pageSize: number; stars?: number }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'evaluation.read', q.unitId);
  const [{ distribution: counts, countOf }, members, inForce, ruleNames] = await Promise.all([
    subtreeDistribution(ctx, q.unitId, q.period, q.stars !== undefined),
    repo.subtreeMembers(db, q.unitId),
    schemeFor(db, q.unitId, q.period),
    ruleNamesOf(db, q.unitId),
  ]);
  const listed = q.stars !== undefined && countOf ? members.filter((m) => countOf.get(m.id) === q.stars) : members;
  const page = listed.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const [evaluations, names, schemes] = await Promise.all([
    evaluateMembers(db, page, q.period),
    repo.memberNames(db, page.map((m) => m.id)),
    // Each member is shown against the scheme of their own unit (a village may have its own).
    Promise.all([...new Set(page.map((m) => m.unit_id))].map(async (u) => [u, (await schemeFor(db, u, q.period)).scheme] as const)).then((e) => new Map(e)),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  return {
    unitId: q.unitId,
    period: q.period,
    dimensions: inForce.scheme.dimensions.map((d) => ({ code: d.code, name: d.name, description: d.description })),
    distribution: counts,
    total: listed.length,
    page: q.page,
    pageSize: q.pageSize,
    items: page.map((m) => ({
      memberId: m.id,
      name: nameOf.get(m.id)?.name ?? '',
      unit: { id: m.unit_id, name: nameOf.get(m.id)?.unit_name ?? '' },
      ...presentEvaluation(evaluations.get(m.id)!, schemes.get(m.unit_id)!, ruleNames),
    })),
  };
}

/**
 * Writes the whole subtree's preview as .xlsx to `out`, streamed: 200,000 members never sit in
 * memory at once. `onProgress` hears after every chunk.
 */
export async function writePreviewWorkbook(db: Db, unitId: number, period: string, out: Writable, onProgress?: (done: number, total: number) => void) {
  const unit = await repo.unitRef(db, unitId);
  if (!unit) throw notFound();
  const inForce = await schemeFor(db, unitId, period);
  const ruleNames = await ruleNamesOf(db, unitId);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(`${period} 星级预览`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dims = inForce.scheme.dimensions;
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '所在组织', key: 'unit', width: 30 },
    { header: '星数', key: 'count', width: 8 },
    { header: '点亮的星', key: 'stars', width: 36 },
    ...dims.map((d) => ({ header: `${d.name}（积分/门槛）`, key: d.code, width: 18 })),
    { header: '不能评星的原因', key: 'disqualified', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const nameOfDim = (code: string) => dims.find((d) => d.code === code)?.name ?? code;
  const total = await evaluateSubtree(db, unitId, period, async (results, done, all) => {
    const names = new Map((await repo.memberNames(db, [...results.keys()])).map((n) => [n.id, n]));
    for (const [id, e] of results as Map<number, StarEvaluation>) {
      const n = names.get(id);
      const row: Record<string, string | number> = {
        name: n?.name ?? '',
        unit: n?.unit_name ?? '',
        count: e.stars.length,
        stars: e.stars.map(nameOfDim).join('、'),
        disqualified: e.disqualified.map((d) => disqualifierText(d, ruleNames)).join('；'),
      };
      for (const d of e.dimensions) row[d.code] = `${d.points}/${d.minPoints}${d.minEntries ? `（${d.entries}/${d.minEntries} 次）` : ''}${d.met ? ' ✓' : ''}`;
      ws.addRow(row).commit();
    }
    onProgress?.(done, all);
  });
  ws.commit();
  await wb.commit();
  return { total, name: `${unit.name}${period}星级预览` };
}

/** The export as one buffer, for the HTTP answer. */
export async function exportPreview(ctx: RequestCtx, q: { unitId: number; period: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'evaluation.read', q.unitId);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const { name } = await writePreviewWorkbook(db, q.unitId, q.period, sink);
  return { buffer: Buffer.concat(chunks), name };
}
