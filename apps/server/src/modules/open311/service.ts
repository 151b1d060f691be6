// The Open311 GeoReport v2 use cases over the providers (hazard reports and help requests).
// Anyone may list services and follow requests (in a unit's subtree with jurisdiction_id); a
// client application registered by the system administrator (its api_key) files one for a
// resident, with a contact (phone or e-mail; a help request needs a phone) in a village named by
// jurisdiction_id. Filing is rate-limited per registered client and per phone or e-mail through the
// shared throttle store.
import crypto from 'node:crypto';
import { isMessageCode, message, parseMobile, type Locale } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { AppError, invalid, notFound, type FieldIssue } from '../../core/errors.ts';
import type { ThrottlePolicy } from '../auth/store.ts';
import { FIELD_UNIT_KINDS } from '../households/repo.ts';
import { findByCodes } from '../units/repo.ts';
import { hazardProvider } from './hazards-provider.ts';
import { helpProvider } from './help-provider.ts';
import type { Open311ClientRef, Open311Provider, Open311Request } from './provider.ts';
import * as repo from './repo.ts';
import type { NewRequestBody, RequestsQuery } from './schemas.ts';

/** Every kind served through Open311: hazard reports and help requests. */
export const PROVIDERS: Open311Provider[] = [hazardProvider, helpProvider];

/** Five reports an hour from one phone or e-mail. */
const POLICY: ThrottlePolicy = { maxFailures: 5, windowSeconds: 3600, lockSeconds: 3600 };
/**
 * A registered client files for many residents from one server (a county's 12345 hotline system):
 * it is counted as itself, not by its address, with room for a busy hour; the key makes it
 * accountable, and each resident's phone or e-mail is still limited as above.
 */
export const CLIENT_PER_HOUR = 300;
const CLIENT_POLICY: ThrottlePolicy = { maxFailures: CLIENT_PER_HOUR, windowSeconds: 3600, lockSeconds: 3600 };
/** Without dates, the last 90 days, as the specification suggests; at most 1,000 requests. */
const DEFAULT_DAYS = 90;
const MAX_RESULTS = 1000;
const MAX_IDS = 100;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function servicesIn(locale: Locale) {
  return PROVIDERS.flatMap((p) => p.services(locale));
}

export function listServices(ctx: RequestCtx) {
  return servicesIn(ctx.locale);
}

function providerOfService(ctx: RequestCtx, code: string) {
  const provider = PROVIDERS.find((p) => p.services(ctx.locale).some((s) => s.service_code === code));
  if (!provider) throw new AppError(404, 'georeport.service_unknown', undefined, { code });
  return provider;
}

/** No service has attributes (metadata false); a definition is served anyway for clients that ask. */
export function serviceDefinition(ctx: RequestCtx, code: string) {
  providerOfService(ctx, code);
  return { service_code: code, attributes: [] as unknown[] };
}

const unknownJurisdiction = (code: string) => new AppError(404, 'georeport.jurisdiction_unknown', undefined, { value: code });

/** Where a request is filed: a grid, village or community still in use. */
async function jurisdiction(ctx: RequestCtx, code: string | undefined) {
  if (!code) throw invalid([{ field: 'jurisdiction_id', code: 'georeport.jurisdiction_required' }]);
  const [unit] = await findByCodes(ctx.deps.database.db, [code]);
  if (!unit || unit.archived_at || !FIELD_UNIT_KINDS.includes(unit.kind)) throw unknownJurisdiction(code);
  return { id: unit.id, name: unit.name };
}

/**
 * What a listing covers: any unit by its code, with everything below it (a county's, a town's or
 * a village's requests). A dissolved unit still names the requests filed under it while it existed.
 */
async function area(ctx: RequestCtx, code: string) {
  const [unit] = await findByCodes(ctx.deps.database.db, [code]);
  if (!unit) throw unknownJurisdiction(code);
  return unit.id;
}

const hashed = (v: string) => crypto.createHash('sha256').update(v).digest('hex').slice(0, 32);

