// Start-up: connect, migrate, load the key, choose the session store, seed what every install needs.
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { DEFAULT_SPECIALTIES } from '@xianfeng/domain';
import { connect, migrate, type XfDatabase } from './db/connection.ts';
import { createCipher, loadMasterKey } from './core/crypto.ts';
import type { Deps } from './core/context.ts';
import { dbSessionStore, dbThrottleStore, redisSessionStore, redisThrottleStore } from './modules/auth/store.ts';
import type { Config } from './config.ts';
import { localBus, postgresBus, redisBus, type EventBus } from './core/events.ts';

export interface DepsOptions {
  log?: Logger;
  /** Test hook: a fixed clock. */
  now?: () => Date;
  pgSchema?: string;
}

export async function createDeps(config: Config, opts: DepsOptions = {}): Promise<Deps & { close(): Promise<void> }> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const pgSchema = opts.pgSchema ?? config.pgSchema;
  const database = await connect({ url: config.databaseUrl, pgSchema, poolSize: config.pgPoolSize });
  const applied = await migrate(database);
  if (applied.length) log.info({ applied }, 'database migrated');
  const cipher = createCipher(loadMasterKey({ secret: config.secretKey, keyFile: config.keyFile, log: (m) => log.warn(m) }));
  await seedSpecialties(database);
  let redis: Redis | null = null;
  if (config.redisUrl) {
    redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }
  const prefix = pgSchema ? `xf:${pgSchema}:` : 'xf:';
  let events: EventBus;
  if (redis) events = await redisBus(redis, `${prefix}events`, log);
  else if (database.dialect === 'postgres') events = await postgresBus(config.databaseUrl, pgSchema ?? 'public', log);
  else events = localBus(log);
  return {
    database,
    cipher,
    sessions: redis ? redisSessionStore(redis, prefix) : dbSessionStore(database.db),
    throttle: redis ? redisThrottleStore(redis, prefix) : dbThrottleStore(database.db, database.dialect),
    log,
    now: opts.now ?? (() => new Date()),
    events,
    async close() {
      await events.close();
      await database.close();
      if (redis) redis.disconnect();
    },
  };
}

async function seedSpecialties(database: XfDatabase) {
  const { db } = database;
  const any = await db.selectFrom('specialty').select('id').where('unit_id', 'is', null).limit(1).executeTakeFirst();
  if (any) return;
  const now = new Date().toISOString();
  await db.insertInto('specialty').values(DEFAULT_SPECIALTIES.map((name) => ({ name, unit_id: null, created_at: now }))).execute();
}
