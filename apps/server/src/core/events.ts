// Live events between app servers: what one server commits (an acknowledgement, an alarm) must
// reach the browsers connected to every other server. One bus per process, chosen by
// configuration: Redis pub/sub when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY on
// PostgreSQL, else (one SQLite process) an in-process emitter. Events are small hints ("warning 7
// changed: unit 12 acknowledged"); receivers read the figures from the database themselves.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface LiveEvent {
  topic: 'warning';
  warningId: number;
  kind: string;
  unitId?: number | null;
  at: string;
}

export interface EventBus {
  readonly name: 'local' | 'postgres' | 'redis';
  /** Call after the change is committed. Never throws nor waits: a lost hint only delays a screen. */
  publish(event: LiveEvent): Promise<void>;
  subscribe(handler: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const COALESCE_MS = 50;

function emitterBus(name: EventBus['name'], send: (payload: string) => Promise<void>, close: () => Promise<void>, log: Logger) {
  const pending = new Map<string, { event: LiveEvent }>();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const bus: EventBus & { deliver(payload: string): void } = {
    name,
    // Hints for one warning within a short window go out as one: a storm of 12,000
    // acknowledgements is a few dozen NOTIFYs (each of which serializes commits on PostgreSQL),
    // and receivers re-read the figures anyway. The caller never waits for the send.
    async publish(event) {
      const key = `${event.topic}:${event.warningId}`;
      const waiting = pending.get(key);
      if (waiting) {
        waiting.event = event;
        return;
      }
      const entry = { event };
      pending.set(key, entry);
      setTimeout(() => {
        pending.delete(key);
        send(JSON.stringify(entry.event)).catch((err) => log.warn({ err }, 'live event not published'));
      }, COALESCE_MS).unref();
    },
    subscribe(handler) {
      emitter.on('event', handler);
      return () => emitter.off('event', handler);
    },
    deliver(payload) {
      try {
        emitter.emit('event', JSON.parse(payload) as LiveEvent);
      } catch (err) {
        log.warn({ err }, 'live event not delivered');
      }
    },
    close,
  };
  return bus;
}

export function localBus(log: Logger): EventBus {
  const bus = emitterBus('local', async (payload) => queueMicrotask(() => bus.deliver(payload)), async () => {}, log);
  return bus;
}

/** One LISTEN connection per process; NOTIFY goes through a short-lived pool query. */
export async function postgresBus(url: string, channelSuffix: string, log: Logger): Promise<EventBus> {
  const channel = `xf_events_${channelSuffix}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 60);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let listener: pg.Client | null = null;
  let closed = false;
  const bus = emitterBus('postgres', async (payload) => void (await pool.query('SELECT pg_notify($1, $2)', [channel, payload])), async () => {
    closed = true;
    await listener?.end().catch(() => {});
    await pool.end();
  }, log);
  // A dropped LISTEN connection (database restart) is re-opened; events in between are lost, and
  // the browser's next figures refresh catches up.
  const connectListener = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => msg.payload && bus.deliver(msg.payload));
    client.on('error', (err) => {
      log.warn({ err }, 'event listener connection lost');
      if (!closed) setTimeout(() => void connectListener().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    listener = client;
  };
  await connectListener();
  return bus;
}

export async function redisBus(redis: Redis, channel: string, log: Logger): Promise<EventBus> {
  const subscriber = redis.duplicate();
  const bus = emitterBus('redis', async (payload) => void (await redis.publish(channel, payload)), async () => {
    subscriber.disconnect();
  }, log);
  subscriber.on('message', (_ch: string, payload: string) => bus.deliver(payload));
  await subscriber.subscribe(channel);
  return bus;
}
