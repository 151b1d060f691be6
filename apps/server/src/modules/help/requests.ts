// Help requests (群众求助): a resident asks for help — from the public page of their village's QR
// code or logged in — and the request is matched to members by specialty, place and hours right
// after it is filed (matching.ts), and an escalation to the village secretary is scheduled for
// when nobody has accepted within the category's limit. The first member to accept
// takes it (a conditional UPDATE); the lifecycle table decides every other move. A confirmed
// request books bonus points to the member who helped, under the unit's 群众求助服务 rule.
import crypto from 'node:crypto';
import {
  HELP_FLOOD, HELP_OPEN_STATUSES, HELP_POINTS_RULE, helpCategory, helpCategoryLabel, helpDeadlines, helpFloodWait, helpHasLocation, helpOverdue, helpPoints, helpTransition,
  checkAward, maskMobile, parseMobile, periodOf, receiptCode, type HelpAction, type HelpCategory, type HelpStatus, type Permission,
} from '@xianfeng/domain';
import { canAccessUnit, requireAuth, requirePermission, requireUnitAccess, scopedUnitIds, scopeOf } from '../../core/access.ts';
import { recordAudit, recordAudits } from '../../core/audit.ts';
import { groupCommit } from '../../core/group-commit.ts';
import { nowIso, perDatabase, today, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { cancelJobs, inForeground, scheduleJob } from '../../core/jobs.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { reachesUnit } from '../commitments/repo.ts';
import { book, settingsFor } from '../points/ledger.ts';
import * as pointsRepo from '../points/repo.ts';
import { effectiveRules } from '../points/rules.ts';
import * as repo from './repo.ts';
import { memberOf } from './residence.ts';
import type { ListQuery } from './schemas.ts';

export const ESCALATE_JOB = 'help.escalate';
export const MATCH_JOB = 'help.match';

/** What a request says, whoever files it (the public page, an account, or Open311). */
export interface HelpFiling {
  /** The grid, village or community where help is needed. */
  unitId: number;
  category: HelpCategory;
  description: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  name: string;
  phone: string;
  source: 'public' | 'account' | 'open311';
  /** The registered Open311 client a request came through, named in the audit entry. */
  open311Client?: { id: number; name: string };
}

/** A filing waiting for its transaction, with the blind indexes its flood check counts by. */
interface PendingFiling {
  ctx: RequestCtx;
  request: repo.NewRequest;
  open311Client?: HelpFiling['open311Client'];
}

/**
 * Filings write together (core/group-commit.ts): a burst of residents filing at once shares
 * transactions instead of paying a commit each. One transaction counts floods for the whole batch
 * (HELP_FLOOD: the filings of the last hour by the same phones and addresses, and those ahead in the
 * batch, so ten filings racing in from one phone are refused after the fifth), writes the requests
 * let through, for each the job that matches it (due now) and its escalation (due at the
 * category's accept limit), and the audit entries; each filer is answered once it has committed.
 */
const filings = perDatabase((db) =>
  groupCommit(db, async (tx, items: PendingFiling[]): Promise<Array<{ id: number } | { waitMinutes: number }>> => {
    const since = new Date(Math.min(...items.map((i) => Date.parse(i.request.now))) - HELP_FLOOD.windowMs).toISOString();
    const hashes = (pick: (r: repo.NewRequest) => string | null) => [...new Set(items.map((i) => pick(i.request)).filter((h): h is string => h !== null))];
    const [byPhone, byAddress] = await Promise.all([
      repo.filingTimes(tx, 'phone_hash', hashes((r) => r.phoneHash), since),
      repo.filingTimes(tx, 'address_hash', hashes((r) => r.addressHash ?? null), since),
    ]);
    const outcomes = items.map(({ request: r }) => {
      const waitMinutes = helpFloodWait(byPhone.get(r.phoneHash) ?? [], r.addressHash ? byAddress.get(r.addressHash) ?? [] : null, new Date(r.now));
      if (waitMinutes > 0) return { waitMinutes };
      byPhone.set(r.phoneHash, [...(byPhone.get(r.phoneHash) ?? []), r.now]);
      if (r.addressHash) byAddress.set(r.addressHash, [...(byAddress.get(r.addressHash) ?? []), r.now]);
      return null;
    });
    const admitted = items.filter((_, n) => outcomes[n] === null);
    const ids = admitted.length ? await repo.insertRequests(tx, admitted.map((i) => i.request)) : [];
    await scheduleJob(tx, ...admitted.flatMap(({ request: r }, n) => [
      { kind: MATCH_JOB, refId: ids[n]!, runAt: r.now, now: r.now },
      { kind: ESCALATE_JOB, refId: ids[n]!, runAt: r.acceptDueAt, now: r.now },
    ]));
    // No name or phone in the audit log: personal data is kept encrypted in one place.
    await recordAudits(tx, admitted.map(({ ctx, request: r, open311Client }, n) => ({ ctx, entry: { entityType: 'help_request', entityId: ids[n]!, unitId: r.unitId, action: 'help.file', after: { category: r.category, source: r.source, ...(open311Client ? { open311Client } : {}) } } })));
    let next = 0;
    return outcomes.map((refused) => refused ?? { id: ids[next++]! });
  }),
);

/** Where a request is filed: the grid, village or community, and the village it belongs to. */
export interface FilingPlace {
  unit: { id: number; name: string; kind: string };
  village: { id: number; code: string; name: string };
}

/** The place of a unit where people ask for help; 404 when archived or unknown, 422 when not a place. */
export async function filingPlace(db: Db, unitId: number): Promise<FilingPlace> {
  const unit = await repo.unitById(db, unitId);
  if (!unit || unit.archived_at) throw notFound();
  if (!repo.PLACE_KINDS.includes(unit.kind)) throw unprocessable('help.not_place_unit');
  const village = await repo.villageOf(db, unit.id);
  if (!village) throw unprocessable('help.not_place_unit');
  return { unit, village };
}

/** Files a help request where a unit lies (an account or Open311 names the unit). */
export async function fileHelpRequest(ctx: RequestCtx, input: HelpFiling) {
  return fileAt(ctx, await filingPlace(ctx.deps.database.db, input.unitId), input);
}

/**
 * Files a help request (written with others arriving at the same moment, see `filings`). Matching
 * waits for no one: the filer gets the receipt as soon as the request is safe, and a burst of
 * filings is not held up by ranking members for each — filings are foreground work
 * (`inForeground`): the match jobs wait while any is in flight, and the last one to end wakes this
 * process's worker to match them all; the job makes sure the match happens even if this process
 * dies.
 */
export function fileAt(ctx: RequestCtx, place: FilingPlace, input: HelpFiling) {
  return inForeground(ctx.deps, () => file(ctx, place, input));
}

async function file(ctx: RequestCtx, { unit, village }: FilingPlace, input: HelpFiling) {
  const db = ctx.deps.database.db;
  const now = ctx.deps.now();
  const iso = now.toISOString();
  const issues: Array<{ field: string; code: never }> = [];
  const name = input.name.trim() || ctx.auth?.displayName || '';
  if (!name) issues.push({ field: 'name', code: 'help.name_required' as never });
  const mobile = parseMobile(input.phone);
  if (!input.phone.trim()) issues.push({ field: 'phone', code: 'help.contact_required' as never });
  else if (!mobile.ok) issues.push({ field: 'phone', code: mobile.code as never });
  const coords = typeof input.latitude === 'number' && typeof input.longitude === 'number' ? { latitude: input.latitude, longitude: input.longitude } : { latitude: null, longitude: null };
  if (!helpHasLocation({ place: input.place, ...coords })) issues.push({ field: 'place', code: 'help.no_location' as never });
  if (issues.length || !mobile.ok) throw invalid(issues);

  const phoneHash = ctx.deps.cipher.blindIndex(`help-phone:${mobile.value}`);
  // The address is kept only as a blind index, to count floods. An Open311 filing comes from the
  // server of a registered client filing for many residents; that client is counted as itself.
  const addressHash = ctx.ip && input.source !== 'open311' ? ctx.deps.cipher.blindIndex(`help-ip:${ctx.ip}`) : null;

  const due = helpDeadlines(input.category, now);
  const request = {
    unitId: unit.id, villageId: village.id, category: input.category, description: input.description.trim(), place: input.place.trim(), ...coords,
    residentName: name, phoneEnc: ctx.deps.cipher.encrypt(mobile.value), phoneHash, phoneMasked: maskMobile(mobile.value), addressHash, filedBy: ctx.auth?.userId ?? null,
    source: input.source, acceptDueAt: due.acceptDueAt, resolveDueAt: due.resolveDueAt, now: iso,
  };
  let filed: { id: number; code: string } | undefined;
  // Two equal receipt codes out of 31^10 practically never happen; if they do, draw again.
  for (let attempt = 0; filed === undefined; attempt++) {
    const code = receiptCode(crypto.randomBytes(16));
    try {
      const outcome = await filings(db)({ ctx, request: { ...request, receiptCode: code }, open311Client: input.open311Client });
      if ('waitMinutes' in outcome) throw new AppError(429, 'help.too_many', undefined, { minutes: outcome.waitMinutes });
      filed = { id: outcome.id, code };
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 2) throw e;
    }
  }
  // Answered from what was written rather than read back: one round trip less per filing.
  const row: repo.RequestRow = {
    ...repo.EMPTY_PROGRESS, id: filed.id, receipt_code: filed.code, unit_id: unit.id, unit_name: unit.name, unit_kind: unit.kind, village_id: village.id, village_name: village.name, village_code: village.code,
    category: request.category, description: request.description, place: request.place, latitude: request.latitude, longitude: request.longitude, status: 'received',
    resident_name: request.residentName, phone_enc: request.phoneEnc, phone_masked: request.phoneMasked, filed_by: request.filedBy, source: request.source,
    accept_due_at: request.acceptDueAt, resolve_due_at: request.resolveDueAt, created_at: iso, updated_at: iso, photos: 0,
  };
  return { ...presentForResident(row, now), receiptCode: filed.code };
}

