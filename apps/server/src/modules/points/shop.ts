// The points shop (积分超市): a unit's shop serves the members of its subtree. A redemption takes
// stock with a conditional update, then spends the balance with another, inside one transaction:
// neither can go below zero however many redemptions race for the last item.
import { MAX_ORDER_QUANTITY, MAX_PRICE, periodOf } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireAuth, requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation, toCount } from '../../db/dialect.ts';
import { actingFor, selfMember, today } from './common.ts';
import { book, reverse, settingsFor } from './ledger.ts';
import * as repo from './repo.ts';

type ItemRow = Awaited<ReturnType<typeof itemById>> & object;

function itemById(db: Db, id: number) {
  return db.selectFrom('shop_item').selectAll().where('id', '=', id).executeTakeFirst();
}

function presentItem(i: ItemRow) {
  return { id: i.id, unitId: i.unit_id, name: i.name, description: i.description, price: i.price, stock: i.stock, limitPerPeriod: i.limit_per_period, active: i.active === 1 };
}

export interface ItemInput {
  name: string;
  description?: string;
  price: number;
  stock: number;
  limitPerPeriod?: number | null;
  active?: boolean;
}

function checkItem(i: Partial<ItemInput>) {
  const issues = [];
  if (i.price !== undefined && !(Number.isInteger(i.price) && i.price >= 1 && i.price <= MAX_PRICE)) issues.push({ field: 'price', code: 'points.amount_invalid', params: { min: 1, max: MAX_PRICE } });
  if (i.stock !== undefined && !(Number.isInteger(i.stock) && i.stock >= 0 && i.stock <= 1_000_000)) issues.push({ field: 'stock', code: 'points.amount_invalid', params: { min: 0, max: 1_000_000 } });
  if (i.limitPerPeriod !== undefined && i.limitPerPeriod !== null && !(Number.isInteger(i.limitPerPeriod) && i.limitPerPeriod >= 1 && i.limitPerPeriod <= MAX_ORDER_QUANTITY)) {
    issues.push({ field: 'limitPerPeriod', code: 'points.amount_invalid', params: { min: 1, max: MAX_ORDER_QUANTITY } });
  }
  if (issues.length) throw invalid(issues);
}

export async function listItems(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', unitId);
  const rows = await db.selectFrom('shop_item').selectAll().where('unit_id', '=', unitId).orderBy('active', 'desc').orderBy('id').execute();
  return { items: rows.map(presentItem) };
}

export async function createItem(ctx: RequestCtx, unitId: number, input: ItemInput) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  checkItem(input);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('shop_item')
      .values({ unit_id: unitId, name: input.name, description: input.description ?? '', price: input.price, stock: input.stock, limit_per_period: input.limitPerPeriod ?? null, active: input.active === false ? 0 : 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { entityType: 'shop_item', entityId: row.id, unitId, action: 'shop.item.create', after: input });
    return row.id;
  });
  return presentItem((await itemById(db, id))!);
}

/** Edits an item. Stock changes by `addStock` (a delivery, or a write-off when negative), never by overwriting a figure redemptions are changing. */
export async function updateItem(ctx: RequestCtx, id: number, input: Partial<Omit<ItemInput, 'stock'>> & { addStock?: number }) {
  const db = ctx.deps.database.db;
  const current = await itemById(db, id);
  if (!current) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'points.manage', current.unit_id);
  checkItem(input);
  const values = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.price !== undefined ? { price: input.price } : {}),
    ...(input.limitPerPeriod !== undefined ? { limit_per_period: input.limitPerPeriod } : {}),
    ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
  };
  const add = input.addStock ?? 0;
  if (!Number.isInteger(add) || Math.abs(add) > 1_000_000) throw invalid([{ field: 'addStock', code: 'points.amount_invalid', params: { min: -1_000_000, max: 1_000_000 } }]);
  await db.transaction().execute(async (trx) => {
    const now = nowIso(ctx.deps);
    if (Object.keys(values).length) await trx.updateTable('shop_item').set({ ...values, updated_at: now }).where('id', '=', id).execute();
    if (add !== 0) {
      const res = await trx.updateTable('shop_item').set((eb) => ({ stock: eb('stock', '+', add), updated_at: now })).where('id', '=', id).where('stock', '>=', -add).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw unprocessable('points.out_of_stock', { stock: (await itemById(trx, id))!.stock }, [{ field: 'addStock', code: 'points.out_of_stock' }]);
    }
    const diff = changedFields(presentItem(current) as unknown as Record<string, unknown>, { ...input, addStock: undefined });
    await recordAudit(trx, ctx, { entityType: 'shop_item', entityId: id, unitId: current.unit_id, action: 'shop.item.update', before: diff.before, after: { ...diff.after, ...(add ? { addStock: add } : {}) } });
  });
  return presentItem((await itemById(db, id))!);
}

