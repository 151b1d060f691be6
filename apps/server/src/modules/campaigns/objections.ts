// 群众监督: during the notice anyone — a resident logged in or not, by name or anonymously — may
// object to a named candidate and gets a receipt code to follow the outcome. Filing is limited per
// client address through the shared throttle store (several app servers share it). The leading
// group handles each objection once: dismissed with a reply, or upheld, which withdraws the
// candidate or returns them to the leading group in the same transaction.
import crypto from 'node:crypto';
import {
  isReceiptCode, maskMobile, noticeHasEnded, parseMobile, receiptCode, resolveObjection, todayYmd,
  type ObjectionOutcome, type ObjectionState,
} from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { ThrottlePolicy } from '../auth/store.ts';
import { applyTransition, recordEvent } from './transition.ts';
import { campaignFor, candidateNames, displayName, today } from './notice.ts';

// Per client address: 5 objections an hour; anonymous ones count twice over, at most 2 an hour,
// since nobody can be asked about them.
const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 5, windowSeconds: 3600, lockSeconds: 3600 };
const ANONYMOUS_POLICY: ThrottlePolicy = { maxFailures: 2, windowSeconds: 3600, lockSeconds: 3600 };

/** The throttle counters an objection from this address counts against. */
export function throttleKeys(address: string, anonymous: boolean): string[] {
  return [`objection:${address}`, ...(anonymous ? [`objection-anon:${address}`] : [])];
}

export interface ObjectionInput {
  candidateId: number;
  content: string;
  anonymous: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
}

export async function fileObjection(ctx: RequestCtx, input: ObjectionInput) {
  const { db } = ctx.deps.database;
  const now = ctx.deps.now();
  const address = ctx.ip ?? 'unknown';
  const keys = throttleKeys(address, input.anonymous);
  for (const key of keys) if ((await ctx.deps.throttle.lockedFor(key, now)) > 0) throw new AppError(429, 'objection.too_many');

  // Contact details: validated and kept only for a named objection; an anonymous one stores none.
  let contactName: string | null = null;
  let phone: string | null = null;
  if (!input.anonymous) {
    const mobile = parseMobile(input.contactPhone ?? '');
    if (!input.contactPhone?.trim()) throw invalid([{ field: 'contactPhone', code: 'objection.contact_required' }]);
    if (!mobile.ok) throw invalid([{ field: 'contactPhone', code: mobile.code }]);
    phone = mobile.value;
    contactName = input.contactName?.trim() || ctx.auth?.displayName || null;
  }

  const candidate = await candidateNames(db)
    .innerJoin('campaign as k', 'k.id', 'c.campaign_id')
    .select(['k.unit_id as campaign_unit_id', 'k.status as campaign_status', 'k.notice_end', 'k.title as campaign_title'])
    .where('c.id', '=', input.candidateId)
    .executeTakeFirst();
  if (!candidate || candidate.state !== 'public_notice' || candidate.campaign_status !== 'notice' || (candidate.notice_end !== null && noticeHasEnded(candidate.notice_end, today(ctx)))) {
    throw unprocessable('objection.not_in_notice');
  }

  const file = (code: string) =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('objection')
        .values({
          campaign_id: candidate.campaign_id, candidate_id: candidate.id, receipt_code: code, content: input.content.trim(),
          contact_name: contactName, contact_phone_enc: phone ? ctx.deps.cipher.encrypt(phone) : null, anonymous: input.anonymous ? 1 : 0,
          state: 'open', outcome: null, reply: null, handled_by: null, handled_at: null, created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // No contact details in the audit log: they are personal data, kept encrypted in one place.
      await recordAudit(trx, ctx, { entityType: 'objection', entityId: row.id, unitId: candidate.campaign_unit_id, action: 'objection.file', after: { candidateId: candidate.id, anonymous: input.anonymous } });
      return code;
    });
  let code: string | undefined;
  // Two equal codes out of 31^10 practically never happen; if they do, draw again.
  for (let attempt = 0; code === undefined; attempt++) {
    try {
      code = await file(receiptCode(crypto.randomBytes(16)));
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 2) throw e;
    }
  }
  for (const key of keys) await ctx.deps.throttle.fail(key, now, key.startsWith('objection-anon:') ? ANONYMOUS_POLICY : ADDRESS_POLICY);
  return { receiptCode: code, candidateName: displayName(candidate), campaignTitle: candidate.campaign_title, filedAt: now.toISOString() };
}

/** What the person who objected may see: the outcome and the reply, nothing about anyone. */
export async function lookupReceipt(ctx: RequestCtx, raw: string) {
  const code = raw.trim().toUpperCase();
  if (!isReceiptCode(code)) throw new AppError(404, 'objection.receipt_unknown');
  const row = await candidateNames(ctx.deps.database.db)
    .innerJoin('objection as o', 'o.candidate_id', 'c.id')
    .innerJoin('campaign as k', 'k.id', 'o.campaign_id')
    .select(['o.receipt_code', 'o.state as objection_state', 'o.outcome', 'o.reply', 'o.handled_at', 'o.created_at', 'k.title as campaign_title'])
    .where('o.receipt_code', '=', code)
    .executeTakeFirst();
  if (!row) throw new AppError(404, 'objection.receipt_unknown');
  return {
    receiptCode: row.receipt_code,
    campaignTitle: row.campaign_title,
    candidateName: displayName(row),
    state: row.objection_state as ObjectionState,
    outcome: row.outcome as ObjectionOutcome | null,
    reply: row.reply,
    filedOn: todayYmd(new Date(row.created_at)),
    handledOn: row.handled_at ? todayYmd(new Date(row.handled_at)) : null,
  };
}

