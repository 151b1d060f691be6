// The Open311 client applications trusted to file requests (a county's 随手拍 mini-program, a
// citizen-service hotline's system). The system administrator registers each one with a contact;
// it gets a random API key, shown once and kept only as its SHA-256 (like session tokens), and
// loses it when revoked. Installation-wide, so only a system-wide grant of user.manage — the
// system administrator — manages them, as the holiday calendar and the cascade settings do.
import { recordAudit } from '../../core/audit.ts';
import { requirePermission, scopeOf } from '../../core/access.ts';
import { nowIso, type Auth, type RequestCtx } from '../../core/context.ts';
import { randomToken, sha256 } from '../../core/crypto.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Open311ClientRef } from './provider.ts';
import * as repo from './repo.ts';
import type { NewClientInput } from './schemas.ts';

const PERMISSION = 'user.manage' as const;
/** Recognisable in logs and secret scanners; the rest is 192 random bits. */
export const KEY_PREFIX = 'xf311_';
const HINT_CHARS = 4;

export function requireOpen311Admin(auth: Auth | null): Auth {
  const a = requirePermission(auth, PERMISSION);
  if (!scopeOf(a, PERMISSION).global) throw new AppError(403, 'georeport.admin_only');
  return a;
}

function present(ctx: RequestCtx, r: repo.ClientRow) {
  return {
    id: r.id,
    name: r.name,
    contact: r.contact_enc ? ctx.deps.cipher.decrypt(r.contact_enc) : null,
    note: r.note,
    keyHint: `${r.key_hint}…`,
    active: r.revoked_at === null,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by_name,
    lastUsedAt: r.last_used_at,
  };
}
export type Open311Client = ReturnType<typeof present>;

export async function listClients(ctx: RequestCtx) {
  requireOpen311Admin(ctx.auth);
  const rows = await repo.listClients(ctx.deps.database.db);
  return rows.map((r) => present(ctx, r));
}

/** Registers a client and answers with its key: the only time the key is ever shown. */
export async function registerClient(ctx: RequestCtx, input: NewClientInput) {
  const auth = requireOpen311Admin(ctx.auth);
  const apiKey = `${KEY_PREFIX}${randomToken(24)}`;
  const keyHint = apiKey.slice(0, KEY_PREFIX.length + HINT_CHARS);
  const db = ctx.deps.database.db;
  let id: number;
  try {
    id = await db.transaction().execute(async (tx) => {
      const newId = await repo.insertClient(tx, {
        name: input.name, contactEnc: input.contact ? ctx.deps.cipher.encrypt(input.contact) : null, note: input.note,
        // The command line acts as user 0, which is no account.
        keyHash: sha256(apiKey), keyHint, createdBy: auth.userId || null, now: nowIso(ctx.deps),
      });
      // Neither the key nor the contact (it may name a person) goes into the audit log.
      await recordAudit(tx, ctx, { entityType: 'open311_client', entityId: newId, unitId: null, action: 'open311.client.create', after: { name: input.name, note: input.note, keyHint, contactGiven: input.contact !== null } });
      return newId;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('georeport.client_name_taken', { name: input.name }, [{ field: 'name', code: 'georeport.client_name_taken', params: { name: input.name } }]);
    throw e;
  }
  const row = await repo.clientById(db, id);
  return { client: present(ctx, row!), apiKey };
}

/** Revokes a client's key for good: requests it files from now on are refused. */
export async function revokeClient(ctx: RequestCtx, id: number) {
  const auth = requireOpen311Admin(ctx.auth);
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.clientById(tx, id);
    if (!row) throw notFound();
    if (!(await repo.revokeClient(tx, id, auth.userId || null, now))) throw conflict('georeport.client_revoked');
    await recordAudit(tx, ctx, { entityType: 'open311_client', entityId: id, unitId: null, action: 'open311.client.revoke', before: { name: row.name, revokedAt: null }, after: { name: row.name, revokedAt: now } });
  });
  return present(ctx, (await repo.clientById(db, id))!);
}

/**
 * The client a POST requests.json comes from, by its api_key (a form field, as the specification
 * says). Without a key, or with one that is unknown or revoked, the request is refused (403).
 */
export async function authenticateClient(ctx: RequestCtx, apiKey: unknown): Promise<Open311ClientRef> {
  const key = typeof apiKey === 'string' ? apiKey.trim() : '';
  if (!key) throw new AppError(403, 'georeport.api_key_required');
  // A key longer than any issued is not worth a look-up.
  const client = key.length <= 200 ? await repo.activeClientByKeyHash(ctx.deps.database.db, sha256(key)) : undefined;
  if (!client) throw new AppError(403, 'georeport.api_key_invalid');
  return client;
}
