import {
  maskIdNumber, maskMobile, parseIdNumber, parseMobile, pinyinKeys, todayYmd, validateMember,
  type MemberStatus,
} from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { conflict, invalid, notFound, unprocessable, type FieldIssue } from '../../core/errors.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import type { Cipher } from '../../core/crypto.ts';
import type { NewMember } from '../../db/schema.ts';
import * as unitRepo from '../units/repo.ts';
import * as repo from './repo.ts';
import * as pointsRepo from '../points/repo.ts';
import { awardedStars } from '../stars/repo.ts';

export interface MemberInput {
  unitId: number;
  name: string;
  gender: string;
  ethnicity?: string | null;
  birthDate: string;
  idNumber: string;
  mobile?: string | null;
  joinDate: string;
  status: MemberStatus;
  fullMemberDate?: string | null;
  education?: string | null;
  occupation?: string | null;
  specialties?: string[];
}

type ListRow = Awaited<ReturnType<typeof repo.listPage>>[number];

export function presentListItem(m: ListRow) {
  return {
    id: m.id,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birth_date,
    idNumber: m.id_number_masked,
    mobile: m.mobile_masked,
    joinDate: m.join_date,
    status: m.status,
    fullMemberDate: m.full_member_date,
    education: m.education,
    occupation: m.occupation,
    specialties: m.specialties ? m.specialties.split('|') : [],
    unit: { id: m.unit_id, code: m.unit_code, name: m.unit_name },
  };
}

export interface ListQuery {
  unitId?: number;
  q?: string;
  status?: string;
  specialty?: string;
  page: number;
  pageSize: number;
}

/** The filter of a list or export: a unit's subtree (checked against scope) or the whole scope. */
export async function memberFilter(ctx: RequestCtx, query: Omit<ListQuery, 'page' | 'pageSize'>, permission: 'member.read' | 'member.export' = 'member.read'): Promise<repo.MemberFilter & { roots: number[] | 'all' }> {
  const auth = requirePermission(ctx.auth, permission);
  const db = ctx.deps.database.db;
  let units = scopedUnitIds(db, auth, permission);
  const scope = scopeOf(auth, permission);
  let roots: number[] | 'all' = scope.global ? 'all' : scope.roots;
  if (query.unitId !== undefined) {
    await requireUnitAccess(db, auth, permission, query.unitId);
    units = db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', query.unitId);
    roots = [query.unitId];
  }
  return { units, roots, q: query.q || undefined, status: query.status, specialty: query.specialty };
}

/**
 * Above this many members in scope, an unfiltered or status/specialty list reads the pinyin or status
 * index in order and checks each row against the scope; below it, the scope's members are collected.
 */
const LARGE_SCOPE = 5000;

/**
 * A name search counts its matches up to this many. Beyond it the list says "more than 2,000" and
 * pages through the first 2,000: nobody reads further, they type another character. Counting a
 * common surname exactly across a city would cost more than the page itself.
 */
export const SEARCH_COLLECT_LIMIT = 2000;

export async function list(ctx: RequestCtx, query: ListQuery) {
  const { db, dialect } = ctx.deps.database;
  const filter = await memberFilter(ctx, query);
  const unfiltered = !filter.q && !filter.status && !filter.specialty;
  // The maintained per-unit counts (see unit.member_count) give the scope's size at once: it is
  // the total of an unfiltered list and decides how a filtered one is read.
  const inScope = await unitRepo.memberCountUnder(db, filter.roots);
  filter.plan = inScope > LARGE_SCOPE ? 'check' : 'drive';
  filter.wholeTree = filter.plan === 'check' && (await unitRepo.coversWholeTree(db, filter.roots));
  // A search, or any list of a village- or town-sized scope, is collected whole and sorted in the
  // application: no planner can then choose a pinyin-order index walk over the whole registry.
  if (filter.q || filter.plan === 'drive') {
    const { rows, total, capped } = await repo.searchPage(db, dialect, filter, query.page, query.pageSize, filter.q ? SEARCH_COLLECT_LIMIT : Infinity);
    return { items: rows.map(presentListItem), total, totalCapped: capped, page: query.page, pageSize: query.pageSize };
  }
  const [rows, total] = await Promise.all([
    repo.listPage(db, dialect, filter, query.page, query.pageSize),
    unfiltered ? inScope : repo.countFiltered(db, dialect, filter),
  ]);
  return { items: rows.map(presentListItem), total, totalCapped: false, page: query.page, pageSize: query.pageSize };
}

