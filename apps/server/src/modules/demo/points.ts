// Demo points for the demo county: the default catalogue and 十为十不为 adopted by the county, last
// year's and this year's ledgers (meetings, dues, study, service, flood duty, a few deductions and
// a rare veto — within every cap and cycle), claims waiting for review, task lists, a stocked shop
// in every village with orders, acknowledgements, and last year's plaques.
import { checkAward, cycleWindow, DEFAULT_CONDUCT_LIST, DEFAULT_TASKS, periodOf, type RuleAccount } from '@xianfeng/domain';
import type { Deps } from '../../core/context.ts';
import { loadLedgers, type BulkEntry } from '../points/bulk.ts';
import { book, DEFAULT_SETTINGS, reverse } from '../points/ledger.ts';
import { catalogueRows } from '../points/rules.ts';
import { topStandings } from '../points/board.ts';
import type { rng } from './generate.ts';

type Rng = ReturnType<typeof rng>;

const SHOP_GOODS: Array<[string, number]> = [['洗衣粉', 10], ['香皂', 5], ['毛巾', 8], ['食用油', 30], ['大米（10斤）', 50], ['雨伞', 20], ['保温杯', 25]];

/** `actorId`: the account that appears as having entered claims and orders for members. */
export async function generatePointsDemo(deps: Deps, r: Rng, opts: { countyId: number; actorId: number; today: string; log: (m: string) => void }) {
  const { db, dialect } = deps.database;
  const now = deps.now().toISOString();
  const year = Number(opts.today.slice(0, 4));
  const month = Number(opts.today.slice(5, 7));

  const rules = new Map<string, { id: number; code: string; account: RuleAccount; min: number; max: number; cap: number | null; cycle: number | null; perCycle: number | null; veto: boolean }>();
  await db.transaction().execute(async (trx) => {
    const rows = catalogueRows(opts.countyId, now);
    const ids = await trx.insertInto('points_rule').values(rows).returning(['id', 'code']).execute();
    for (const row of rows) {
      const id = ids.find((i) => i.code === row.code)!.id;
      rules.set(row.code, { id, code: row.code, account: row.account as RuleAccount, min: row.points_min, max: row.points_max, cap: row.cap_per_period, cycle: row.cycle_days, perCycle: row.max_per_cycle, veto: row.veto === 1 });
    }
    const list = await trx.insertInto('conduct_list').values({ unit_id: opts.countyId, published_by: null, published_at: `${year}-01-05T01:00:00.000Z` }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('conduct_item').values(DEFAULT_CONDUCT_LIST.map((i, position) => ({ list_id: list.id, position, kind: i.kind, text: i.text, rule_code: i.ruleCode ?? null }))).execute();
  });
  const listId = (await db.selectFrom('conduct_list').select('id').where('unit_id', '=', opts.countyId).executeTakeFirstOrThrow()).id;

  const members = await db.selectFrom('member').select(['id', 'unit_id', 'join_date']).orderBy('id').execute();
  const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const reasons: Record<string, string> = {
    JC01: '参加支部党员大会', JC03: '参加主题党日', JC04: '按时交纳党费', JC05: '承诺事项按期兑现', JC06: '参加集中学习', JC07: '走访联系户',
    JF01: '参加防汛巡堤值守', JF02: '参加志愿服务', JF03: '调解邻里纠纷', JF06: '获评镇级优秀党员', KF01: '无故缺席党员大会', KF02: '党费逾期未交', FJ01: '受到党纪处分',
  };

  // One member's year, kept inside every cap and cycle of the catalogue.
  const yearOf = (m: { id: number; unit_id: number; join_date: string }, y: number, lastMonth: number, full: boolean): BulkEntry[] => {
    const out: BulkEntry[] = [];
    const used = new Map<string, { points: number; dates: string[] }>();
    const award = (code: string, on: string, points?: number) => {
      if (on < m.join_date || on > opts.today) return;
      const rule = rules.get(code)!;
      const p = points ?? r.int(rule.min, rule.max);
      const u = used.get(code) ?? { points: 0, dates: [] };
      const window = rule.cycle ? cycleWindow(on, rule.cycle) : null;
      const inCycle = window ? u.dates.filter((d) => d >= window.from && d <= window.to).length : 0;
      if (!checkAward({ capPerPeriod: rule.cap, cycleDays: rule.cycle, maxPerCycle: rule.perCycle }, { points: p, inPeriod: u.points, inCycle }).ok) return;
      used.set(code, { points: u.points + p, dates: [...u.dates, on] });
      out.push({
        memberId: m.id, unitId: m.unit_id, occurredOn: on, account: rule.account, points: p, veto: rule.veto, rule: { id: rule.id, code }, reason: reasons[code] ?? code,
        source: r.chance(0.3) ? 'claim' : 'manual', createdAt: `${on}T${String(r.int(1, 10)).padStart(2, '0')}:${String(r.int(10, 59))}:00.000Z`,
      });
    };
    for (let mo = 1; mo <= lastMonth; mo++) {
      if (full) {
        if (r.chance(0.93)) award('JC04', day(y, mo, r.int(1, 10)));
        else if (r.chance(0.4)) award('KF02', day(y, mo, 25));
        if (r.chance(0.7)) award('JC03', day(y, mo, r.int(1, 8)));
      }
      if (mo % 3 === 0) {
        if (r.chance(0.85)) award('JC01', day(y, mo, r.int(10, 20)));
        else if (r.chance(0.3)) award('KF01', day(y, mo, 21));
        if (r.chance(0.5)) award('JC05', day(y, mo, 26));
      }
      if (r.chance(0.45)) award('JC06', day(y, mo, r.int(11, 18)));
      if (r.chance(0.3)) award('JC07', day(y, mo, r.int(19, 27)));
      if (r.chance(0.18)) award('JF02', day(y, mo, r.int(1, 27)));
      if ((mo === 7 || mo === 8) && r.chance(0.15)) award('JF01', day(y, mo, r.int(1, 28)));
    }
    if (r.chance(0.04)) award('JF03', day(y, r.int(1, lastMonth), r.int(1, 27)));
    if (r.chance(0.02)) award('JF06', day(y, Math.min(lastMonth, 7), 1));
    if (r.chance(0.002)) award('FJ01', day(y, r.int(1, lastMonth), 15));
    return out;
  };

  // Last year in quarterly strokes, this year month by month: a few hundred thousand entries.
  const settings = { periodKind: DEFAULT_SETTINGS.periodKind, balanceExpires: false };
  let entries = 0;
  for (let i = 0; i < members.length; i += 2000) {
    const chunk = members.slice(i, i + 2000).flatMap((m) => [...yearOf(m, year - 1, 12, false), ...yearOf(m, year, month, true)]);
    await db.transaction().execute(async (trx) => {
      entries += (await loadLedgers(trx, chunk, settings)).entries;
    });
  }
  opts.log(`  积分台账：${entries} 条`);

  const villages = await db.selectFrom('unit').select(['id', 'name']).where('kind', 'in', ['village', 'community']).orderBy('id').execute();
  const byVillage = new Map<number, Array<{ id: number; unit_id: number }>>();
  const closure = await db.selectFrom('unit_closure').select(['ancestor_id', 'descendant_id']).where('ancestor_id', 'in', villages.map((v) => v.id)).execute();
  const villageOf = new Map(closure.map((c) => [c.descendant_id, c.ancestor_id]));
  for (const m of members) {
    const v = villageOf.get(m.unit_id);
    if (v) byVillage.set(v, [...(byVillage.get(v) ?? []), m]);
  }

  await db.transaction().execute(async (trx) => {
    // Claims waiting for review: service and volunteering of the last two weeks.
    const pending = [];
    for (const m of members) {
      if (!r.chance(0.02)) continue;
      const code = r.pick(['JC07', 'JF02', 'JC06']);
      const on = new Date(Date.parse(`${opts.today}T00:00:00Z`) - r.int(0, 13) * 86_400_000).toISOString().slice(0, 10);
      const rule = rules.get(code)!;
      pending.push({ member_id: m.id, unit_id: m.unit_id, rule_id: rule.id, occurred_on: on, points: rule.min, remark: r.pick(['帮助独居老人打扫卫生', '参加村里环境整治', '参加专题学习', '走访困难户']), status: 'pending', submitted_by: opts.actorId, submitted_at: `${on}T09:00:00.000Z`, decided_by: null, decided_at: null, decision_reason: null, entry_id: null, idempotency_key: null });
    }
    const seen = new Set<string>();
    const unique = pending.filter((p) => !seen.has(`${p.member_id}|${p.rule_id}|${p.occurred_on}`) && seen.add(`${p.member_id}|${p.rule_id}|${p.occurred_on}`));
    for (let i = 0; i < unique.length; i += 500) await trx.insertInto('points_claim').values(unique.slice(i, i + 500)).execute();
    opts.log(`  待审核积分申报：${unique.length} 条`);

    // Most members have acknowledged 十为十不为.
    const acks = members.filter(() => r.chance(0.7)).map((m) => ({ member_id: m.id, list_id: listId, acked_at: `${year}-01-${String(r.int(6, 28)).padStart(2, '0')}T08:00:00.000Z` }));
    for (let i = 0; i < acks.length; i += 2000) await trx.insertInto('conduct_ack').values(acks.slice(i, i + 2000)).execute();

    // Every village runs a points shop and keeps the 23 tasks.
    for (const v of villages) {
      const goods = SHOP_GOODS.filter(() => r.chance(0.7));
      if (goods.length) {
        await trx.insertInto('shop_item').values(goods.map(([name, price]) => ({ unit_id: v.id, name, description: '', price, stock: r.int(10, 80), limit_per_period: price >= 30 ? 2 : null, active: 1, created_at: now, updated_at: now }))).execute();
      }
      await trx.insertInto('service_task').values(DEFAULT_TASKS.map((t) => ({ unit_id: v.id, title: t.title, description: t.description, specialties: t.specialties.join('|'), points: t.points, capacity: t.capacity, taken: 0, deadline: `${year}-12-31`, status: 'open', created_by: null, created_at: now, updated_at: now }))).execute();
    }
  });

  // Orders through the real ledger path: some handed over, some still waiting, a few cancelled.
  const items = await db.selectFrom('shop_item').select(['id', 'unit_id', 'name', 'price', 'stock']).execute();
  let orders = 0;
  await db.transaction().execute(async (trx) => {
    for (const item of items) {
      for (const m of (byVillage.get(item.unit_id) ?? []).filter(() => r.chance(0.03)).slice(0, Math.min(4, item.stock))) {
        const on = new Date(Date.parse(`${opts.today}T00:00:00Z`) - r.int(0, 60) * 86_400_000).toISOString().slice(0, 10);
        const at = `${on}T10:00:00.000Z`;
        const balance = await trx.selectFrom('points_balance').select('balance').where('member_id', '=', m.id).where('bucket', '=', '*').executeTakeFirst();
        if ((balance?.balance ?? 0) < item.price) continue;
        const entry = await book(trx, dialect, { memberId: m.id, unitId: m.unit_id, occurredOn: on, account: 'redemption', points: item.price, reason: `${item.name} × 1`, source: 'shop', approvedBy: null, createdBy: null, now: at }, { unitId: null, ...DEFAULT_SETTINGS });
        await trx.updateTable('shop_item').set((eb) => ({ stock: eb('stock', '-', 1) })).where('id', '=', item.id).execute();
        const status = r.chance(0.6) ? 'handed_over' : r.chance(0.85) ? 'placed' : 'cancelled';
        const order = await trx
          .insertInto('shop_order')
          .values({ item_id: item.id, unit_id: item.unit_id, member_id: m.id, quantity: 1, price: item.price, total: item.price, period: periodOf(on, 'year'), status, entry_id: entry.id, refund_entry_id: null, idempotency_key: null, created_by: opts.actorId, created_at: at, closed_by: status === 'placed' ? null : opts.actorId, closed_at: status === 'placed' ? null : at, cancel_reason: status === 'cancelled' ? '商品缺货，已退还积分' : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (status === 'cancelled') {
          const refund = await reverse(trx, dialect, entry.id, { reason: '商品缺货，已退还积分', memberUnitId: m.unit_id, by: null, now: at, source: 'shop' });
          await trx.updateTable('shop_order').set({ refund_entry_id: refund.id }).where('id', '=', order.id).execute();
          await trx.updateTable('shop_item').set((eb) => ({ stock: eb('stock', '+', 1) })).where('id', '=', item.id).execute();
        }
        orders++;
      }
    }
  });
  opts.log(`  积分超市：${items.length} 件商品，${orders} 笔兑换`);

  // Last year's plaques, confirmed by the secretaries.
  await db.transaction().execute(async (trx) => {
    for (const v of villages) {
      const [top] = await topStandings(trx, v.id, String(year - 1), 1);
      if (top) await trx.insertInto('plaque_award').values({ unit_id: v.id, period: String(year - 1), member_id: top.memberId, score: top.score, basis: 'confirmed', reason: null, decided_by: null, decided_at: `${year}-01-10T02:00:00.000Z` }).execute();
    }
  });
  return { entries, orders };
}
