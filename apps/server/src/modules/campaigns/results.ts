// What a closed campaign leaves behind: the finals by category, the public honor roll, the data
// printed on certificates (荣誉证书) and the dossier of one candidate — every stage, who, when,
// why, the votes and the objections with their outcome — in the reader's language.
import {
  CATEGORIES_OF, decodeStars, isMessageCode, message, todayYmd,
  type CampaignKind, type CandidateCategory, type Locale, type MessageCode, type StarDimension,
} from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import { AppError, notFound, unprocessable } from '../../core/errors.ts';
import { toCount } from '../../db/dialect.ts';
import { canReadCandidate, loadCandidate } from './transition.ts';
import { campaignFor, candidateNames, displayName } from './notice.ts';

/** A label from the catalogue's dossier block; unknown values (a new action) print as they are. */
export function label(kind: 'kind' | 'category' | 'state' | 'action' | 'objection' | 'outcome' | 'star', value: string, locale: Locale): string {
  const code = `dossier.${kind}_${value}`;
  return isMessageCode(code) ? message(code, locale) : value;
}

export function starLabels(stars: readonly StarDimension[], locale: Locale): string {
  return stars.map((s) => label('star', s, locale)).join(locale === 'en' ? ', ' : '、');
}

/** Finals of a campaign with their certificate numbers, in honor-roll order. */
export async function finals(db: Db, campaignId: number) {
  const rows = await candidateNames(db)
    .leftJoin('commendation as cm', 'cm.candidate_id', 'c.id')
    .select(['cm.id as commendation_id', 'cm.certificate_no', 'cm.awarded_at', 'hu.code as home_unit_code'])
    .where('c.campaign_id', '=', campaignId)
    .where('c.state', '=', 'final')
    .orderBy('cm.certificate_no')
    .orderBy('hu.code')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    candidateId: r.id,
    category: r.category as CandidateCategory,
    name: displayName(r),
    unitName: r.home_unit_name,
    kind: r.member_id !== null ? ('member' as const) : ('unit' as const),
    memberId: r.member_id,
    unitId: r.subject_unit_id,
    stars: r.category === 'five_star' ? decodeStars(r.stars_decided) : null,
    commendationId: r.commendation_id ?? null,
    certificateNo: r.certificate_no ?? null,
    awardedAt: r.awarded_at ?? null,
  }));
}

export async function campaignResults(ctx: RequestCtx, campaignId: number) {
  const db = ctx.deps.database.db;
  const campaign = await campaignFor(ctx, campaignId, 'evaluation.read');
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', '=', campaign.unit_id).executeTakeFirstOrThrow();
  const counts = await db.selectFrom('candidate').select(['state', (eb) => eb.fn.countAll().as('n')]).where('campaign_id', '=', campaignId).groupBy('state').execute();
  const list = await finals(db, campaignId);
  return {
    campaign: {
      id: campaign.id, title: campaign.title, kind: campaign.kind as CampaignKind, period: campaign.period, status: campaign.status,
      organizer: unit, noticeStart: campaign.notice_start, noticeEnd: campaign.notice_end, closedAt: campaign.closed_at,
    },
    byState: Object.fromEntries(counts.map((c) => [c.state, toCount(c.n)])) as Record<string, number>,
    groups: CATEGORIES_OF[campaign.kind as CampaignKind].map((category) => ({ category, items: list.filter((f) => f.category === category) })),
  };
}

/** The public honor roll of a unit's subtree: commendations and five-star members of closed campaigns. */
export async function publicHonorRoll(ctx: RequestCtx, q: { unit: string; year?: string }) {
  const db = ctx.deps.database.db;
  const unit = await db.selectFrom('unit').select(['id', 'code', 'name']).where('code', '=', q.unit).executeTakeFirst();
  if (!unit) throw new AppError(404, 'results.unit_unknown', undefined, { code: q.unit });
  let query = db
    .selectFrom('campaign as k')
    .innerJoin('unit as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.title', 'k.kind', 'k.period', 'k.closed_at', 'u.name as organizer'])
    .where('k.status', '=', 'closed')
    .where('k.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unit.id));
  if (q.year) query = query.where('k.period', 'like', `${q.year}%`);
  const campaigns = await query.orderBy('k.period', 'desc').orderBy('k.id', 'desc').limit(50).execute();
  const items = [];
  for (const k of campaigns) {
    const list = await finals(db, k.id);
    items.push({
      id: k.id, title: k.title, kind: k.kind as CampaignKind, year: k.period, organizer: k.organizer, closedOn: k.closed_at ? todayYmd(new Date(k.closed_at)) : null,
      entries: list.map((f) => ({ category: f.category, name: f.name, unitName: f.unitName, stars: f.stars })),
    });
  }
  return { unit: { code: unit.code, name: unit.name }, items };
}