async function loadVisible(ctx: RequestCtx, id: number, permission: 'member.read' | 'member.write' | 'member.unmask') {
  const auth = requirePermission(ctx.auth, permission);
  const db = ctx.deps.database.db;
  const member = await repo.findById(db, id);
  if (!member || !(await canAccessUnit(db, auth, permission, member.unit_id))) throw notFound();
  return member;
}

export async function detail(ctx: RequestCtx, id: number) {
  const member = await loadVisible(ctx, id, 'member.read');
  const db = ctx.deps.database.db;
  const [history, [stars]] = await Promise.all([repo.transfers(db, id), awardedStars(db, id, 1)]);
  return {
    ...presentListItem(member),
    /** The final stars (五星党员) of the latest period that has them, or null. */
    stars: stars ?? null,
    canEdit: await canAccessUnit(db, ctx.auth!, 'member.write', member.unit_id),
    canUnmask: await canAccessUnit(db, ctx.auth!, 'member.unmask', member.unit_id),
    transfers: history.map((t) => ({
      id: t.id,
      fromUnit: { id: t.from_id, code: t.from_code, name: t.from_name },
      toUnit: { id: t.to_id, code: t.to_code, name: t.to_name },
      transferredOn: t.transferred_on,
      reason: t.reason,
      createdAt: t.created_at,
    })),
    createdAt: member.created_at,
    updatedAt: member.updated_at,
  };
}

/**
 * Checks a member's fields against the registration rules and turns them into a row with its
 * personal data encrypted. Shared by the form and by the roll import.
 */
export async function checkedMemberRow(
  db: Db,
  cipher: Cipher,
  input: MemberInput,
  today: string,
  now: string,
  /** The unit's known specialties, when the caller already has them (bulk imports). */
  knownSpecialties?: Set<string>,
): Promise<{ row: NewMember & { specialtyList: string[] }; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const id = parseIdNumber(input.idNumber);
  if (!id.ok) issues.push({ field: 'idNumber', code: id.code });
  let mobile: string | null = null;
  if (input.mobile) {
    const m = parseMobile(input.mobile);
    if (m.ok) mobile = m.value;
    else issues.push({ field: 'mobile', code: m.code });
  }
  for (const issue of validateMember({ ...input, idNumber: id.ok ? id.value : null }, today)) {
    if (!(issue.field === 'idNumber' && !id.ok)) issues.push(issue);
  }
  const specialties = [...new Set(input.specialties ?? [])];
  if (specialties.length) {
    const known = knownSpecialties ?? new Set(await repo.specialtiesFor(db, input.unitId));
    for (const s of specialties) if (!known.has(s)) issues.push({ field: 'specialties', code: 'member.specialty_unknown', params: { value: s } });
  }
  const idValue = id.ok ? id.value : '';
  const keys = pinyinKeys(input.name);
  return {
    issues,
    row: {
      unit_id: input.unitId,
      name: input.name,
      name_pinyin: keys.full,
      name_initials: keys.initials,
      gender: input.gender,
      ethnicity: input.ethnicity ?? null,
      birth_date: input.birthDate,
      id_number_enc: cipher.encrypt(idValue),
      id_number_hash: cipher.blindIndex(idValue),
      id_number_masked: maskIdNumber(idValue),
      mobile_enc: mobile ? cipher.encrypt(mobile) : null,
      mobile_hash: mobile ? cipher.blindIndex(mobile) : null,
      mobile_masked: mobile ? maskMobile(mobile) : null,
      join_date: input.joinDate,
      status: input.status,
      full_member_date: input.fullMemberDate ?? null,
      education: input.education ?? null,
      occupation: input.occupation ?? null,
      specialties: specialties.join('|'),
      specialtyList: specialties,
      created_at: now,
      updated_at: now,
    },
  };
}

