import type { Kysely, Transaction } from 'kysely';
import { todayYmd, type Locale, type Role } from '@xianfeng/domain';
import type { DB } from '../db/schema.ts';
import type { XfDatabase } from '../db/connection.ts';
import type { Cipher } from './crypto.ts';
import type { SessionStore, ThrottleStore } from '../modules/auth/store.ts';
import type { Logger } from 'pino';
import type { EventBus } from './events.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface Grant {
  role: Role;
  /** null: the whole system (system administrators only). */
  unitId: number | null;
}

/** Who is calling: the logged-in user and the roles they hold, each on a unit subtree. */
export interface Auth {
  userId: number;
  displayName: string;
  memberId: number | null;
  grants: Grant[];
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** Process-wide dependencies, built once at start-up. Nothing here holds per-user state. */
export interface Deps {
  database: XfDatabase;
  cipher: Cipher;
  sessions: SessionStore;
  throttle: ThrottleStore;
  log: Logger;
  now: () => Date;
  /** Live events between app servers (acknowledgements reaching every open dashboard). */
  events: EventBus;
}

/** One request's view: the caller, their language and address, for services and the audit log. */
export interface RequestCtx {
  deps: Deps;
  auth: Auth | null;
  locale: Locale;
  ip: string | null;
}

export function nowIso(deps: Pick<Deps, 'now'>) {
  return deps.now().toISOString();
}

/** Today's date in China by the deps' clock (which tests move), 'YYYY-MM-DD'. */
export function today(ctx: { deps: Pick<Deps, 'now'> }) {
  return todayYmd(ctx.deps.now());
}

/**
 * Something kept for each database, made on first use (a group commit's queue, a cache): app
 * servers and tests may hold several databases in one process.
 */
export function perDatabase<T>(make: (db: Db) => T) {
  const made = new WeakMap<Db, T>();
  return (db: Db) => {
    let it = made.get(db);
    if (!it) made.set(db, (it = make(db)));
    return it;
  };
}
