// Sessions and login-throttling counters live outside the process (database, or Redis when
// REDIS_URL is set), so any number of app servers can serve the same user.
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { randomToken, sha256 } from '../../core/crypto.ts';
import { forUpdate, type DialectName } from '../../db/dialect.ts';

export interface SessionRecord {
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionStore {
  create(input: { userId: number; ip: string | null; userAgent: string | null; ttlSeconds: number; now: Date }): Promise<{ token: string; csrfToken: string; id: string }>;
  get(token: string, now: Date): Promise<SessionRecord | null>;
  destroy(token: string): Promise<void>;
  destroyAllForUser(userId: number): Promise<void>;
}

export interface ThrottleStore {
  /** Milliseconds until the key may try again; 0 when it is not locked. */
  lockedFor(key: string, now: Date): Promise<number>;
  /** Counts a failure; returns true when this failure locked the key. */
  fail(key: string, now: Date, policy: ThrottlePolicy): Promise<boolean>;
  reset(key: string): Promise<void>;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export function dbSessionStore(db: Kysely<DB>): SessionStore {
  return {
    async create({ userId, ip, userAgent, ttlSeconds, now }) {
      const token = randomToken();
      const csrfToken = randomToken(18);
      const id = sha256(token);
      await db
        .insertInto('session')
        .values({
          id,
          user_id: userId,
          csrf_token: csrfToken,
          ip,
          user_agent: userAgent?.slice(0, 300) ?? null,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        })
        .execute();
      return { token, csrfToken, id };
    },
    async get(token, now) {
      const row = await db.selectFrom('session').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
      if (!row || row.expires_at <= now.toISOString()) return null;
      return { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },
    async destroy(token) {
      await db.deleteFrom('session').where('id', '=', sha256(token)).execute();
    },
    async destroyAllForUser(userId) {
      await db.deleteFrom('session').where('user_id', '=', userId).execute();
    },
  };
}

export function dbThrottleStore(db: Kysely<DB>, dialect: DialectName): ThrottleStore {
  return {
    async lockedFor(key, now) {
      const row = await db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
      if (!row?.locked_until) return 0;
      return Math.max(0, Date.parse(row.locked_until) - now.getTime());
    },
    async fail(key, now, policy) {
      // One transaction, so concurrent failures from two servers are all counted.
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('login_throttle')
          .values({ key, failures: 0, window_started_at: now.toISOString(), locked_until: null })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        const row = await forUpdate(trx.selectFrom('login_throttle').selectAll().where('key', '=', key), dialect).executeTakeFirstOrThrow();
        const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000).toISOString();
        const inWindow = row.failures > 0 && row.window_started_at > windowStart;
        const failures = inWindow ? row.failures + 1 : 1;
        const locked = failures >= policy.maxFailures;
        const values = {
          failures: locked ? 0 : failures,
          window_started_at: inWindow ? row.window_started_at : now.toISOString(),
          locked_until: locked ? new Date(now.getTime() + policy.lockSeconds * 1000).toISOString() : row.locked_until,
        };
        await trx.updateTable('login_throttle').set(values).where('key', '=', key).execute();
        return locked;
      });
    },
    async reset(key) {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}

export function redisSessionStore(redis: Redis, prefix = 'xf:'): SessionStore {
  const k = (id: string) => `${prefix}session:${id}`;
  const userKey = (userId: number) => `${prefix}user-sessions:${userId}`;
  return {
    async create({ userId, ttlSeconds, now }) {
      const token = randomToken();
      const csrfToken = randomToken(18);
      const id = sha256(token);
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
      await redis
        .multi()
        .set(k(id), JSON.stringify({ id, userId, csrfToken, expiresAt }), 'EX', ttlSeconds)
        .sadd(userKey(userId), id)
        .expire(userKey(userId), ttlSeconds)
        .exec();
      return { token, csrfToken, id };
    },
    async get(token) {
      const raw = await redis.get(k(sha256(token)));
      return raw ? (JSON.parse(raw) as SessionRecord) : null;
    },
    async destroy(token) {
      await redis.del(k(sha256(token)));
    },
    async destroyAllForUser(userId) {
      const ids = await redis.smembers(userKey(userId));
      if (ids.length) await redis.del(...ids.map(k));
      await redis.del(userKey(userId));
    },
  };
}

export function redisThrottleStore(redis: Redis, prefix = 'xf:'): ThrottleStore {
  const failKey = (key: string) => `${prefix}login-fail:${key}`;
  const lockKey = (key: string) => `${prefix}login-lock:${key}`;
  return {
    async lockedFor(key) {
      const ms = await redis.pttl(lockKey(key));
      return ms > 0 ? ms : 0;
    },
    async fail(key, _now, policy) {
      const [[, count]] = (await redis.multi().incr(failKey(key)).expire(failKey(key), policy.windowSeconds, 'NX').exec()) as [[null, number]];
      if (count >= policy.maxFailures) {
        await redis.multi().set(lockKey(key), '1', 'EX', policy.lockSeconds).del(failKey(key)).exec();
        return true;
      }
      return false;
    },
    async reset(key) {
      await redis.del(failKey(key), lockKey(key));
    },
  };
}