/** Files a request for a resident through a registered client (see clients.ts: authenticateClient). */
export async function createRequest(ctx: RequestCtx, client: Open311ClientRef, body: NewRequestBody) {
  const provider = providerOfService(ctx, body.service_code);
  const issues: FieldIssue[] = [];
  let phone: string | null = null;
  if (body.phone) {
    const parsed = parseMobile(body.phone);
    if (parsed.ok) phone = parsed.value;
    else issues.push({ field: 'phone', code: parsed.code });
  }
  const email = body.email ? body.email.toLowerCase() : null;
  if (email && !EMAIL.test(email)) issues.push({ field: 'email', code: 'georeport.email_invalid' });
  if (!body.phone && !body.email) issues.push({ field: 'phone', code: 'georeport.contact_required' });
  const hasCoords = body.lat !== undefined && body.long !== undefined;
  if (!hasCoords && (body.address_string ?? '').length < 2) issues.push({ field: 'address_string', code: 'georeport.location_required' });
  const description = body.description ?? '';
  if ([...description].length < 2 || [...description].length > 2000) issues.push({ field: 'description', code: 'georeport.description_required' });
  if (issues.length) throw invalid(issues);
  const unit = await jurisdiction(ctx, body.jurisdiction_id);

  // Counted per client and per contact, so neither a new phone nor a busy client floods.
  const now = ctx.deps.now();
  const clientKey = `open311:client:${client.id}`;
  const clientWait = await ctx.deps.throttle.lockedFor(clientKey, now);
  if (clientWait > 0) throw new AppError(429, 'georeport.client_rate_limited', undefined, { limit: CLIENT_PER_HOUR, minutes: Math.ceil(clientWait / 60_000) });
  const keys = [...(phone ? [`open311:phone:${hashed(phone)}`] : []), ...(email ? [`open311:email:${hashed(email)}`] : [])];
  for (const key of keys) {
    const ms = await ctx.deps.throttle.lockedFor(key, now);
    if (ms > 0) throw new AppError(429, 'georeport.rate_limited', undefined, { minutes: Math.ceil(ms / 60_000) });
  }
  const name = [body.last_name, body.first_name].filter(Boolean).join('') || null;
  const { id, notice } = await provider.create(ctx, {
    serviceCode: body.service_code, jurisdiction: unit, lat: hasCoords ? body.lat! : null, long: hasCoords ? body.long! : null,
    addressString: body.address_string ?? '', description, mediaUrl: body.media_url ?? null, name, phone, email, client,
  });
  await ctx.deps.throttle.fail(clientKey, now, CLIENT_POLICY);
  for (const key of keys) await ctx.deps.throttle.fail(key, now, POLICY);
  // Bookkeeping for the administrators' list, outside the filing's transaction: the filing's own
  // audit entry already names the client, so a lost timestamp loses nothing of record.
  await repo.markUsed(ctx.deps.database.db, client.id, now.toISOString());
  return [{ service_request_id: `${provider.prefix}-${id}`, service_notice: notice, account_id: null }];
}

/** "hz-12" → the hazard provider and 12; anything else is a request that does not exist. */
function parseRequestId(raw: string) {
  const m = /^([a-z]+)-(\d{1,12})$/.exec(raw.trim());
  const provider = m ? PROVIDERS.find((p) => p.prefix === m[1]) : undefined;
  return provider ? { provider, id: Number(m![2]) } : null;
}

const newestFirst = (a: Open311Request, b: Open311Request) => b.requested_datetime.localeCompare(a.requested_datetime) || b.service_request_id.localeCompare(a.service_request_id);

export async function findRequests(ctx: RequestCtx, q: RequestsQuery) {
  const unitId = q.jurisdiction_id ? await area(ctx, q.jurisdiction_id) : undefined;
  if (q.service_request_id) {
    // Named requests: the other filters are ignored, as the specification says.
    if (q.service_request_id.length > MAX_IDS) throw new AppError(400, 'georeport.too_many_ids', undefined, { max: MAX_IDS });
    const wanted = q.service_request_id.map(parseRequestId).filter((r) => r !== null);
    const found = await Promise.all(PROVIDERS.map((p) => {
      const ids = wanted.filter((w) => w.provider === p).map((w) => w.id);
      return ids.length ? p.find(ctx, { ids, limit: MAX_IDS }) : Promise.resolve([]);
    }));
    return found.flat().sort(newestFirst);
  }
  const end = q.end_date;
  const start = q.start_date ?? (end ? undefined : new Date(ctx.deps.now().getTime() - DEFAULT_DAYS * 86_400_000).toISOString());
  if (start && end && start > end) throw invalid([{ field: 'end_date', code: 'georeport.invalid', params: { field: 'end_date' } }]);
  const found = await Promise.all(PROVIDERS.map((p) => p.find(ctx, { serviceCodes: q.service_code, statuses: q.status, start, end, jurisdictionId: unitId, limit: MAX_RESULTS })));
  return found.flat().sort(newestFirst).slice(0, MAX_RESULTS);
}

export async function getRequest(ctx: RequestCtx, raw: string) {
  const parsed = parseRequestId(raw);
  if (!parsed) throw notFound();
  const rows = await parsed.provider.find(ctx, { ids: [parsed.id], limit: 1 });
  if (!rows.length) throw notFound();
  return rows;
}

/** An error as GeoReport v2 writes it: a list of { code, description }, code being the HTTP status. */
export function open311Errors(err: AppError, locale: RequestCtx['locale']) {
  if (Array.isArray(err.details) && err.details.length) {
    return err.details.map((d) => ({
      code: err.status,
      description: `${d.field}: ${isMessageCode(d.code) ? message(d.code, locale, { field: d.field, ...d.params }) : (d.message ?? d.code)}`,
    }));
  }
  return [{ code: err.status, description: message(err.code, locale, err.params) }];
}
