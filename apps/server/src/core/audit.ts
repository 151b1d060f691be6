// Audit entries are written by the service, inside the same transaction as the change they record,
// so a change without its entry (or an entry without its change) cannot exist.
import type { Db, RequestCtx } from './context.ts';
import { nowIso } from './context.ts';

export interface AuditEntry {
  entityType: string;
  entityId: string | number;
  unitId: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db, ctx: RequestCtx, entry: AuditEntry) {
  await db
    .insertInto('audit_log')
    .values({
      at: nowIso(ctx.deps),
      actor_user_id: ctx.auth?.userId ?? null,
      actor_name: ctx.auth?.displayName ?? null,
      ip: ctx.ip,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      unit_id: entry.unitId,
      action: entry.action,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** Many entries of one request at once (an import, a batch approval), in the same transaction. */
export async function recordAuditBatch(db: Db, ctx: RequestCtx, entries: Array<AuditEntry>) {
  await recordAudits(db, entries.map((entry) => ({ ctx, entry })));
}

/** Entries of several requests written together (see core/group-commit.ts), each with its own actor and address. */
export async function recordAudits(db: Db, entries: Array<{ ctx: RequestCtx; entry: AuditEntry }>) {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(i, i + 500).map(({ ctx, entry: e }) => ({
        at: nowIso(ctx.deps), actor_user_id: ctx.auth?.userId ?? null, actor_name: ctx.auth?.displayName ?? null, ip: ctx.ip,
        entity_type: e.entityType, entity_id: String(e.entityId), unit_id: e.unitId, action: e.action,
        before_json: e.before === undefined ? null : JSON.stringify(e.before), after_json: e.after === undefined ? null : JSON.stringify(e.after),
      })))
      .execute();
  }
}

/** Only the fields that changed, for a readable before/after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) {
      b[key] = before[key];
      a[key] = value;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