// ——— certificates ———

export interface CertificateFields {
  certificateNo: string;
  recipient: string;
  recipientKind: 'member' | 'unit';
  title: string;
  organizer: string;
  year: string;
  awardedOn: string;
}

/** A certificate is a Chinese document whatever the reader's language. */
function certificateOf(f: Awaited<ReturnType<typeof finals>>[number], organizer: string, year: string): CertificateFields {
  return {
    certificateNo: f.certificateNo!,
    recipient: f.name,
    recipientKind: f.kind,
    title: label('category', f.category, 'zh-CN'),
    organizer,
    year,
    awardedOn: todayYmd(new Date(f.awardedAt!)),
  };
}

async function closedCommendationCampaign(ctx: RequestCtx, campaignId: number) {
  const campaign = await campaignFor(ctx, campaignId, 'evaluation.read');
  if (campaign.kind !== 'commendation') throw unprocessable('results.not_commendation');
  if (campaign.status !== 'closed') throw unprocessable('results.not_closed');
  const organizer = await ctx.deps.database.db.selectFrom('unit').select('name').where('id', '=', campaign.unit_id).executeTakeFirstOrThrow();
  return { campaign, organizer: organizer.name };
}

export async function campaignCertificates(ctx: RequestCtx, campaignId: number): Promise<{ title: string; list: CertificateFields[] }> {
  const { campaign, organizer } = await closedCommendationCampaign(ctx, campaignId);
  const list = (await finals(ctx.deps.database.db, campaignId)).filter((f) => f.certificateNo);
  if (list.length === 0) throw unprocessable('results.no_certificates');
  return { title: campaign.title, list: list.map((f) => certificateOf(f, organizer, campaign.period)) };
}

export async function oneCertificate(ctx: RequestCtx, commendationId: number): Promise<CertificateFields> {
  requireAuth(ctx.auth);
  const row = await ctx.deps.database.db.selectFrom('commendation').select(['campaign_id', 'candidate_id']).where('id', '=', commendationId).executeTakeFirst();
  if (!row) throw notFound();
  const { campaign, organizer } = await closedCommendationCampaign(ctx, row.campaign_id);
  const f = (await finals(ctx.deps.database.db, row.campaign_id)).find((x) => x.candidateId === row.candidate_id);
  if (!f) throw notFound();
  return certificateOf(f, organizer, campaign.period);
}

// ——— the dossier ———

function formatTime(iso: string) {
  // Beijing time, as the paper records have it.
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

const VOTE_KEYS = ['eligible', 'present', 'inFavour', 'against', 'abstain'] as const;

/** An event's detail (JSON) as one line: votes, stars, dates; keys nobody translated print as they are. */
function describeDetail(raw: string | null, locale: Locale): string {
  if (!raw) return '';
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return '';
  }
  const parts: string[] = [];
  const votes = (detail.votes && typeof detail.votes === 'object' ? detail.votes : detail) as Record<string, unknown>;
  if (VOTE_KEYS.every((k) => typeof votes[k] === 'number')) {
    parts.push(message('dossier.votes', locale, Object.fromEntries(VOTE_KEYS.map((k) => [k, votes[k] as number]))));
  }
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'votes' || (VOTE_KEYS as readonly string[]).includes(key) || key === 'objectionId' || key === 'receiptCode') continue;
    if (key === 'outcome' && typeof value === 'string') parts.push(`${message('dossier.outcome', locale)}: ${label('outcome', value, locale)}`);
    else if (/stars/i.test(key) && (Array.isArray(value) || typeof value === 'string')) {
      const stars = Array.isArray(value) ? (value as StarDimension[]) : decodeStars(value as string);
      parts.push(`${message('dossier.stars', locale)}: ${stars.length ? starLabels(stars, locale) : message('dossier.none', locale)}`);
    } else if (key === 'meetingOn' && typeof value === 'string') {
      parts.push(`${message('dossier.meeting', locale)}: ${value}`);
    } else if (key === 'noticeStart' || key === 'noticeEnd') {
      if (key === 'noticeStart') parts.push(`${message('dossier.notice', locale)}: ${String(detail.noticeStart)} – ${String(detail.noticeEnd ?? '')}`);
    } else if (value !== null && value !== undefined && typeof value !== 'object') parts.push(`${key}: ${String(value)}`);
  }
  return parts.join(locale === 'en' ? '; ' : '；');
}

export interface DossierFields {
  heading: string;
  generatedAt: string;
  facts: { label: string; value: string }[];
  sections: { title: string; columns: string[]; rows: { cells: string[] }[] }[];
  labels: { page: string };
}