/** What the audit log keeps of a member: never the plain ID number or phone. */
function auditView(row: Partial<NewMember>) {
  const { id_number_enc: _a, id_number_hash: _b, mobile_enc: _c, mobile_hash: _d, name_pinyin: _e, name_initials: _f, created_at: _g, updated_at: _h, ...rest } = row;
  return rest;
}

export async function create(ctx: RequestCtx, input: MemberInput) {
  const { db } = ctx.deps.database;
  await requireUnitAccess(db, ctx.auth, 'member.write', input.unitId);
  const unit = await unitRepo.findById(db, input.unitId);
  if (!unit || unit.archived_at) throw unprocessable('error.unit_archived');
  const now = nowIso(ctx.deps);
  const { row, issues } = await checkedMemberRow(db, ctx.deps.cipher, input, todayYmd(ctx.deps.now()), now);
  if (issues.length) throw invalid(issues);
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.idNumberTaken(trx, row.id_number_hash)) throw conflict('member.id_exists', {}, [{ field: 'idNumber', code: 'import.id_exists' }]);
    const [id] = await repo.insertMembers(trx, [row]);
    await unitRepo.adjustMemberCount(trx, input.unitId, 1, row.status === 'full' ? 1 : 0);
    const { specialtyList: _s, ...stored } = row;
    await recordAudit(trx, ctx, { entityType: 'member', entityId: id, unitId: input.unitId, action: 'member.create', after: auditView(stored) });
    return id;
  });
  return detail(ctx, id);
}