// ——— presenting ———

const statusOf = (s: string) => s as HelpStatus;

/** What the resident sees on the receipt page: no helper phone, no internal ids beyond the request. */
export function presentForResident(r: repo.RequestRow, now: Date) {
  return {
    id: r.id,
    category: r.category,
    village: { name: r.village_name, code: r.village_code },
    unitName: r.unit_name,
    description: r.description,
    place: r.place,
    status: statusOf(r.status),
    residentName: r.resident_name,
    phone: r.phone_masked,
    helperName: r.helper_name,
    acceptedAt: r.accepted_at,
    startedAt: r.started_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    confirmedAt: r.confirmed_at,
    rating: r.rating,
    ratingComment: r.rating_comment,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    reopenCount: r.reopen_count,
    acceptDueAt: r.accept_due_at,
    resolveDueAt: r.resolve_due_at,
    overdue: helpOverdue({ status: statusOf(r.status), acceptDueAt: r.accept_due_at, resolveDueAt: r.resolve_due_at }, now),
    photoCount: Number(r.photos),
    createdAt: r.created_at,
  };
}

interface Viewer {
  filer: boolean;
  helper: boolean;
  matched: boolean;
  manager: boolean;
  reader: boolean;
  mayServe: boolean;
}

async function viewerOf(db: Db, auth: Auth, r: { id: number; unit_id: number; village_id: number; filed_by: number | null; accepted_member_id: number | null }): Promise<Viewer> {
  const memberId = auth.memberId;
  const [reader, manager, matched, serves] = await Promise.all([
    canAccessUnit(db, auth, 'help.read', r.unit_id),
    canAccessUnit(db, auth, 'help.manage', r.unit_id),
    memberId !== null ? repo.isMatched(db, r.id, memberId) : false,
    memberId !== null && holds(auth, 'help.serve') ? repo.servesVillage(db, memberId, r.village_id) : false,
  ]);
  return { filer: r.filed_by === auth.userId, helper: memberId !== null && r.accepted_member_id === memberId, matched, manager, reader, mayServe: matched || serves };
}