export async function candidateDossier(ctx: RequestCtx, candidateId: number): Promise<{ name: string; data: DossierFields }> {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const loaded = await loadCandidate(db, candidateId);
  if (!loaded || !(await canReadCandidate(db, auth, loaded.campaign, loaded.candidate))) throw notFound();
  const { campaign, candidate } = loaded;
  const locale = ctx.locale;
  const t = (code: MessageCode, params?: Record<string, string | number>) => message(code, locale, params);
  const named = await candidateNames(db).leftJoin('commendation as cm', 'cm.candidate_id', 'c.id').select(['cm.certificate_no', 'c.nomination']).where('c.id', '=', candidateId).executeTakeFirstOrThrow();
  const organizer = await db.selectFrom('unit').select('name').where('id', '=', campaign.unit_id).executeTakeFirstOrThrow();
  const name = displayName(named);
  const facts = [
    { label: t('dossier.campaign'), value: `${campaign.title}（${campaign.period}）` },
    { label: t('dossier.organizer'), value: organizer.name },
    { label: t('dossier.category'), value: label('category', candidate.category, locale) },
    { label: t('dossier.unit'), value: named.home_unit_name },
    { label: t('dossier.state'), value: label('state', candidate.state, locale) },
  ];
  if (candidate.category === 'five_star') {
    const stars = decodeStars(candidate.stars_decided);
    facts.push({ label: t('dossier.stars'), value: stars.length ? `${stars.length}★ ${starLabels(stars, locale)}` : t('dossier.none') });
  }
  if (campaign.notice_start) facts.push({ label: t('dossier.notice'), value: `${campaign.notice_start} – ${campaign.notice_end ?? ''}` });
  if (named.certificate_no) facts.push({ label: t('dossier.certificate'), value: named.certificate_no });
  if (named.nomination.trim()) facts.push({ label: t('dossier.nomination'), value: named.nomination.trim() });

  const events = await db.selectFrom('candidate_event').selectAll().where('candidate_id', '=', candidateId).orderBy('id').execute();
  const process = {
    title: t('dossier.process'),
    columns: [t('dossier.time'), t('dossier.step'), t('dossier.from_to'), t('dossier.actor'), t('dossier.reason'), t('dossier.detail')],
    rows: events.map((e) => ({
      cells: [
        formatTime(e.created_at),
        label('action', e.action, locale),
        e.from_state && e.from_state !== e.to_state ? `${label('state', e.from_state, locale)} → ${label('state', e.to_state, locale)}` : label('state', e.to_state, locale),
        e.actor_name ?? '',
        e.reason ?? '',
        describeDetail(e.detail, locale),
      ],
    })),
  };
  // Those who judge see what was objected; the candidate reading their own record sees the outcomes.
  const judge = (await canAccessUnit(db, auth, 'evaluation.read', campaign.unit_id)) || (await canAccessUnit(db, auth, 'evaluation.read', candidate.home_unit_id));
  const objections = await db.selectFrom('objection').select(['created_at', 'content', 'state', 'outcome', 'reply', 'handled_at']).where('candidate_id', '=', candidateId).orderBy('id').execute();
  const objectionSection = {
    title: t('dossier.objections'),
    columns: [t('dossier.filed'), ...(judge ? [t('dossier.content')] : []), t('dossier.state'), t('dossier.outcome'), t('dossier.reply'), t('dossier.handled')],
    rows: objections.map((o) => ({
      cells: [
        formatTime(o.created_at),
        ...(judge ? [o.content] : []),
        label('objection', o.state, locale),
        o.outcome ? label('outcome', o.outcome, locale) : '',
        o.reply ?? '',
        o.handled_at ? formatTime(o.handled_at) : '',
      ],
    })),
  };
  const selfEvaluation = await db.selectFrom('self_evaluation').select(['dimension', 'claimed', 'statement']).where('candidate_id', '=', candidateId).orderBy('id').execute();
  const selfSection = {
    title: t('dossier.self_evaluation'),
    columns: [t('dossier.dimension'), t('dossier.claimed'), t('dossier.statement')],
    rows: selfEvaluation.map((s) => ({ cells: [label('star', s.dimension, locale), t(s.claimed ? 'dossier.yes' : 'dossier.no'), s.statement] })),
  };
  return {
    name,
    data: {
      heading: t('dossier.heading', { name }),
      generatedAt: formatTime(ctx.deps.now().toISOString()),
      facts,
      sections: [...(candidate.category === 'five_star' ? [selfSection] : []), process, objectionSection],
      labels: { page: message('dossier.page', locale) },
    },
  };
}
