// Help requests (群众求助) as Open311 services: one service per help category. A POST files the
// request through the help module's own service (fileHelpRequest, source 'open311'): its checks
// (a name and a mobile phone are required), matching, notifications, escalation job and rate
// limit all apply. A GET shows the category, the village, the state and the dates — no
// description, place or position: a help request describes a person's home and situation,
// which is personal data, unlike a hazard on a slope.
import { HELP_CATEGORIES, HELP_FINAL_STATUSES, HELP_STATUSES, HELP_STATUS_LABELS, helpCategory, helpCategoryLabel, isHelpCategory, message, type HelpStatus, type Locale } from '@xianfeng/domain';
import { fileHelpRequest } from '../help/requests.ts';
import * as help from '../help/repo.ts';
import type { Open311Filter, Open311Provider, Open311Request } from './provider.ts';

const CODE_PREFIX = 'help.';
const categoryOf = (serviceCode: string) => {
  const c = serviceCode.startsWith(CODE_PREFIX) ? serviceCode.slice(CODE_PREFIX.length) : '';
  return isHelpCategory(c) ? c : null;
};
const open311Status = (s: string): 'open' | 'closed' => ((HELP_FINAL_STATUSES as readonly string[]).includes(s) ? 'closed' : 'open');
const STATUS_GROUPS: Record<'open' | 'closed', HelpStatus[]> = {
  open: HELP_STATUSES.filter((s) => open311Status(s) === 'open'),
  closed: HELP_STATUSES.filter((s) => open311Status(s) === 'closed'),
};
/** Pages read while walking back through the requests to the start of the date range. */
const PAGE = 500;

function present(r: help.RequestRow, locale: Locale): Open311Request {
  const label = HELP_STATUS_LABELS[r.status as HelpStatus];
  return {
    service_request_id: `hl-${r.id}`,
    status: open311Status(r.status),
    status_notes: label ? (locale === 'en' ? label.en : label.zh) : r.status,
    service_name: helpCategoryLabel(r.category, locale),
    service_code: `${CODE_PREFIX}${r.category}`,
    description: null,
    agency_responsible: r.village_name,
    service_notice: null,
    requested_datetime: r.created_at,
    updated_datetime: r.updated_at,
    expected_datetime: r.resolve_due_at,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export const helpProvider: Open311Provider = {
  prefix: 'hl',
  services(locale) {
    return HELP_CATEGORIES.map((c) => ({
      service_code: `${CODE_PREFIX}${c.value}`,
      service_name: locale === 'en' ? c.en : c.zh,
      description: locale === 'en' ? `Ask members for help: ${c.en}.` : `向党员求助：${c.description}。`,
      metadata: false,
      type: 'realtime',
      keywords: locale === 'en' ? 'help' : '求助,群众求助',
      group: locale === 'en' ? 'Help requests' : '群众求助',
    }));
  },
  async create(ctx, r) {
    const category = categoryOf(r.serviceCode)!;
    const filed = await fileHelpRequest(ctx, {
      unitId: r.jurisdiction.id, category, description: r.description, place: r.addressString, latitude: r.lat, longitude: r.long,
      name: r.name ?? '', phone: r.phone ?? '', source: 'open311', open311Client: r.client,
    });
    return { id: filed.id, notice: message('georeport.help_notice', ctx.locale, { hours: helpCategory(category).resolveHours, receipt: filed.receiptCode }) };
  },
  async find(ctx, f: Open311Filter) {
    const db = ctx.deps.database.db;
    if (f.ids) {
      const rows = await Promise.all(f.ids.map((id) => help.getRequest(db, id)));
      return rows.filter((r): r is help.RequestRow => r !== undefined).map((r) => present(r, ctx.locale));
    }
    const categories = f.serviceCodes?.map(categoryOf).filter((c) => c !== null);
    if (categories && categories.length === 0) return [];
    const statuses = f.statuses?.flatMap((s) => STATUS_GROUPS[s]);
    // The help repository lists newest first without a date or category filter: walk back page by
    // page until the start of the range, keeping what matches.
    const out: Open311Request[] = [];
    for (let offset = 0; out.length < f.limit; offset += PAGE) {
      const { rows } = await help.listRequests(db, { unitId: f.jurisdictionId, statuses, limit: PAGE, offset });
      for (const r of rows) {
        if (f.start && r.created_at < f.start) return out;
        if (f.end && r.created_at > f.end) continue;
        if (categories && !categories.includes(r.category as never)) continue;
        out.push(present(r, ctx.locale));
        if (out.length >= f.limit) break;
      }
      if (rows.length < PAGE) break;
    }
    return out;
  },
};