/** Whether the caller holds a permission anywhere. */
function holds(auth: Auth, permission: Permission) {
  const s = scopeOf(auth, permission);
  return s.global || s.roots.length > 0;
}

const canSee = (v: Viewer) => v.filer || v.helper || v.reader || v.mayServe;

function presentFull(r: repo.RequestRow, v: Viewer, ctx: RequestCtx) {
  const now = ctx.deps.now();
  const status = statusOf(r.status);
  // The helper who took the request calls the resident: they see the number in full; everyone
  // else sees it masked.
  const phone = v.helper && HELP_OPEN_STATUSES.concat('resolved').includes(status) ? ctx.deps.cipher.decrypt(r.phone_enc) : r.phone_masked;
  const allowed = (action: HelpAction) => helpTransition(status, action).ok;
  return {
    ...presentForResident(r, now),
    phone,
    receiptCode: v.filer || v.manager ? r.receipt_code : null,
    unit: { id: r.unit_id, name: r.unit_name },
    villageId: r.village_id,
    latitude: r.latitude,
    longitude: r.longitude,
    helper: r.accepted_member_id === null ? null : { memberId: r.accepted_member_id, name: r.helper_name },
    source: r.source,
    reopenReason: r.reopen_reason,
    escalatedAt: r.escalated_at,
    can: {
      accept: v.mayServe && allowed('accept'),
      start: v.helper && allowed('start'),
      resolve: v.helper && allowed('resolve'),
      confirm: v.filer && allowed('confirm'),
      reopen: v.filer && allowed('reopen'),
      close: v.manager && allowed('close'),
    },
  };
}

