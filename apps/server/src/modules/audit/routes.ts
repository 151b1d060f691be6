import { z } from 'zod';
import { route, type RouteSpec } from '../../core/http.ts';
import { pageQuery, ymd } from '../../core/schemas.ts';
import { requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import type { RequestCtx } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';

const auditQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  entityType: z.string().trim().max(30).optional(),
  entityId: z.string().trim().max(40).optional(),
  action: z.string().trim().max(40).optional(),
  actor: z.string().trim().max(50).optional(),
  from: ymd.optional(),
  to: ymd.optional(),
  ...pageQuery,
});

/** Read-only by construction: the application has no statement that updates or deletes entries. */
async function listAudit(ctx: RequestCtx, query: z.infer<typeof auditQuery>) {
  const auth = requirePermission(ctx.auth, 'audit.read');
  const db = ctx.deps.database.db;
  let q = db.selectFrom('audit_log').leftJoin('unit', 'unit.id', 'audit_log.unit_id');
  if (query.unitId !== undefined) {
    await requireUnitAccess(db, auth, 'audit.read', query.unitId);
    q = q.where('audit_log.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', query.unitId));
  } else if (!scopeOf(auth, 'audit.read').global) {
    // Entries without a unit (logins, account changes) are for system administrators only.
    q = q.where('audit_log.unit_id', 'in', scopedUnitIds(db, auth, 'audit.read'));
  }
  if (query.entityType) q = q.where('audit_log.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('audit_log.entity_id', '=', query.entityId);
  if (query.action) q = q.where('audit_log.action', '=', query.action);
  if (query.actor) q = q.where('audit_log.actor_name', '=', query.actor);
  if (query.from) q = q.where('audit_log.at', '>=', `${query.from}T00:00:00`);
  if (query.to) q = q.where('audit_log.at', '<', `${query.to}T23:59:59.999Z`);
  const [rows, count] = await Promise.all([
    q
      .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_name', 'audit_log.ip', 'audit_log.entity_type', 'audit_log.entity_id', 'audit_log.unit_id', 'audit_log.action', 'audit_log.before_json', 'audit_log.after_json', 'unit.name as unit_name'])
      .orderBy('audit_log.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      ip: r.ip,
      entityType: r.entity_type,
      entityId: r.entity_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      action: r.action,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    })),
    total: toCount(count?.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export const auditRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit log of the caller’s scope, newest first',
    tags: ['audit'],
    access: 'audit.read',
    query: auditQuery,
    handler: ({ ctx, query }) => listAudit(ctx, query),
  }),
];
