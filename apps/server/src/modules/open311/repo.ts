// Every SQL statement of the Open311 client registry (the applications trusted to file requests).
import type { Db } from '../../core/context.ts';

const columns = [
  'open311_client.id', 'open311_client.name', 'open311_client.contact_enc', 'open311_client.note', 'open311_client.key_hint',
  'open311_client.created_at', 'open311_client.revoked_at', 'open311_client.last_used_at',
  'creator.display_name as created_by_name', 'revoker.display_name as revoked_by_name',
] as const;

function clientBase(db: Db) {
  return db
    .selectFrom('open311_client')
    .leftJoin('app_user as creator', 'creator.id', 'open311_client.created_by')
    .leftJoin('app_user as revoker', 'revoker.id', 'open311_client.revoked_by');
}

export function clientById(db: Db, id: number) {
  return clientBase(db).select(columns).where('open311_client.id', '=', id).executeTakeFirst();
}
export type ClientRow = NonNullable<Awaited<ReturnType<typeof clientById>>>;

/** Clients in use first (newest first), then the revoked ones (most recently revoked first). */
export function listClients(db: Db) {
  return clientBase(db)
    .select(columns)
    .orderBy((eb) => eb.case().when('open311_client.revoked_at', 'is', null).then(0).else(1).end())
    .orderBy('open311_client.revoked_at', 'desc')
    .orderBy('open311_client.id', 'desc')
    .execute();
}

export async function insertClient(db: Db, c: { name: string; contactEnc: string | null; note: string; keyHash: string; keyHint: string; createdBy: number | null; now: string }) {
  const row = await db
    .insertInto('open311_client')
    .values({ name: c.name, contact_enc: c.contactEnc, note: c.note, key_hash: c.keyHash, key_hint: c.keyHint, created_by: c.createdBy, created_at: c.now, revoked_by: null, revoked_at: null, last_used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes a client still in use; 0 rows when it was revoked already (or meanwhile). */
export async function revokeClient(db: Db, id: number, by: number | null, now: string) {
  const res = await db.updateTable('open311_client').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The client in use that holds the key with this hash. */
export function activeClientByKeyHash(db: Db, keyHash: string) {
  return db.selectFrom('open311_client').select(['id', 'name']).where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function markUsed(db: Db, id: number, now: string) {
  await db.updateTable('open311_client').set({ last_used_at: now }).where('id', '=', id).execute();
}

/**
 * Everyone on the timelines of these hazards (reporter, assignees, fixers, verifiers, whoever
 * rejected or reopened them), by hazard: their names are blanked out of the public text.
 */
export async function hazardPeople(db: Db, hazardIds: number[]) {
  const out = new Map<number, string[]>();
  if (!hazardIds.length) return out;
  const rows = await db
    .selectFrom('hazard_event')
    .innerJoin('app_user', 'app_user.id', 'hazard_event.actor_id')
    .select(['hazard_event.hazard_id', 'app_user.display_name'])
    .distinct()
    .where('hazard_event.hazard_id', 'in', hazardIds)
    .execute();
  for (const r of rows) out.set(r.hazard_id, [...(out.get(r.hazard_id) ?? []), r.display_name]);
  return out;
}
