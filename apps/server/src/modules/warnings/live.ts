// Live dashboards over server-sent events. Each process keeps its open connections grouped by
// warning and by what the viewer may see; an event from the bus (from this server or another)
// makes each group's figures and new timeline entries be read ONCE and written to all of the
// group's connections — so 5,000 viewers of one warning cost one query per update, not 5,000.
import type { FastifyReply } from 'fastify';
import type { Deps, RequestCtx } from '../../core/context.ts';
import type { LiveEvent } from '../../core/events.ts';
import { nowIso } from '../../core/context.ts';
import { dashboardFigures, timeline, warningScope, type DashboardFigures, type WarningScope } from './view.ts';

/** Coalesces a burst of acknowledgements into one refresh per group (and bounds a storm's refresh rate). */
const FIRST_DELAY_MS = 30;
const REFRESH_DELAY_MS = 250;
const MAX_REFRESH_DELAY_MS = 600;
/** A storm pushes only the latest entries; the page asks for the rest if it wants them. */
const TIMELINE_PUSH = 20;
/** A viewer whose connection has not taken this much yet skips an update rather than queue it. */
const MAX_BACKLOG_BYTES = 256 * 1024;
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
  /** How long the last refresh took: a heavy group refreshes less often, so a storm cannot starve the server. */
  lastRefreshMs: number;
  lastRefreshAt: number;
  /** The group's latest figures: a new viewer gets these at once instead of a query of its own. */
  figures: DashboardFigures | null;
  ready: Promise<void>;
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
      // Made before any await, so viewers arriving together share one group.
      const created: Group = { warningId, scope, connections: new Set(), lastEventId: 0, timer: null, lastRefreshMs: 0, lastRefreshAt: 0, figures: null, ready: Promise.resolve() };
      created.ready = (async () => {
        const latest = await this.deps.database.db.selectFrom('warning_event').select((eb) => eb.fn.max('id').as('id')).where('warning_id', '=', warningId).executeTakeFirst();
        created.lastEventId = Number(latest?.id ?? 0);
        created.figures = await dashboardFigures(this.deps.database.db, scope, nowIso(this.deps));
      })();
      created.ready.catch(() => this.groups.get(key) === created && this.groups.delete(key));
      this.groups.set(key, created);
      group = created;
    }
    await group.ready;
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const conn: Connection = { reply, ctx };
    group.connections.add(conn);
    // The last viewer may have left while this one waited: the group lives on with this one.
    if (!this.groups.has(key)) this.groups.set(key, group);
    write(conn, 'figures', group.figures);
    const g = group;
    reply.raw.on('close', () => {
      g.connections.delete(conn);
      if (g.connections.size === 0 && this.groups.get(key) === g) {
        if (g.timer) clearTimeout(g.timer);
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
      // A first event after a quiet spell goes out almost at once; during a storm, refreshes are
      // spaced by twice what the last one cost (capped), so thousands of viewers still hear within a second.
      const quiet = Date.now() - group.lastRefreshAt > 1000;
      const delay = quiet ? FIRST_DELAY_MS : Math.min(MAX_REFRESH_DELAY_MS, REFRESH_DELAY_MS + 2 * group.lastRefreshMs);
      group.timer = setTimeout(() => void this.refresh(group), delay);
    }
  }

  private async refresh(group: Group) {
    group.timer = null;
    const first = group.connections.values().next().value;
    if (!first) return;
    const started = performance.now();
    try {
      const db = this.deps.database.db;
      const warning = await db.selectFrom('warning').selectAll().where('id', '=', group.warningId).executeTakeFirstOrThrow();
      group.scope = { ...group.scope, warning };
      const figures = await dashboardFigures(db, group.scope, nowIso(this.deps));
      group.figures = figures;
      const entries = await timeline(first.ctx, group.warningId, { afterId: group.lastEventId, limit: TIMELINE_PUSH });
      if (entries.length) group.lastEventId = Math.max(group.lastEventId, ...entries.map((e) => e.id));
      // Encoded once, written to every viewer: 5,000 viewers share one buffer, not 5,000 strings.
      const payload = Buffer.from((entries.length ? frame('timeline', entries) : '') + frame('figures', figures));
      for (const c of group.connections) {
        if (c.reply.raw.writableLength < MAX_BACKLOG_BYTES) c.reply.raw.write(payload);
      }
      group.lastRefreshMs = performance.now() - started;
      group.lastRefreshAt = Date.now();
    } catch (err) {
      this.deps.log.warn({ err, warning: group.warningId }, 'live dashboard refresh failed');
    }
  }
}

function frame(event: string, data: unknown) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function write(c: Connection, event: string, data: unknown) {
  c.reply.raw.write(frame(event, data));
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