export async function getHelpRequest(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const r = await repo.getRequest(db, id);
  if (!r) throw notFound();
  const v = await viewerOf(db, auth, r);
  if (!canSee(v)) throw notFound();
  const photos = await repo.photosOf(db, id);
  return { ...presentFull(r, v, ctx), photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, createdAt: p.created_at, url: `/api/help/requests/${id}/photos/${p.id}` })) };
}

function presentRow(r: repo.RequestRow, now: Date) {
  return { ...presentForResident(r, now), unit: { id: r.unit_id, name: r.unit_name }, helper: r.accepted_member_id === null ? null : { memberId: r.accepted_member_id, name: r.helper_name }, escalatedAt: r.escalated_at };
}

function statusFilter(status: ListQuery['status'], now: Date) {
  if (status === undefined) return {};
  if (status === 'open') return { statuses: [...HELP_OPEN_STATUSES] };
  if (status === 'overdue') return { overdueAt: now.toISOString() };
  return { statuses: [status] };
}

/** The requests of the caller's villages (or one subtree), newest first, overdue ones flagged. */
export async function listVillageRequests(ctx: RequestCtx, q: ListQuery) {
  const auth = requirePermission(ctx.auth, 'help.read');
  const db = ctx.deps.database.db;
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'help.read', q.unitId);
  const now = ctx.deps.now();
  const { rows, total } = await repo.listRequests(db, { scope: scopedUnitIds(db, auth, 'help.read'), unitId: q.unitId, ...statusFilter(q.status, now), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentRow(r, now)) };
}

/** "Matching me": requests I was matched to that nobody has taken yet, and those I took. */
export async function myQueue(ctx: RequestCtx, q: ListQuery) {
  const auth = requirePermission(ctx.auth, 'help.serve');
  const memberId = memberOf(auth);
  const now = ctx.deps.now();
  const { rows, total } = await repo.listRequests(ctx.deps.database.db, { helperMemberId: memberId, matchedMemberId: memberId, ...statusFilter(q.status, now), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentRow(r, now)) };
}

/**
 * Files while logged in, where the caller has a role: inside a subtree they hold help.request on,
 * or in the village or community one of those grants lies in (a member of the village's branch
 * asks for help in the village or any of its grids). Elsewhere the place is "not found".
 */
export async function fileByAccount(ctx: RequestCtx, input: Omit<HelpFiling, 'source'>) {
  const auth = requirePermission(ctx.auth, 'help.request');
  const scope = scopeOf(auth, 'help.request');
  const db = ctx.deps.database.db;
  const allowed = scope.global || (await reachesUnit(db, scope.roots, input.unitId)) || (await livesAt(db, auth, input.unitId));
  if (!allowed) throw notFound();
  return fileHelpRequest(ctx, { ...input, source: 'account' });
}

/** Whether the unit is the member's registered place of residence (双报到) or lies in it. */
async function livesAt(db: Db, auth: Auth, unitId: number) {
  if (auth.memberId === null) return false;
  const residence = await repo.activeResidence(db, auth.memberId);
  return !!residence && (await reachesUnit(db, [residence.unit_id], unitId));
}

/**
 * Where I may ask for help logged in, for the form's choice: the villages and communities of my
 * roles (the one holding my branch, for a member) with their grids, and the place I registered to
 * live in (双报到). Staff above the villages may file anywhere in their scope; the form lists only
 * their own places, and the public QR page serves everyone else.
 */
export async function myPlaces(ctx: RequestCtx) {
  const auth = requirePermission(ctx.auth, 'help.request');
  const db = ctx.deps.database.db;
  const roots = scopeOf(auth, 'help.request').roots;
  const residence = auth.memberId === null ? undefined : await repo.activeResidence(db, auth.memberId);
  const villages = await repo.placesOfUnits(db, [...roots, ...(residence ? [residence.unit_id] : [])]);
  return villages.map((p) => ({ id: p.id, code: p.code, name: p.name, kind: p.kind, parentName: p.parent_name, residence: !!residence && (p.id === residence.unit_id || p.id === residence.village_id) }));
}

