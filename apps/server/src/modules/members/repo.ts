// Every SQL statement about members, their specialties and transfers.
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import type { ScopeQuery } from '../../core/access.ts';
import { type DialectName, likeText, toCount } from '../../db/dialect.ts';
import type { NewMember } from '../../db/schema.ts';

export const memberColumns = [
  'member.id', 'member.unit_id', 'member.name', 'member.gender', 'member.ethnicity', 'member.birth_date',
  'member.id_number_masked', 'member.mobile_masked', 'member.join_date', 'member.status', 'member.full_member_date',
  'member.education', 'member.occupation', 'member.specialties', 'member.created_at', 'member.updated_at',
] as const;
const withUnitColumns = [...memberColumns, 'unit.code as unit_code', 'unit.name as unit_name'] as const;

export interface MemberFilter {
  /** Units the list may draw from: a subtree of one unit, or the caller's whole scope. */
  units: ScopeQuery;
  q?: string;
  status?: string;
  specialty?: string;
  /**
   * How the scope is applied. 'drive': read the scope's units, then their members — best for a
   * village or a town. 'check': read members by the name/status index and check each against the
   * scope — best for a city-wide scope, where driving from 13,000 units means sorting 200,000 rows.
   * SQLite's planner cannot tell the two apart, so the service chooses from the scope's size.
   */
  plan?: 'drive' | 'check';
  /** The units are the whole tree (a county or city administrator): no unit condition is needed. */
  wholeTree?: boolean;
}

/** The tables a bulk load of members fills, whose planner statistics it should refresh. */
export const BULK_TABLES = ['unit', 'unit_closure', 'member', 'member_name_char', 'member_specialty'];

/** The distinct characters of a name, for the name-character index. */
export function nameChars(name: string): string[] {
  return [...new Set([...name].filter((c) => c.trim() !== ''))];
}

/** The smallest string greater than every string beginning with `prefix`. */
function nextPrefix(prefix: string) {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const isPinyin = (text: string) => /^[a-z]+$/i.test(text);

function filtered(db: Db, dialect: DialectName, f: MemberFilter) {
  let q = db.selectFrom('member');
  // A unary plus makes the column an expression, so no index on unit_id drives the query.
  if (!f.wholeTree) {
    q = f.plan === 'check' ? q.where(sql<number>`+${sql.ref('member.unit_id')}`, 'in', f.units) : q.where('member.unit_id', 'in', f.units);
  }
  if (f.q) {
    const text = f.q.trim();
    if (isPinyin(text)) {
      // Latin letters: pinyin initials ("wf" → 王芳) or the beginning of the full pinyin ("wangf").
      // Range conditions, not LIKE, so the prefix is read from the index on both databases.
      const from = text.toLowerCase();
      const to = nextPrefix(from);
      // Both keys begin with the same letter, so every match lies in that letter's stretch of the
      // pinyin index: a walk in pinyin order stays inside it.
      q = q.where('member.name_pinyin', '>=', from[0]).where('member.name_pinyin', '<', nextPrefix(from[0]));
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('member.name_initials', '>=', from), eb('member.name_initials', '<', to)]),
          eb.and([eb('member.name_pinyin', '>=', from), eb('member.name_pinyin', '<', to)]),
        ]),
      );
    } else {
      // Joined, not a semi-join: the planners then start from the character's few index entries
      // instead of scanning every name with LIKE. A single character needs nothing more.
      const [first, ...others] = nameChars(text);
      q = q.innerJoin('member_name_char as hit', (join) => join.onRef('hit.member_id', '=', 'member.id').on('hit.ch', '=', first));
      for (const ch of others.slice(0, 3)) {
        q = q.where('member.id', 'in', (eb) => eb.selectFrom('member_name_char').select('member_name_char.member_id').where('member_name_char.ch', '=', ch));
      }
      if ([...text].length > 1) q = q.where(likeText(dialect, 'member.name', text, 'contains'));
    }
  }
  if (f.status) q = q.where('member.status', '=', f.status);
  if (f.specialty) {
    const s = f.specialty;
    q = q.where('member.id', 'in', (eb) => eb.selectFrom('member_specialty').select('member_id').where('specialty', '=', s));
  }
  return q;
}

