// Configuration comes from the environment; defaults make `npm start` work on a fresh clone.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** PostgreSQL schema (several installations or test runs can share one database). */
  pgSchema?: string;
  /** Connections each app server keeps to PostgreSQL. */
  pgPoolSize?: number;
  secretKey?: string;
  keyFile: string;
  redisUrl?: string;
  adminPassword?: string;
  webDist: string | null;
  logLevel: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || path.join(repoRoot, 'data', 'xianfeng.db');
  const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
  return {
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    pgSchema: env.XIANFENG_PG_SCHEMA || undefined,
    pgPoolSize: Number(env.XIANFENG_PG_POOL) || undefined,
    secretKey: env.XIANFENG_SECRET_KEY || undefined,
    // Beside the SQLite file, so a backup of the data folder carries its key along.
    keyFile: env.XIANFENG_KEY_FILE || (isPostgres ? path.join(repoRoot, 'data', 'xianfeng.key') : `${path.resolve(databaseUrl)}.key`),
    redisUrl: env.REDIS_URL || undefined,
    adminPassword: env.XIANFENG_ADMIN_PASSWORD || undefined,
    webDist: env.XIANFENG_WEB_DIST ?? path.join(repoRoot, 'apps', 'web', 'dist'),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