export async function update(ctx: RequestCtx, id: number, patch: Partial<Omit<MemberInput, 'unitId'>>) {
  const current = await loadVisible(ctx, id, 'member.write');
  const { db } = ctx.deps.database;
  const cipher = ctx.deps.cipher;
  const merged: MemberInput = {
    unitId: current.unit_id,
    name: current.name,
    gender: current.gender,
    ethnicity: current.ethnicity,
    birthDate: current.birth_date,
    idNumber: cipher.decrypt(current.id_number_enc),
    mobile: current.mobile_enc ? cipher.decrypt(current.mobile_enc) : null,
    joinDate: current.join_date,
    status: current.status as MemberStatus,
    fullMemberDate: current.full_member_date,
    education: current.education,
    occupation: current.occupation,
    specialties: current.specialties ? current.specialties.split('|') : [],
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  const now = nowIso(ctx.deps);
  const { row, issues } = await checkedMemberRow(db, cipher, merged, todayYmd(ctx.deps.now()), now);
  if (issues.length) throw invalid(issues);
  await db.transaction().execute(async (trx) => {
    if (row.id_number_hash !== current.id_number_hash && (await repo.idNumberTaken(trx, row.id_number_hash, id))) {
      throw conflict('member.id_exists', {}, [{ field: 'idNumber', code: 'import.id_exists' }]);
    }
    const { specialtyList, created_at: _c, unit_id: _u, ...values } = row;
    const before = {
      name: current.name, gender: current.gender, ethnicity: current.ethnicity, birth_date: current.birth_date,
      id_number_masked: current.id_number_masked, mobile_masked: current.mobile_masked, join_date: current.join_date,
      status: current.status, full_member_date: current.full_member_date, education: current.education,
      occupation: current.occupation, specialties: current.specialties,
    };
    const diff = changedFields(before, auditView(values));
    if (!diff.changed) return;
    // Unchanged personal data keeps its ciphertext, so a no-op edit does not churn the row.
    if (row.id_number_hash === current.id_number_hash) {
      delete (values as Partial<NewMember>).id_number_enc;
    }
    if (values.mobile_masked === current.mobile_masked) delete (values as Partial<NewMember>).mobile_enc;
    await repo.updateMember(trx, id, values);
    if (values.status !== current.status) await unitRepo.adjustMemberCount(trx, current.unit_id, 0, values.status === 'full' ? 1 : -1);
    if ('specialties' in diff.after) await repo.replaceSpecialties(trx, id, specialtyList);
    await recordAudit(trx, ctx, { entityType: 'member', entityId: id, unitId: current.unit_id, action: 'member.update', before: diff.before, after: diff.after });
  });
  return detail(ctx, id);
}

export async function transfer(ctx: RequestCtx, id: number, input: { toUnitId: number; transferredOn?: string; reason?: string | null }) {
  const current = await loadVisible(ctx, id, 'member.write');
  const { db } = ctx.deps.database;
  // 组织关系转接 inside the system: the caller must be responsible for both ends.
  await requireUnitAccess(db, ctx.auth, 'member.write', input.toUnitId);
  const target = await unitRepo.findById(db, input.toUnitId);
  if (!target) throw notFound();
  if (target.archived_at) throw unprocessable('error.unit_archived', {}, [{ field: 'toUnitId', code: 'error.unit_archived' }]);
  if (target.id === current.unit_id) throw unprocessable('error.same_unit', {}, [{ field: 'toUnitId', code: 'error.same_unit' }]);
  const today = todayYmd(ctx.deps.now());
  const on = input.transferredOn ?? today;
  if (on > today) throw invalid([{ field: 'transferredOn', code: 'member.date_future' }]);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (trx) => {
    await repo.updateMember(trx, id, { unit_id: target.id, updated_at: now });
    const full = current.status === 'full' ? 1 : 0;
    await unitRepo.adjustMemberCount(trx, current.unit_id, -1, -full);
    await unitRepo.adjustMemberCount(trx, target.id, 1, full);
    // The member's points figures go with them: boards read them by unit.
    await pointsRepo.moveTallies(trx, id, target.id);
    await repo.insertTransfer(trx, { member_id: id, from_unit_id: current.unit_id, to_unit_id: target.id, transferred_on: on, reason: input.reason ?? null, actor_user_id: ctx.auth!.userId, created_at: now });
    const entry = { entityType: 'member', entityId: id, action: 'member.transfer', before: { unit: `${current.unit_code} ${current.unit_name}` }, after: { unit: `${target.code} ${target.name}`, transferredOn: on, reason: input.reason ?? null } };
    // Both units' logs show the transfer.
    await recordAudit(trx, ctx, { ...entry, unitId: current.unit_id });
    await recordAudit(trx, ctx, { ...entry, unitId: target.id });
  });
  return detail(ctx, id);
}

export async function unmask(ctx: RequestCtx, id: number, field: 'idNumber' | 'mobile') {
  const member = await loadVisible(ctx, id, 'member.unmask');
  const enc = field === 'idNumber' ? member.id_number_enc : member.mobile_enc;
  const value = enc ? ctx.deps.cipher.decrypt(enc) : null;
  await ctx.deps.database.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, { entityType: 'member', entityId: id, unitId: member.unit_id, action: 'member.unmask', after: { field } }),
  );
  return { value };
}

export async function specialties(ctx: RequestCtx, unitId: number | undefined) {
  const { db } = ctx.deps.database;
  requirePermission(ctx.auth, 'member.read');
  if (unitId !== undefined) await requireUnitAccess(db, ctx.auth, 'member.read', unitId);
  return repo.specialtiesFor(db, unitId ?? null);
}

export async function addSpecialty(ctx: RequestCtx, unitId: number, name: string) {
  const { db } = ctx.deps.database;
  await requireUnitAccess(db, ctx.auth, 'unit.write', unitId);
  await db.transaction().execute(async (trx) => {
    await repo.addSpecialty(trx, unitId, name, nowIso(ctx.deps));
    await recordAudit(trx, ctx, { entityType: 'specialty', entityId: name, unitId, action: 'specialty.add', after: { name } });
  });
  return repo.specialtiesFor(db, unitId);
}