/** The items a member can redeem: the shops of their unit and of the units above it. */
export async function itemsForMe(ctx: RequestCtx) {
  const member = await selfMember(ctx);
  const db = ctx.deps.database.db;
  const rows = await db
    .selectFrom('shop_item as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select('u.name as unit_name')
    .where('i.active', '=', 1)
    .where('i.unit_id', 'in', db.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', member.unit_id))
    .orderBy('i.price')
    .execute();
  return { items: rows.map((r) => ({ ...presentItem(r), shop: r.unit_name })) };
}

export async function redeem(ctx: RequestCtx, input: { itemId: number; quantity: number; memberId?: number }, idempotencyKey?: string) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const member = await actingFor(ctx, input.memberId, 'points.approve');
  if (idempotencyKey) {
    const earlier = await db.selectFrom('shop_order').select('id').where('created_by', '=', auth.userId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    if (earlier) return { order: await getOrder(ctx, earlier.id), replayed: true };
  }
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_ORDER_QUANTITY) {
    throw invalid([{ field: 'quantity', code: 'points.amount_invalid', params: { min: 1, max: MAX_ORDER_QUANTITY } }]);
  }
  const item = await itemById(db, input.itemId);
  const serves = item ? await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', item.unit_id).where('descendant_id', '=', member.unit_id).executeTakeFirst() : undefined;
  if (!item) throw notFound();
  if (!serves) throw unprocessable('points.shop_elsewhere');
  if (item.active !== 1) throw unprocessable('points.item_inactive');
  const settings = await settingsFor(db, member.unit_id);
  const day = today(ctx);
  const period = periodOf(day, settings.periodKind);
  const total = item.price * input.quantity;
  const now = nowIso(ctx.deps);
  let orderId: number;
  try {
    orderId = await db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable('shop_item')
        .set((eb) => ({ stock: eb('stock', '-', input.quantity) }))
        .where('id', '=', item.id)
        .where('active', '=', 1)
        .where('stock', '>=', input.quantity)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) throw unprocessable('points.out_of_stock', { stock: (await itemById(trx, item.id))!.stock }, [{ field: 'quantity', code: 'points.out_of_stock' }]);
      const locked = await repo.lockTally(trx, dialect, member.id, period, member.unit_id, now);
      if (item.limit_per_period !== null) {
        const bought = await trx
          .selectFrom('shop_order')
          .select((eb) => eb.fn.sum<number>('quantity').as('n'))
          .where('member_id', '=', member.id)
          .where('item_id', '=', item.id)
          .where('period', '=', period)
          .where('status', '!=', 'cancelled')
          .executeTakeFirst();
        const already = toCount(bought?.n);
        if (already + input.quantity > item.limit_per_period) throw unprocessable('points.over_limit', { limit: item.limit_per_period, bought: already }, [{ field: 'quantity', code: 'points.over_limit' }]);
      }
      const entry = await book(trx, dialect, {
        memberId: member.id, unitId: member.unit_id, occurredOn: day, account: 'redemption', points: total, reason: `${item.name} × ${input.quantity}`,
        source: 'shop', approvedBy: null, createdBy: auth.userId, now,
      }, settings, locked);
      const order = await trx
        .insertInto('shop_order')
        .values({
          item_id: item.id, unit_id: item.unit_id, member_id: member.id, quantity: input.quantity, price: item.price, total, period, status: 'placed', entry_id: entry.id,
          refund_entry_id: null, idempotency_key: idempotencyKey ?? null, created_by: auth.userId, created_at: now, closed_by: null, closed_at: null, cancel_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { entityType: 'shop_order', entityId: order.id, unitId: item.unit_id, action: 'shop.order.place', after: { member: member.name, item: item.name, quantity: input.quantity, total } });
      return order.id;
    });
  } catch (e) {
    if (idempotencyKey && isUniqueViolation(e)) {
      const earlier = await db.selectFrom('shop_order').select('id').where('created_by', '=', auth.userId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (earlier) return { order: await getOrder(ctx, earlier.id), replayed: true };
      throw conflict('error.conflict');
    }
    throw e;
  }
  return { order: await getOrder(ctx, orderId), replayed: false };
}

