// The points API: /api/points/my/… for a member acting on their own behalf (a session is enough;
// the service finds their member record), everything else checked against the caller's scope.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { isPeriod, PERIOD_KINDS, RULE_ACCOUNTS } from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';
import { idParams, pageQuery, ymd, flag } from '../../core/schemas.ts';
import { AppError } from '../../core/errors.ts';
import * as rules from './rules.ts';
import * as claims from './claims.ts';
import * as entries from './entries.ts';
import * as shop from './shop.ts';
import * as boards from './board.ts';
import * as lists from './lists.ts';
import { selfMember } from './common.ts';
import { exportPoints, importPoints, importTemplate } from './excel.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="points.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`;

const unitId = z.coerce.number().int().positive();
const period = z.string().refine(isPeriod, { error: 'points.period_invalid' });
const ids = z.array(z.number().int().positive()).min(1).max(500);
const text = (max: number) => z.string().trim().min(1).max(max);
const reason = z.object({ reason: text(200) });

function idempotencyKey(req: FastifyRequest) {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && key.length > 0 && key.length <= 100 ? key : undefined;
}

const ruleFields = {
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/),
  name: text(50),
  description: z.string().trim().max(200).optional(),
  account: z.enum(RULE_ACCOUNTS),
  pointsMin: z.number().int(),
  pointsMax: z.number().int(),
  capPerPeriod: z.number().int().nullable().optional(),
  cycleDays: z.number().int().nullable().optional(),
  maxPerCycle: z.number().int().nullable().optional(),
  needsEvidence: z.boolean().optional(),
  needsApproval: z.boolean().optional(),
  veto: z.boolean().optional(),
  active: z.boolean().optional(),
};

const itemFields = {
  name: text(50),
  description: z.string().trim().max(200).optional(),
  price: z.number().int(),
  limitPerPeriod: z.number().int().nullable().optional(),
  active: z.boolean().optional(),
};

const taskFields = {
  title: text(50),
  description: z.string().trim().max(500).optional(),
  specialties: z.array(text(30)).max(10).optional(),
  points: z.number().int(),
  capacity: z.number().int(),
  deadline: ymd.nullable().optional(),
};

const tags = ['points'];

