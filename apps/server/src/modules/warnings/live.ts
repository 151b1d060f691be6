// Live dashboards over server-sent events. Each process keeps its open connections grouped by
// warning and by what the viewer may see; an event from the bus (from this server or another)
// makes each group's figures and new timeline entries be read ONCE and written to all of the
// group's connections — so 5,000 viewers of one warning cost one query per update, not 5,000.
import type { FastifyReply } from 'fastify';
import type { Deps, RequestCtx } from '../../core/context.ts';
import type { LiveEvent } from '../../core/events.ts';
import { nowIso } from '../../core/context.ts';
import { dashboardFigures, timeline, warningScope, type WarningScope } from './view.ts';

/** Coalesces a burst of acknowledgements into one refresh per group. */
const REFRESH_DELAY_MS = 150;
const HEARTBEAT_MS = 20_000;

interface Connection {
  reply: FastifyReply;
  ctx: RequestCtx;
}

interface Group {
  warningId: number;
  scope: WarningScope;
  connections: Set<Connection>;
  lastEventId: number;
  timer: NodeJS.Timeout | null;
}

class LiveHub {
  private groups = new Map<string, Group>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private deps: Deps) {}

  get connectionCount() {
    let n = 0;
    for (const g of this.groups.values()) n += g.connections.size;
    return n;
  }

  async open(ctx: RequestCtx, warningId: number, reply: FastifyReply) {
    const scope = await warningScope(this.deps.database.db, ctx, warningId);
    const key = `${warningId}:${scopeKey(ctx)}`;
    let group = this.groups.get(key);
    if (!group) {
      const latest = await this.deps.database.db.selectFrom('warning_event').select((eb) => eb.fn.max('id').as('id')).where('warning_id', '=', warningId).executeTakeFirst();
      group = { warningId, scope, connections: new Set(), lastEventId: Number(latest?.id ?? 0), timer: null };
      this.groups.set(key, group);
    }
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const conn: Connection = { reply, ctx };
    group.connections.add(conn);
    const figures = await dashboardFigures(this.deps.database.db, scope, nowIso(this.deps));
    write(conn, 'figures', figures);
    reply.raw.on('close', () => {
      group!.connections.delete(conn);
      if (group!.connections.size === 0) {
        if (group!.timer) clearTimeout(group!.timer);
        this.groups.delete(key);
      }
    });
    this.start();
  }

  private start() {
    if (!this.unsubscribe) this.unsubscribe = this.deps.events.subscribe((e) => this.onEvent(e));
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const g of this.groups.values()) for (const c of g.connections) c.reply.raw.write(': ping\n\n');
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  private onEvent(e: LiveEvent) {
    if (e.topic !== 'warning') return;
    for (const group of this.groups.values()) {
      if (group.warningId !== e.warningId || group.timer) continue;
      group.timer = setTimeout(() => void this.refresh(group), REFRESH_DELAY_MS);
    }
  }

  private async refresh(group: Group) {
    group.timer = null;
    const first = group.connections.values().next().value;
    if (!first) return;
    try {
      const db = this.deps.database.db;
      const warning = await db.selectFrom('warning').selectAll().where('id', '=', group.warningId).executeTakeFirstOrThrow();
      group.scope = { ...group.scope, warning };
      const figures = await dashboardFigures(db, group.scope, nowIso(this.deps));
      const entries = await timeline(first.ctx, group.warningId, { afterId: group.lastEventId, limit: 200 });
      if (entries.length) group.lastEventId = entries[entries.length - 1]!.id;
      for (const c of group.connections) {
        if (entries.length) write(c, 'timeline', entries);
        write(c, 'figures', figures);
      }
    } catch (err) {
      this.deps.log.warn({ err, warning: group.warningId }, 'live dashboard refresh failed');
    }
  }
}

function write(c: Connection, event: string, data: unknown) {
  c.reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Viewers with the same grants see the same part of a warning. */
function scopeKey(ctx: RequestCtx) {
  const grants = ctx.auth?.grants.map((g) => `${g.role}@${g.unitId ?? '*'}`).sort() ?? [];
  return grants.join(',');
}

const hubs = new WeakMap<Deps['events'], LiveHub>();

export function liveHub(deps: Deps): LiveHub {
  let hub = hubs.get(deps.events);
  if (!hub) {
    hub = new LiveHub(deps);
    hubs.set(deps.events, hub);
  }
  return hub;
}