function orderQuery(db: Db) {
  return db
    .selectFrom('shop_order as o')
    .innerJoin('shop_item as i', 'i.id', 'o.item_id')
    .innerJoin('member as m', 'm.id', 'o.member_id')
    .select(['o.id', 'o.item_id', 'i.name as item_name', 'o.unit_id', 'o.member_id', 'm.name as member_name', 'o.quantity', 'o.price', 'o.total', 'o.period', 'o.status', 'o.created_at', 'o.closed_at', 'o.cancel_reason']);
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof orderQuery>['execute']>>[number];

function presentOrder(o: OrderRow) {
  return {
    id: o.id, item: { id: o.item_id, name: o.item_name }, unitId: o.unit_id, member: { id: o.member_id, name: o.member_name }, quantity: o.quantity, price: o.price,
    total: o.total, period: o.period, status: o.status, createdAt: o.created_at, closedAt: o.closed_at, cancelReason: o.cancel_reason,
  };
}

export async function getOrder(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const row = await orderQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (row.member_id !== auth.memberId && !(await canAccessUnit(db, auth, 'points.read', row.unit_id))) throw notFound();
  return presentOrder(row);
}

export async function ordersOfShop(ctx: RequestCtx, q: { unitId: number; status?: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', q.unitId);
  const rows = await orderQuery(db).where('o.unit_id', '=', q.unitId).$if(!!q.status, (qb) => qb.where('o.status', '=', q.status!)).orderBy('o.id', 'desc').limit(200).execute();
  return { items: rows.map(presentOrder) };
}

export async function myOrders(ctx: RequestCtx) {
  const member = await selfMember(ctx);
  const rows = await orderQuery(ctx.deps.database.db).where('o.member_id', '=', member.id).orderBy('o.id', 'desc').limit(100).execute();
  return { items: rows.map(presentOrder) };
}

/** The shop keeper confirms the goods were handed over. */
export async function handOver(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const order = await db.selectFrom('shop_order').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'points.manage', order.unit_id);
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('shop_order').set({ status: 'handed_over', closed_by: ctx.auth!.userId, closed_at: nowIso(ctx.deps) }).where('id', '=', id).where('status', '=', 'placed').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw unprocessable('points.order_not_placed');
    await recordAudit(trx, ctx, { entityType: 'shop_order', entityId: id, unitId: order.unit_id, action: 'shop.order.hand_over' });
  });
  return getOrder(ctx, id);
}

/**
 * Cancels an order not yet handed over: the stock goes back and the redemption is reversed by a
 * refund entry. The shop keeper may cancel any; the member their own.
 */
export async function cancel(ctx: RequestCtx, id: number, reason: string) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const order = await db.selectFrom('shop_order').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) throw notFound();
  if (order.member_id !== auth.memberId) await requireUnitAccess(db, auth, 'points.manage', order.unit_id);
  const member = await db.selectFrom('member').select(['id', 'unit_id']).where('id', '=', order.member_id).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    const now = nowIso(ctx.deps);
    const res = await trx.updateTable('shop_order').set({ status: 'cancelled', closed_by: auth.userId, closed_at: now, cancel_reason: reason }).where('id', '=', id).where('status', '=', 'placed').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw unprocessable('points.order_not_placed');
    await trx.updateTable('shop_item').set((eb) => ({ stock: eb('stock', '+', order.quantity) })).where('id', '=', order.item_id).execute();
    const refund = await reverse(trx, dialect, order.entry_id, { reason, memberUnitId: member.unit_id, by: auth.userId, now, source: 'shop' });
    await trx.updateTable('shop_order').set({ refund_entry_id: refund.id }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { entityType: 'shop_order', entityId: id, unitId: order.unit_id, action: 'shop.order.cancel', after: { reason, refundEntryId: refund.id } });
  });
  return getOrder(ctx, id);
}