/** The requests I filed while logged in. */
export async function myRequests(ctx: RequestCtx, q: { page: number; pageSize: number }) {
  const auth = requireAuth(ctx.auth);
  const now = ctx.deps.now();
  const { rows, total } = await repo.listRequests(ctx.deps.database.db, { filedBy: auth.userId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => ({ ...presentRow(r, now), receiptCode: r.receipt_code })) };
}

// ——— the lifecycle ———

/** A member's or a secretary's action: accept, start, resolve (helpers) or close (managers). */
export async function act(ctx: RequestCtx, id: number, action: Exclude<HelpAction, 'confirm' | 'reopen'>, text: string) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const r = await repo.getRequest(db, id);
  if (!r) throw notFound();
  const v = await viewerOf(db, auth, r);
  if (!canSee(v)) throw notFound();
  let memberId: number | null = null;
  if (action === 'close') {
    if (!v.manager) throw new AppError(403, 'error.forbidden');
  } else {
    memberId = memberOf(requirePermission(auth, 'help.serve'));
    if (action === 'accept' ? !v.mayServe : !v.helper) throw new AppError(403, 'help.not_yours');
  }
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockRequest(tx, dialect, id);
    if (!row) throw notFound();
    const t = helpTransition(statusOf(row.status), action);
    if (!t.ok) throw conflict(t.code);
    const change: repo.RequestChange = { status: t.next };
    if (action === 'accept') Object.assign(change, { accepted_member_id: memberId, accepted_user_id: auth.userId, accepted_at: now });
    if (action === 'start') change.started_at = now;
    if (action === 'resolve') Object.assign(change, { resolved_at: now, resolution: text || null, started_at: row.started_at ?? now });
    if (action === 'close') Object.assign(change, { closed_at: now, closed_by: auth.userId, close_reason: text });
    // Conditional on the state it was read in: of two members accepting at once, one moves it and
    // the other gets 0 rows — and a clear 409.
    if ((await repo.moveRequest(tx, id, row.status, change, now)) !== 1) throw conflict(action === 'accept' ? 'help.already_accepted' : 'error.conflict');
    if (action === 'accept' || action === 'close') await cancelJobs(tx, ESCALATE_JOB, id);
    await recordAudit(tx, ctx, { entityType: 'help_request', entityId: id, unitId: row.unit_id, action: `help.${action}`, before: { status: row.status }, after: { status: t.next, ...(text ? { note: text } : {}) } });
  });
  return getHelpRequest(ctx, id);
}

type ResidentInput = { action: 'confirm'; rating: number; comment: string } | { action: 'reopen'; reason: string };

/** The resident confirms (rating the service, which books the helper's points) or reopens. */
async function residentAct(ctx: RequestCtx, id: number, input: ResidentInput) {
  const { db, dialect } = ctx.deps.database;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockRequest(tx, dialect, id);
    if (!row) throw notFound();
    const t = helpTransition(statusOf(row.status), input.action);
    if (!t.ok) throw conflict(t.code);
    const title = `${helpCategory(row.category as HelpCategory).zh}：${row.description.slice(0, 30)}`;
    if (input.action === 'confirm') {
      const entryId = row.accepted_member_id === null ? null : await bookHelpPoints(tx, ctx, { memberId: row.accepted_member_id, rating: input.rating, category: row.category, receipt: row.receipt_code, now });
      if ((await repo.moveRequest(tx, id, row.status, { status: t.next, confirmed_at: now, rating: input.rating, rating_comment: input.comment || null, points_entry_id: entryId }, now)) !== 1) throw conflict('error.conflict');
      if (row.accepted_user_id) await repo.notifyUsers(tx, [row.accepted_user_id], { kind: 'help.confirmed', title, link: `/help/requests/${id}`, unitId: row.unit_id, dedupePrefix: `help${id}:confirmed`, now });
      await recordAudit(tx, ctx, { entityType: 'help_request', entityId: id, unitId: row.unit_id, action: 'help.confirm', before: { status: row.status }, after: { status: t.next, rating: input.rating, pointsEntryId: entryId } });
    } else {
      const count = row.reopen_count + 1;
      if ((await repo.moveRequest(tx, id, row.status, { status: t.next, reopen_count: count, reopen_reason: input.reason, resolved_at: null }, now)) !== 1) throw conflict('error.conflict');
      if (row.accepted_user_id) await repo.notifyUsers(tx, [row.accepted_user_id], { kind: 'help.reopened', title, link: `/help/requests/${id}`, unitId: row.unit_id, dedupePrefix: `help${id}:reopened${count}`, now });
      await recordAudit(tx, ctx, { entityType: 'help_request', entityId: id, unitId: row.unit_id, action: 'help.reopen', before: { status: row.status }, after: { status: t.next, reason: input.reason } });
    }
  });
}