/**
 * One page of a list, in pinyin order. The walk reads ids only, so that it stays inside the covering
 * indexes (pinyin, initials, status); the page's rows and their units are fetched afterwards —
 * joining the unit table before the limit made PostgreSQL hash all 13,000 units of a city for 20 rows.
 */
export async function listPage(db: Db, dialect: DialectName, f: MemberFilter, page: number, pageSize: number) {
  const ids = await filtered(db, dialect, f)
    .select('member.id')
    .orderBy('member.name_pinyin')
    .orderBy('member.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return membersByIds(db, ids.map((r) => r.id));
}

/**
 * A name search in Chinese characters, read from the character index alone (migration 0002): the
 * entries of the first character carry the name, its pinyin and the unit, so neither the member
 * table nor a sort of the registry is needed, whatever the planner thinks of the scope.
 */
function characterMatches(db: Db, dialect: DialectName, f: MemberFilter, text: string) {
  const [first, ...others] = nameChars(text);
  let q = db.selectFrom('member_name_char as hit').where('hit.ch', '=', first).$if(!f.wholeTree, (q) => q.where('hit.unit_id', 'in', f.units));
  for (const ch of others.slice(0, 3)) {
    q = q.where('hit.member_id', 'in', (eb) => eb.selectFrom('member_name_char').select('member_name_char.member_id').where('member_name_char.ch', '=', ch));
  }
  if ([...text].length > 1) q = q.where(likeText(dialect, 'hit.name', text, 'contains'));
  if (f.status) {
    const status = f.status;
    q = q.where('hit.member_id', 'in', (eb) => eb.selectFrom('member').select('member.id').where('member.status', '=', status));
  }
  if (f.specialty) {
    const s = f.specialty;
    q = q.where('hit.member_id', 'in', (eb) => eb.selectFrom('member_specialty').select('member_id').where('specialty', '=', s));
  }
  return q;
}

const byCharacters = (f: MemberFilter) => !!f.q && !isPinyin(f.q.trim()) && nameChars(f.q).length > 0;

/**
 * One page of a search (or of a small scope's list) and its total. Matches are collected with their
 * sort key and sorted here: an index walk in pinyin order, which both planners like for a LIMIT,
 * finds initials matches like 王芳 ("wf") or one town's members only after reading most of the index.
 * A search matching more than `cap` members is read the other way — its page by that index walk,
 * which then finds matches at once — and its total is reported as "more than `cap`".
 */
export async function searchPage(db: Db, dialect: DialectName, f: MemberFilter, page: number, pageSize: number, cap = Infinity) {
  const matches = await collectMatches(db, dialect, f, Number.isFinite(cap) ? cap + 1 : null);
  if (matches.length <= cap) {
    matches.sort((a, b) => (a.name_pinyin < b.name_pinyin ? -1 : a.name_pinyin > b.name_pinyin ? 1 : a.id - b.id));
    const ids = matches.slice((page - 1) * pageSize, page * pageSize).map((m) => m.id);
    return { total: matches.length, capped: false, rows: await membersByIds(db, ids) };
  }
  if (!byCharacters(f)) return { total: cap, capped: true, rows: await listPage(db, dialect, f, page, pageSize) };
  const ordered = await characterMatches(db, dialect, f, f.q!.trim())
    .select('hit.member_id')
    .orderBy('hit.name_pinyin')
    .orderBy('hit.member_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: cap, capped: true, rows: await membersByIds(db, ordered.map((m) => m.member_id)) };
}

/** Every match with its sort key (at most `limit`), in no particular order. */
async function collectMatches(db: Db, dialect: DialectName, f: MemberFilter, limit: number | null): Promise<Array<{ id: number; name_pinyin: string }>> {
  if (byCharacters(f)) {
    return characterMatches(db, dialect, f, f.q!.trim()).select(['hit.member_id as id', 'hit.name_pinyin']).$if(limit !== null, (q) => q.limit(limit!)).execute();
  }
  if (!f.q || !isPinyin(f.q.trim())) return filtered(db, dialect, f).select(['member.id', 'member.name_pinyin']).$if(limit !== null, (q) => q.limit(limit!)).execute();
  // Initials and full-pinyin prefixes as two range reads of their own covering indexes, merged
  // here: an OR of the two makes PostgreSQL visit every matching row in the table.
  const from = f.q.trim().toLowerCase();
  const byKey = (column: 'member.name_initials' | 'member.name_pinyin') =>
    filtered(db, dialect, { ...f, q: undefined })
      .where(column, '>=', from)
      .where(column, '<', nextPrefix(from))
      .select(['member.id', 'member.name_pinyin'])
      .$if(limit !== null, (q) => q.limit(limit!))
      .execute();
  const [initials, full] = await Promise.all([byKey('member.name_initials'), byKey('member.name_pinyin')]);
  const seen = new Set(initials.map((m) => m.id));
  return [...initials, ...full.filter((m) => !seen.has(m.id))];
}

/** Members by id, in the order given, with their units. */
async function membersByIds(db: Db, ids: number[]) {
  const rows = ids.length ? await db.selectFrom('member').select(memberColumns).where('member.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return withUnits(db, ids.map((id) => byId.get(id)!));
}

async function withUnits<T extends { unit_id: number }>(db: Db, rows: T[]) {
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const units = unitIds.length ? await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', 'in', unitIds).execute() : [];
  const byId = new Map(units.map((u) => [u.id, u]));
  // Set on the rows, not spread into copies: a copy of a 16-column row with two more properties
  // costs ~700 bytes, and those copies were the largest share of the garbage a busy server's
  // old space gathered between two full collections.
  return rows.map((r) => Object.assign(r, { unit_code: byId.get(r.unit_id)!.code, unit_name: byId.get(r.unit_id)!.name }));
}

export async function countFiltered(db: Db, dialect: DialectName, f: MemberFilter) {
  const row = await filtered(db, dialect, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toCount(row?.n);
}

/** Streams the filtered list in pages of `batch`, for exports of any size. */
export async function* listAll(db: Db, dialect: DialectName, f: MemberFilter, batch = 2000) {
  let lastKey: { pinyin: string; id: number } | null = null;
  for (;;) {
    let q = filtered(db, dialect, f)
      .innerJoin('unit', 'unit.id', 'member.unit_id')
      .select([...withUnitColumns, 'member.name_pinyin', 'member.id_number_enc', 'member.mobile_enc']);
    if (lastKey) {
      const k = lastKey;
      q = q.where((eb) => eb.or([eb('member.name_pinyin', '>', k.pinyin), eb.and([eb('member.name_pinyin', '=', k.pinyin), eb('member.id', '>', k.id)])]));
    }
    const rows = await q.orderBy('member.name_pinyin').orderBy('member.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    lastKey = { pinyin: last.name_pinyin, id: last.id };
  }
}

export function findById(db: Db, id: number) {
  return db
    .selectFrom('member')
    .innerJoin('unit', 'unit.id', 'member.unit_id')
    .select([...withUnitColumns, 'member.id_number_enc', 'member.mobile_enc', 'member.id_number_hash'])
    .where('member.id', '=', id)
    .executeTakeFirst();
}

export async function idNumberTaken(db: Db, hash: string, exceptId?: number) {
  let q = db.selectFrom('member').select('id').where('id_number_hash', '=', hash);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function existingIdHashes(db: Db, hashes: string[]) {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.selectFrom('member').select('id_number_hash').where('id_number_hash', 'in', hashes.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.id_number_hash);
  }
  return found;
}

export async function insertMembers(db: Db, rows: Array<NewMember & { specialtyList: string[] }>) {
  const idByHash = new Map<string, number>();
  // Multi-row inserts in chunks: SQLite allows at most 32,766 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto('member')
      .values(chunk.map(({ specialtyList: _s, ...row }) => row))
      // RETURNING promises no order: match the new ids back by the unique ID-number index.
      .returning(['id', 'id_number_hash'])
      .execute();
    for (const r of inserted) idByHash.set(r.id_number_hash, r.id);
  }
  const ids = rows.map((r) => idByHash.get(r.id_number_hash)!);
  const charRows = rows.flatMap((r, i) => nameCharRows({ ...r, id: ids[i] }));
  for (let i = 0; i < charRows.length; i += 1000) {
    await db.insertInto('member_name_char').values(charRows.slice(i, i + 1000)).execute();
  }
  const specialtyRows = rows.flatMap((r, i) => r.specialtyList.map((specialty) => ({ member_id: ids[i], specialty })));
  for (let i = 0; i < specialtyRows.length; i += 1000) {
    await db.insertInto('member_specialty').values(specialtyRows.slice(i, i + 1000)).execute();
  }
  return ids;
}

export async function replaceSpecialties(db: Db, memberId: number, specialties: string[]) {
  await db.deleteFrom('member_specialty').where('member_id', '=', memberId).execute();
  if (specialties.length) await db.insertInto('member_specialty').values(specialties.map((specialty) => ({ member_id: memberId, specialty }))).execute();
}

function nameCharRows(m: { id: number; name: string; name_pinyin: string; unit_id: number }) {
  return nameChars(m.name).map((ch) => ({ ch, member_id: m.id, name: m.name, name_pinyin: m.name_pinyin, unit_id: m.unit_id }));
}

export async function updateMember(db: Db, id: number, values: Partial<NewMember>) {
  await db.updateTable('member').set(values).where('id', '=', id).execute();
  // The character index copies the name, its pinyin and the unit: rewrite it when any of them changes.
  if (values.name !== undefined || values.name_pinyin !== undefined || values.unit_id !== undefined) {
    const m = await db.selectFrom('member').select(['id', 'name', 'name_pinyin', 'unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
    await db.deleteFrom('member_name_char').where('member_id', '=', id).execute();
    await db.insertInto('member_name_char').values(nameCharRows(m)).execute();
  }
}

export function insertTransfer(db: Db, t: { member_id: number; from_unit_id: number; to_unit_id: number; transferred_on: string; reason: string | null; actor_user_id: number | null; created_at: string }) {
  return db.insertInto('member_transfer').values(t).execute();
}

export function transfers(db: Db, memberId: number) {
  return db
    .selectFrom('member_transfer as t')
    .innerJoin('unit as f', 'f.id', 't.from_unit_id')
    .innerJoin('unit as d', 'd.id', 't.to_unit_id')
    .select(['t.id', 't.transferred_on', 't.reason', 't.created_at', 'f.id as from_id', 'f.code as from_code', 'f.name as from_name', 'd.id as to_id', 'd.code as to_code', 'd.name as to_name'])
    .where('t.member_id', '=', memberId)
    .orderBy('t.id', 'desc')
    .execute();
}

/** The curated specialties plus those added by the unit or any of its ancestors. */
export async function specialtiesFor(db: Db, unitId: number | null) {
  let q = db.selectFrom('specialty').select('name');
  q = unitId === null
    ? q.where('unit_id', 'is', null)
    : q.where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', eb.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', unitId))]));
  const rows = await q.orderBy('id').execute();
  return [...new Set(rows.map((r) => r.name))];
}

export async function addSpecialty(db: Db, unitId: number, name: string, now: string) {
  await db
    .insertInto('specialty')
    .values({ name, unit_id: unitId, created_at: now })
    .onConflict((oc) => oc.columns(['name', 'unit_id']).doNothing())
    .execute();
}
