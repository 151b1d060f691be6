import path from 'node:path';
import fs from 'node:fs';
import { Kysely, PostgresDialect, SqliteDialect, CompiledQuery } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DB } from './schema.ts';
import type { DialectName } from './dialect.ts';
import { migrations } from './migrations.ts';

// DATE and TIMESTAMP would come back as JS Dates; we keep ISO text everywhere instead.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10)); // int8 counts → number

export interface Database_ {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The PostgreSQL schema in use, when not the default. */
  pgSchema?: string;
  /** Where the SQLite file lives (null for PostgreSQL or in-memory). */
  file: string | null;
  close(): Promise<void>;
}
export type { Database_ as XfDatabase };

export interface ConnectOptions {
  /** `postgres://…` or a SQLite file path (`:memory:` for tests). */
  url: string;
  /** PostgreSQL schema to use (tests isolate themselves in one each). */
  pgSchema?: string;
  poolSize?: number;
}

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function connect(opts: ConnectOptions): Promise<Database_> {
  if (isPostgresUrl(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    if (opts.pgSchema) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.pgSchema}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pgSchema: opts.pgSchema, file: null, close: () => db.destroy() };
  }
  const file = opts.url === ':memory:' ? null : path.resolve(opts.url);
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file ?? ':memory:');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({
      database: withStatementCache(sqlite),
      onCreateConnection: async (conn) => {
        await conn.executeQuery(CompiledQuery.raw('PRAGMA foreign_keys = ON'));
      },
    }),
  });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles the SQL on each prepare(): a
 * profile of filing help requests spent as long compiling as running. Compiled statements are
 * kept by their SQL text (bounded, least recently used out). A statement still being iterated (a
 * stream) is never handed out twice: a fresh one is compiled instead.
 */
function withStatementCache(sqlite: Database.Database, size = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      cache.delete(sql);
      const stmt = cached && !cached.busy ? cached : sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

export async function migrate(database: Database_): Promise<string[]> {
  const all = migrations(database.dialect);
  const provider: MigrationProvider = { getMigrations: async () => all };
  // Kysely looks for its bookkeeping tables by name in any schema unless told which one.
  const migrator = new Migrator({ db: database.db, provider, ...(database.pgSchema ? { migrationTableSchema: database.pgSchema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    // Kysely looks for its lock table by listing the tables of every schema; a schema dropped by
    // someone else meanwhile (parallel test runs on one database) fails that listing. Try again.
    if (error && (error as { code?: string }).code === '3F000' && attempt < 5) continue;
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}