/**
 * Books the helper's bonus under the 群众求助服务 rule in force for their own unit (so it reaches
 * their own unit's ledger, wherever they served), or the default range when the unit has not
 * defined one. A unit that switched the rule off books nothing; an award over the rule's cap
 * for the period is not booked either (the confirmation itself still stands).
 */
async function bookHelpPoints(tx: Db, ctx: RequestCtx, h: { memberId: number; rating: number; category: string; receipt: string; now: string }): Promise<number | null> {
  const member = await tx.selectFrom('member').select(['id', 'unit_id']).where('id', '=', h.memberId).executeTakeFirst();
  if (!member) return null;
  const rule = (await effectiveRules(tx, member.unit_id)).find((r) => r.code === HELP_POINTS_RULE.code);
  if (rule && rule.active !== 1) return null;
  const range = rule ? { pointsMin: rule.points_min, pointsMax: rule.points_max, capPerPeriod: rule.cap_per_period } : HELP_POINTS_RULE;
  const points = helpPoints(h.rating, range);
  const occurredOn = today(ctx);
  const settings = await settingsFor(tx, member.unit_id);
  const period = periodOf(occurredOn, settings.periodKind);
  const { dialect } = ctx.deps.database;
  const locked = await pointsRepo.lockTally(tx, dialect, member.id, period, member.unit_id, h.now);
  if (rule) {
    const usage = await pointsRepo.ruleUsage(tx, member.id, rule.code, period, null);
    if (!checkAward({ capPerPeriod: rule.cap_per_period, cycleDays: null, maxPerCycle: null }, { points, ...usage }).ok) return null;
  }
  const booked = await book(tx, dialect, {
    memberId: member.id, unitId: member.unit_id, occurredOn, account: 'bonus', points, rule: rule ? { id: rule.id, code: rule.code } : null,
    reason: `${HELP_POINTS_RULE.name}：${helpCategoryLabel(h.category, 'zh-CN')}（回执 ${h.receipt}）`, source: 'task', approvedBy: null, createdBy: ctx.auth?.userId ?? null, now: h.now,
  }, settings, locked);
  return booked.id;
}

/** The filer, logged in, confirms or reopens their own request. */
export async function residentActByAccount(ctx: RequestCtx, id: number, input: ResidentInput) {
  const auth = requireAuth(ctx.auth);
  const r = await repo.getRequest(ctx.deps.database.db, id);
  if (!r) throw notFound();
  if (r.filed_by !== auth.userId) {
    // Staff who may see the request learn that only its resident can do this; others learn nothing.
    const v = await viewerOf(ctx.deps.database.db, auth, r);
    if (!canSee(v)) throw notFound();
    throw new AppError(403, 'error.forbidden');
  }
  await residentAct(ctx, id, input);
  return getHelpRequest(ctx, id);
}

/** The resident follows their request with the receipt code: its state and nothing about anyone else. */
export async function lookupReceipt(ctx: RequestCtx, raw: string) {
  const r = await repo.requestByReceipt(ctx.deps.database.db, raw.trim().toUpperCase());
  if (!r) throw new AppError(404, 'help.receipt_unknown');
  return { ...presentForResident(r, ctx.deps.now()), receiptCode: r.receipt_code };
}

/** The resident confirms or reopens with the receipt code (the code is their proof). */
export async function residentActByReceipt(ctx: RequestCtx, raw: string, input: ResidentInput) {
  const r = await repo.requestByReceipt(ctx.deps.database.db, raw.trim().toUpperCase());
  if (!r) throw new AppError(404, 'help.receipt_unknown');
  await residentAct(ctx, r.id, input);
  return lookupReceipt(ctx, r.receipt_code);
}