/** The objections of a campaign for the committee and the leading group; phones masked unless member.unmask. */
export async function listObjections(ctx: RequestCtx, campaignId: number, state?: ObjectionState) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const campaign = await campaignFor(ctx, campaignId, 'evaluation.review', 'evaluation.decide');
  const unmask = await canAccessUnit(db, auth, 'member.unmask', campaign.unit_id);
  let q = candidateNames(db)
    .innerJoin('objection as o', 'o.candidate_id', 'c.id')
    .leftJoin('app_user as h', 'h.id', 'o.handled_by')
    .select(['o.id as objection_id', 'o.receipt_code', 'o.content', 'o.anonymous', 'o.contact_name', 'o.contact_phone_enc', 'o.state as objection_state', 'o.outcome', 'o.reply', 'o.handled_at', 'o.created_at', 'h.display_name as handled_by_name'])
    .where('o.campaign_id', '=', campaignId);
  if (state) q = q.where('o.state', '=', state);
  const rows = await q.orderBy('o.id').execute();
  const items = rows.map((r) => {
    const phone = r.contact_phone_enc ? ctx.deps.cipher.decrypt(r.contact_phone_enc) : null;
    return {
      id: r.objection_id,
      receiptCode: r.receipt_code,
      candidate: { id: r.id, name: displayName(r), unitName: r.home_unit_name, category: r.category, state: r.state },
      content: r.content,
      anonymous: r.anonymous === 1,
      contactName: r.contact_name,
      contactPhone: phone === null ? null : unmask ? phone : maskMobile(phone),
      state: r.objection_state as ObjectionState,
      outcome: r.outcome as ObjectionOutcome | null,
      reply: r.reply,
      handledBy: r.handled_by_name,
      handledAt: r.handled_at,
      createdAt: r.created_at,
    };
  });
  if (unmask && items.some((i) => i.contactPhone !== null)) {
    // Reading contact phones in full is personal data leaving the server: logged like member.unmask.
    await db.transaction().execute((trx) => recordAudit(trx, ctx, { entityType: 'campaign', entityId: campaignId, unitId: campaign.unit_id, action: 'objection.unmask', after: { objections: items.filter((i) => i.contactPhone !== null).map((i) => i.id) } }));
  }
  return { campaignId, phonesUnmasked: unmask, open: items.filter((i) => i.state === 'open').length, items };
}

/** The leading group's answer to one objection. */
export async function handleObjection(ctx: RequestCtx, objectionId: number, input: { outcome: ObjectionOutcome; reply?: string | null }) {
  const db = ctx.deps.database.db;
  const objection = await db.selectFrom('objection').selectAll().where('id', '=', objectionId).executeTakeFirst();
  if (!objection) throw notFound();
  await campaignFor(ctx, objection.campaign_id, 'evaluation.decide');
  const reply = input.reply?.trim() ?? '';
  const resolved = resolveObjection(objection.state as ObjectionState, input.outcome, reply);
  if (!resolved.ok) {
    if (resolved.code === 'pipeline.reason_required') throw new AppError(400, resolved.code, [{ field: 'reply', code: resolved.code }]);
    throw conflict(resolved.code);
  }
  const now = nowIso(ctx.deps);
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('campaign').selectAll().where('id', '=', objection.campaign_id).executeTakeFirstOrThrow();
    if (campaign.status === 'closed') throw unprocessable('pipeline.campaign_closed');
    const moved = await trx
      .updateTable('objection')
      .set({ state: resolved.to, outcome: input.outcome, reply, handled_by: ctx.auth!.userId, handled_at: now })
      .where('id', '=', objectionId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('objection.already_handled');
    const candidate = await trx.selectFrom('candidate').selectAll().where('id', '=', objection.candidate_id).executeTakeFirstOrThrow();
    const detail = { objectionId, receiptCode: objection.receipt_code, outcome: input.outcome };
    let candidateState = candidate.state;
    if (input.outcome === 'dismiss') {
      // The dossier shows a dismissed objection too, without a change of state.
      await recordEvent(trx, ctx, candidate.id, 'objection_dismissed', candidate.state, candidate.state, reply, detail);
    } else {
      candidateState = await applyTransition(trx, ctx, campaign, candidate, input.outcome, { reason: reply, detail });
    }
    await recordAudit(trx, ctx, {
      entityType: 'objection', entityId: objectionId, unitId: campaign.unit_id, action: `objection.${input.outcome}`,
      before: { state: 'open' }, after: { state: resolved.to, outcome: input.outcome, reply, candidateState },
    });
    return { id: objectionId, state: resolved.to, outcome: input.outcome, reply, handledAt: now, candidate: { id: candidate.id, state: candidateState } };
  });
}
