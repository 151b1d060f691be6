// Hazard reports (隐患排查) as Open311 services: one service per hazard category. A POST files an
// anonymous public report at the village named by jurisdiction_id, keeping the contact encrypted
// and naming the client it came through in the audit entry; a GET shows the hazard's place, state
// and due date, never who reported or handled it (their names and any phone are scrubbed from
// the text people wrote).
import {
  HAZARD_CATEGORIES, HAZARD_STATUSES, HAZARD_STATUS_LABELS, hazardCategory, hazardCategoryLabel, hazardOpen311Status, isHazardCategory, maskMobile, message,
  type HazardCategory, type HazardStatus, type Locale,
} from '@xianfeng/domain';
import { insertReported } from '../hazards/hazards.ts';
import * as hazards from '../hazards/repo.ts';
import { hazardPeople } from './repo.ts';
import { safeLink, scrub, scrubbed } from './privacy.ts';
import type { Open311Provider, Open311Request } from './provider.ts';

const CODE_PREFIX = 'hazard.';
const categoryOf = (serviceCode: string) => {
  const c = serviceCode.startsWith(CODE_PREFIX) ? serviceCode.slice(CODE_PREFIX.length) : '';
  return isHazardCategory(c) ? c : null;
};

function maskEmail(email: string) {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Our states behind Open311's two, as the domain maps them. */
const STATUS_GROUPS: Record<'open' | 'closed', HazardStatus[]> = {
  open: HAZARD_STATUSES.filter((s) => hazardOpen311Status(s) === 'open'),
  closed: HAZARD_STATUSES.filter((s) => hazardOpen311Status(s) === 'closed'),
};

function present(h: hazards.HazardRow, locale: Locale, handlers: string[]): Open311Request {
  const status = h.status as HazardStatus;
  const label = HAZARD_STATUS_LABELS[status] ? (locale === 'en' ? HAZARD_STATUS_LABELS[status].en : HAZARD_STATUS_LABELS[status].zh) : status;
  // Everyone the record names: the reporter (an Open311 name or an account) and the staff on it.
  const people = [h.reporter_name, h.reporter_display, h.assignee_name, h.fixer_name, h.verifier_name, ...handlers];
  return {
    service_request_id: `hz-${h.id}`,
    status: hazardOpen311Status(status),
    // Why a report was turned down is told; notes of the triage are internal and stay out.
    status_notes: status === 'rejected' && h.close_reason ? `${label}：${scrub(h.close_reason, people)}` : label,
    service_name: hazardCategoryLabel(h.category, locale),
    service_code: `${CODE_PREFIX}${h.category}`,
    description: scrub(h.description, people),
    agency_responsible: h.unit_name,
    service_notice: null,
    requested_datetime: h.reported_at,
    updated_datetime: h.updated_at,
    expected_datetime: h.due_at,
    address: scrubbed(h.place || null, people),
    address_id: null,
    zipcode: null,
    lat: h.latitude,
    long: h.longitude,
    // Only a link the reporter gave publicly; photos taken in the app are for staff eyes only.
    media_url: safeLink(h.media_url, people),
  };
}

export const hazardProvider: Open311Provider = {
  prefix: 'hz',
  services(locale) {
    return HAZARD_CATEGORIES.map((c) => ({
      service_code: `${CODE_PREFIX}${c.value}`,
      service_name: locale === 'en' ? c.en : c.zh,
      description: locale === 'en' ? `Report a hazard: ${c.en}. Dealt with within ${c.fixDays} days.` : `报告隐患：${c.zh}。${c.fixDays} 天内处理。`,
      metadata: false,
      type: 'realtime',
      keywords: locale === 'en' ? 'hazard' : '隐患,隐患排查',
      group: locale === 'en' ? 'Hazards' : '隐患排查',
    }));
  },
  async create(ctx, r) {
    const category = categoryOf(r.serviceCode)!;
    const cipher = ctx.deps.cipher;
    const id = await ctx.deps.database.db.transaction().execute((tx) =>
      insertReported(tx, ctx, {
        unitId: r.jurisdiction.id, unitName: r.jurisdiction.name, category, place: r.addressString, latitude: r.lat, longitude: r.long,
        description: r.description, source: 'open311', reportedBy: null, reporterName: r.name, mediaUrl: r.mediaUrl, open311Client: r.client,
        contact: {
          phoneEnc: r.phone ? cipher.encrypt(r.phone) : null, phoneMasked: r.phone ? maskMobile(r.phone) : null,
          emailEnc: r.email ? cipher.encrypt(r.email) : null, emailMasked: r.email ? maskEmail(r.email) : null,
        },
      }),
    );
    return { id, notice: message('georeport.hazard_notice', ctx.locale, { days: hazardCategory(category).fixDays }) };
  },
  async find(ctx, f) {
    const categories = f.serviceCodes?.map(categoryOf).filter((c): c is HazardCategory => c !== null);
    // Only service codes of other kinds: nothing of this kind matches.
    if (categories && categories.length === 0) return [];
    const { rows } = await hazards.listHazards(ctx.deps.database.db, {
      ids: f.ids, categories, statuses: f.statuses?.flatMap((s) => STATUS_GROUPS[s]), reportedFrom: f.start, reportedTo: f.end, unitId: f.jurisdictionId, limit: f.limit, offset: 0,
    });
    const handlers = await hazardPeople(ctx.deps.database.db, rows.map((h) => h.id));
    return rows.map((h) => present(h, ctx.locale, handlers.get(h.id) ?? []));
  },
};