export const pointsRoutes: RouteSpec[] = [
  // ——— the member's own page ———
  route({ method: 'GET', url: '/api/points/my', summary: 'My score, balance, periods and latest entries', tags, access: 'session', handler: ({ ctx }) => entries.myOverview(ctx) }),
  route({
    method: 'GET', url: '/api/points/my/rules', summary: 'Rules I can claim under (base and bonus, in force for my unit)', tags, access: 'session',
    async handler({ ctx }) {
      const me = await selfMember(ctx);
      const all = await rules.effectiveRules(ctx.deps.database.db, me.unit_id);
      return { items: all.filter((r) => r.active === 1 && r.account !== 'deduction').map((r) => rules.presentRule(r)) };
    },
  }),
  route({
    method: 'GET', url: '/api/points/my/claims', summary: 'My claims, newest first', tags, access: 'session',
    async handler({ ctx }) {
      return claims.mine(ctx, (await selfMember(ctx)).id);
    },
  }),
  route({ method: 'GET', url: '/api/points/my/shop', summary: 'Items I can redeem', tags, access: 'session', handler: ({ ctx }) => shop.itemsForMe(ctx) }),
  route({ method: 'GET', url: '/api/points/my/orders', summary: 'My shop orders', tags, access: 'session', handler: ({ ctx }) => shop.myOrders(ctx) }),
  route({ method: 'GET', url: '/api/points/my/tasks', summary: 'Open tasks for me (matching my specialties first) and my task claims', tags, access: 'session', handler: ({ ctx }) => lists.tasksForMe(ctx) }),
  route({ method: 'GET', url: '/api/points/my/conduct', summary: 'The list of do’s and don’ts in force for me, and whether I acknowledged it', tags, access: 'session', handler: ({ ctx }) => lists.myConduct(ctx) }),
  route({ method: 'POST', url: '/api/points/my/conduct/:id/ack', summary: 'Acknowledge the list (once per version)', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => lists.acknowledge(ctx, params.id) }),

  // ——— evidence ———
  route({
    method: 'POST', url: '/api/points/evidence', summary: 'Upload one evidence file (JPG, PNG, WebP or PDF, at most 5 MB), to attach to a claim', tags, access: 'session', upload: true,
    async handler({ ctx, req, reply }) {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError(400, 'error.file_required');
      const buffer = await part.toBuffer();
      reply.code(201);
      return claims.uploadEvidence(ctx, { buffer, filename: part.filename || 'evidence' });
    },
  }),
  route({
    method: 'GET', url: '/api/points/evidence/:id', summary: 'An evidence file', tags, access: 'session', params: idParams,
    async handler({ ctx, params, reply }) {
      const file = await claims.evidenceFile(ctx, params.id);
      reply.header('content-type', file.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`).header('cache-control', 'private, max-age=3600');
      return Buffer.from(file.data);
    },
  }),

  // ——— claims ———
  route({
    method: 'POST', url: '/api/points/claims', summary: 'Claim points under a rule (for myself, or as secretary for a member). Idempotency-Key header makes a retry harmless', tags, access: 'session',
    body: z.object({ memberId: z.number().int().positive().optional(), ruleId: z.number().int().positive(), occurredOn: ymd, points: z.number().int().nullable().optional(), remark: z.string().trim().max(500).default(''), evidenceIds: z.array(z.number().int().positive()).max(20).optional() }),
    async handler({ ctx, body, req, reply }) {
      const result = await claims.submit(ctx, body, idempotencyKey(req));
      reply.code(result.replayed ? 200 : 201);
      return result.claim;
    },
  }),
  route({ method: 'GET', url: '/api/points/claims', summary: 'The review queue of my scope', tags, access: 'points.approve', query: z.object({ unitId: unitId.optional(), status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).default('pending'), ...pageQuery }), handler: ({ ctx, query }) => claims.queue(ctx, query) }),
  route({ method: 'GET', url: '/api/points/claims/:id', summary: 'One claim', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => claims.getClaim(ctx, params.id) }),
  route({ method: 'POST', url: '/api/points/claims/approve', summary: 'Approve claims, one or a batch (caps and cycles checked; failures reported one by one)', tags, access: 'points.approve', body: z.object({ ids, points: z.number().int().nullable().optional() }), handler: ({ ctx, body }) => claims.approve(ctx, body.ids, body.points) }),
  route({ method: 'POST', url: '/api/points/claims/reject', summary: 'Reject claims with a reason', tags, access: 'points.approve', body: z.object({ ids, reason: text(200) }), handler: ({ ctx, body }) => claims.reject(ctx, body.ids, body.reason) }),
  route({ method: 'POST', url: '/api/points/claims/:id/withdraw', summary: 'Withdraw my claim while it waits', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => claims.withdraw(ctx, params.id) }),

  // ——— figures and the ledger ———
  route({ method: 'GET', url: '/api/points/members/:id', summary: 'A member’s score, balance, periods and latest entries', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => entries.memberOverview(ctx, params.id) }),
  route({ method: 'GET', url: '/api/points/members/:id/entries', summary: 'A member’s ledger', tags, access: 'session', params: idParams, query: z.object({ period: period.optional(), ...pageQuery }), handler: ({ ctx, params, query }) => entries.memberLedger(ctx, params.id, query) }),
  route({ method: 'GET', url: '/api/points/ledger', summary: 'The ledger of a unit’s subtree, newest first', tags, access: 'points.read', query: z.object({ unitId, period: period.optional(), ...pageQuery }), handler: ({ ctx, query }) => entries.unitLedger(ctx, query) }),
  route({ method: 'GET', url: '/api/points/figures', summary: 'Every member of a subtree with their figures for a period', tags, access: 'points.read', query: z.object({ unitId, period }), handler: ({ ctx, query }) => entries.unitFigures(ctx, query) }),
  route({
    method: 'POST', url: '/api/points/entries', summary: 'Book points under a rule directly (attendance, a deduction)', tags, access: 'points.approve',
    body: z.object({ memberId: z.number().int().positive(), ruleId: z.number().int().positive(), occurredOn: ymd, points: z.number().int().nullable().optional(), reason: text(200) }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return entries.bookManual(ctx, body);
    },
  }),
  route({
    method: 'POST', url: '/api/points/entries/:id/reverse', summary: 'Correct an entry with a reversing entry', tags, access: 'points.approve', params: idParams, body: reason,
    async handler({ ctx, params, body, reply }) {
      reply.code(201);
      return entries.correct(ctx, params.id, body.reason);
    },
  }),
  route({
    method: 'POST', url: '/api/points/violations', summary: 'Record a violation of a “don’t”: books its deduction', tags, access: 'points.approve',
    body: z.object({ memberId: z.number().int().positive(), conductItemId: z.number().int().positive(), occurredOn: ymd, remark: text(200), points: z.number().int().nullable().optional(), evidenceIds: z.array(z.number().int().positive()).max(20).optional() }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      return entries.recordViolation(ctx, body);
    },
  }),

  // ——— rules and settings ———
  route({ method: 'GET', url: '/api/points/rules', summary: 'The rules in force for a unit (inherited ones marked)', tags, access: 'points.read', query: z.object({ unitId, all: flag }), handler: ({ ctx, query }) => rules.listRules(ctx, query.unitId, query.all) }),
  route({
    method: 'POST', url: '/api/points/rules', summary: 'Add a rule to a unit, or override an inherited one of the same code', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive(), ...ruleFields }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      const { unitId: u, ...input } = body;
      return rules.createRule(ctx, u, input);
    },
  }),
  route({ method: 'PATCH', url: '/api/points/rules/:id', summary: 'Edit a rule of the unit’s own', tags, access: 'points.manage', params: idParams, body: z.object(ruleFields).partial(), handler: ({ ctx, params, body }) => rules.updateRule(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/points/rules/adopt', summary: 'Copy the shipped default catalogue into a unit', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive() }), handler: ({ ctx, body }) => rules.adoptDefaults(ctx, body.unitId) }),
  route({ method: 'GET', url: '/api/points/settings', summary: 'Points settings in force for a unit', tags, access: 'points.read', query: z.object({ unitId }), handler: ({ ctx, query }) => rules.getSettings(ctx, query.unitId) }),
  route({ method: 'PUT', url: '/api/points/settings', summary: 'Set a unit’s period, board switch and balance expiry', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive(), periodKind: z.enum(PERIOD_KINDS), boardEnabled: z.boolean(), balanceExpires: z.boolean() }), handler: ({ ctx, body }) => rules.saveSettings(ctx, body.unitId, body) }),

  // ——— 十为十不为 and the task list ———
  route({ method: 'GET', url: '/api/points/conduct', summary: 'The list of do’s and don’ts in force for a unit, with acknowledgements', tags, access: 'points.read', query: z.object({ unitId }), handler: ({ ctx, query }) => lists.conductForUnit(ctx, query.unitId) }),
  route({ method: 'PUT', url: '/api/points/conduct', summary: 'Publish a new version of a unit’s list', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive(), items: z.array(z.object({ kind: z.enum(['do', 'dont']), text: text(100), ruleCode: z.string().trim().max(20).nullable().optional() })).max(40) }), handler: ({ ctx, body }) => lists.publishConduct(ctx, body.unitId, body.items) }),
  route({ method: 'POST', url: '/api/points/conduct/adopt', summary: 'Publish the shipped 十为十不为 for a unit', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive() }), handler: ({ ctx, body }) => lists.adoptConduct(ctx, body.unitId) }),
  route({ method: 'GET', url: '/api/points/tasks', summary: 'A unit’s task list', tags, access: 'points.read', query: z.object({ unitId }), handler: ({ ctx, query }) => lists.listTasks(ctx, query.unitId) }),
  route({
    method: 'POST', url: '/api/points/tasks', summary: 'Add a task to a unit’s list', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive(), ...taskFields }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      const { unitId: u, ...task } = body;
      return (await lists.createTasks(ctx, u, [task])).items[0];
    },
  }),
  route({ method: 'PATCH', url: '/api/points/tasks/:id', summary: 'Edit, close or reopen a task', tags, access: 'points.manage', params: idParams, body: z.object({ ...taskFields, status: z.enum(['open', 'closed']) }).partial(), handler: ({ ctx, params, body }) => lists.updateTask(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/points/tasks/adopt', summary: 'Add the 23 shipped tasks to a unit', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive() }), handler: ({ ctx, body }) => lists.adoptTasks(ctx, body.unitId) }),
  route({ method: 'POST', url: '/api/points/tasks/:id/claim', summary: 'Claim a place on a task', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => lists.claimTask(ctx, params.id) }),
  route({ method: 'GET', url: '/api/points/task-claims', summary: 'Task claims of my scope (reported ones wait for verification)', tags, access: 'points.approve', query: z.object({ unitId: unitId.optional(), status: z.enum(['claimed', 'reported', 'verified', 'rejected', 'withdrawn']).default('reported'), ...pageQuery }), handler: ({ ctx, query }) => lists.taskQueue(ctx, query) }),
  route({ method: 'POST', url: '/api/points/task-claims/:id/report', summary: 'Report a task done, with evidence', tags, access: 'session', params: idParams, body: z.object({ report: text(500), evidenceIds: z.array(z.number().int().positive()).max(20).optional() }), handler: ({ ctx, params, body }) => lists.reportTask(ctx, params.id, body) }),
  route({ method: 'POST', url: '/api/points/task-claims/:id/withdraw', summary: 'Give back a place on a task', tags, access: 'session', params: idParams, handler: ({ ctx, params }) => lists.withdrawTask(ctx, params.id) }),
  route({ method: 'POST', url: '/api/points/task-claims/:id/decide', summary: 'Verify a reported task (books its bonus) or reject it with a reason', tags, access: 'points.approve', params: idParams, body: z.object({ approve: z.boolean(), reason: z.string().trim().max(200).optional() }), handler: ({ ctx, params, body }) => lists.decideTask(ctx, params.id, body) }),

  // ——— the shop ———
  route({ method: 'GET', url: '/api/points/shop/items', summary: 'A unit’s shop', tags, access: 'points.read', query: z.object({ unitId }), handler: ({ ctx, query }) => shop.listItems(ctx, query.unitId) }),
  route({
    method: 'POST', url: '/api/points/shop/items', summary: 'Add an item to a unit’s shop', tags, access: 'points.manage', body: z.object({ unitId: z.number().int().positive(), ...itemFields, stock: z.number().int() }),
    async handler({ ctx, body, reply }) {
      reply.code(201);
      const { unitId: u, ...item } = body;
      return shop.createItem(ctx, u, item);
    },
  }),
  route({ method: 'PATCH', url: '/api/points/shop/items/:id', summary: 'Edit an item; addStock adds (or, negative, writes off) stock', tags, access: 'points.manage', params: idParams, body: z.object({ ...itemFields, addStock: z.number().int() }).partial(), handler: ({ ctx, params, body }) => shop.updateItem(ctx, params.id, body) }),
  route({
    method: 'POST', url: '/api/points/shop/orders', summary: 'Redeem points for an item (for myself, or as secretary for a member). Idempotency-Key header makes a retry harmless', tags, access: 'session',
    body: z.object({ itemId: z.number().int().positive(), quantity: z.number().int().default(1), memberId: z.number().int().positive().optional() }),
    async handler({ ctx, body, req, reply }) {
      const result = await shop.redeem(ctx, body, idempotencyKey(req));
      reply.code(result.replayed ? 200 : 201);
      return result.order;
    },
  }),
  route({ method: 'GET', url: '/api/points/shop/orders', summary: 'Orders of a unit’s shop', tags, access: 'points.read', query: z.object({ unitId, status: z.enum(['placed', 'handed_over', 'cancelled']).optional() }), handler: ({ ctx, query }) => shop.ordersOfShop(ctx, query) }),
  route({ method: 'POST', url: '/api/points/shop/orders/:id/hand-over', summary: 'Confirm an order was handed over', tags, access: 'points.manage', params: idParams, handler: ({ ctx, params }) => shop.handOver(ctx, params.id) }),
  route({ method: 'POST', url: '/api/points/shop/orders/:id/cancel', summary: 'Cancel an order not yet handed over: stock back, points refunded', tags, access: 'session', params: idParams, body: reason, handler: ({ ctx, params, body }) => shop.cancel(ctx, params.id, body.reason) }),

  // ——— Excel ———
  route({
    method: 'GET', url: '/api/points/export', summary: 'The ledger, the figures or the board of a subtree and period as .xlsx', tags, access: 'points.read',
    query: z.object({ unitId, period: period.optional(), what: z.enum(['ledger', 'figures', 'board']).default('figures') }),
    async handler({ ctx, query, reply }) {
      const file = await exportPoints(ctx, query);
      reply.header('content-type', XLSX).header('content-disposition', attachment(file.name));
      return file.buffer;
    },
  }),
  route({
    method: 'GET', url: '/api/points/import/template', summary: 'The sheet for importing base points', tags, access: 'points.approve',
    async handler({ reply }) {
      reply.header('content-type', XLSX).header('content-disposition', attachment('基础分导入模板'));
      return importTemplate();
    },
  }),
  route({
    method: 'POST', url: '/api/points/import', summary: 'Import base points from .xlsx or .csv (all rows checked; nothing written if any is wrong; dryRun to check only)', tags, access: 'points.approve', upload: true,
    query: z.object({ unitId, dryRun: flag }),
    async handler({ ctx, query, req }) {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError(400, 'error.file_required');
      const buffer = await part.toBuffer();
      if (part.file.truncated) throw new AppError(413, 'error.file_too_large');
      return importPoints(ctx, query.unitId, { buffer, filename: part.filename || 'points.xlsx' }, { dryRun: query.dryRun });
    },
  }),

  // ——— the board and the plaque ———
  route({ method: 'GET', url: '/api/points/board', summary: 'The pioneer board of a subtree and period', tags, access: 'points.read', query: z.object({ unitId, period: period.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }), handler: ({ ctx, query }) => boards.board(ctx, query) }),
  route({ method: 'GET', url: '/api/points/board/stats', summary: 'Score distribution and the trend over recent periods', tags, access: 'points.read', query: z.object({ unitId, period: period.optional() }), handler: ({ ctx, query }) => boards.boardStats(ctx, query) }),
  route({ method: 'GET', url: '/api/public/board', summary: 'The public pioneer board: names and ranks only', tags, access: 'public', query: z.object({ unit: z.string().trim().min(1).max(40), period: period.optional() }), handler: ({ ctx, query }) => boards.publicBoard(ctx, query) }),
  route({ method: 'GET', url: '/api/points/plaque', summary: 'The rotating plaque of a unit: this period’s top member, the holder, the history', tags, access: 'points.read', query: z.object({ unitId, period: period.optional() }), handler: ({ ctx, query }) => boards.plaque(ctx, query) }),
  route({ method: 'POST', url: '/api/points/plaque', summary: 'Hang the plaque: confirm the top member, or override with a reason', tags, access: 'points.approve', body: z.object({ unitId: z.number().int().positive(), period, memberId: z.number().int().positive().optional(), reason: z.string().trim().max(200).optional() }), handler: ({ ctx, body }) => boards.awardPlaque(ctx, body) }),
];
