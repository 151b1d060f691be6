// The public side of help requests: the page a village's QR code opens (no account), its short
// verification step, and the village's statistics. The verification is a small sum the server
// signs (HMAC with the installation's key) together with its expiry: the page shows the question
// and sends back the answer with the signed challenge, so no state is kept between the two.
import crypto from 'node:crypto';
import { HELP_CATEGORIES, HELP_STATUSES, helpChallenge, median, minutesBetween, type HelpCategory, type Locale } from '@xianfeng/domain';
import { perDatabase, type RequestCtx } from '../../core/context.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import * as repo from './repo.ts';
import { fileAt, type FilingPlace } from './requests.ts';
import type { PublicFileBody } from './schemas.ts';

const CHALLENGE_TTL_MS = 30 * 60_000;

function sign(ctx: RequestCtx, villageId: number, answer: number, expires: number, nonce: string) {
  return ctx.deps.cipher.blindIndex(`help-challenge|${villageId}|${answer}|${expires}|${nonce}`);
}

export function issueChallenge(ctx: RequestCtx, villageId: number) {
  const { a, b, answer } = helpChallenge(crypto.randomBytes(2));
  const expires = ctx.deps.now().getTime() + CHALLENGE_TTL_MS;
  const nonce = crypto.randomBytes(9).toString('base64url');
  return { question: `${a} + ${b} = ?`, token: `${expires}.${nonce}.${sign(ctx, villageId, answer, expires, nonce)}` };
}

export function checkChallenge(ctx: RequestCtx, villageId: number, token: string, answer: number) {
  const [expiresText, nonce, mac] = token.split('.');
  const expires = Number(expiresText);
  const expected = nonce && Number.isFinite(expires) ? sign(ctx, villageId, answer, expires, nonce) : '';
  const ok = !!mac && expected.length === mac.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac)) && expires > ctx.deps.now().getTime();
  if (!ok) throw invalid([{ field: 'answer', code: 'help.challenge_failed' }]);
}

// The village behind a QR code, remembered for ten seconds: in a burst every filing names one of a
// few villages, and each lookup was a round trip to the database. Only villages found are kept (not
// the codes a stranger makes up); one archived or renamed shows so within the ten seconds.
const VILLAGE_MEMORY_MS = 10_000;
type Village = NonNullable<Awaited<ReturnType<typeof repo.unitByCode>>>;
const rememberedVillages = perDatabase(() => new Map<string, { until: number; village: Village }>());

async function villageByCode(ctx: RequestCtx, code: string) {
  const { db } = ctx.deps.database;
  const key = code.trim();
  const now = ctx.deps.now().getTime();
  const remembered = rememberedVillages(db).get(key);
  if (remembered && remembered.until > now) return remembered.village;
  const unit = await repo.unitByCode(db, key);
  if (!unit || unit.archived_at || !['village', 'community'].includes(unit.kind)) throw new AppError(404, 'help.village_unknown');
  rememberedVillages(db).set(key, { until: now + VILLAGE_MEMORY_MS, village: unit });
  return unit;
}

const categoryList = (locale: Locale) =>
  HELP_CATEGORIES.map((c) => ({ value: c.value, label: locale === 'en' ? c.en : c.zh, description: c.description, acceptHours: c.acceptHours, resolveHours: c.resolveHours }));

/** The page behind the QR code: the village, its grids, the categories and a fresh check. */
export async function publicVillage(ctx: RequestCtx, code: string) {
  const village = await villageByCode(ctx, code);
  const grids = await ctx.deps.database.db.selectFrom('unit').select(['id', 'name']).where('parent_id', '=', village.id).where('kind', '=', 'grid').where('archived_at', 'is', null).orderBy('name').execute();
  return { village: { code: village.code, name: village.name }, grids, categories: categoryList(ctx.locale), challenge: issueChallenge(ctx, village.id) };
}

/** Files from the public page: the village comes from the QR link, a grid of it optionally. */
export async function filePublic(ctx: RequestCtx, code: string, body: PublicFileBody) {
  const village = await villageByCode(ctx, code);
  checkChallenge(ctx, village.id, body.challenge, body.answer);
  let unit: FilingPlace['unit'] = village;
  if (body.gridId !== undefined) {
    const grid = await repo.unitById(ctx.deps.database.db, body.gridId);
    if (!grid || grid.archived_at || grid.parent_id !== village.id || grid.kind !== 'grid') throw notFound();
    unit = grid;
  }
  return fileAt(ctx, { unit, village }, { unitId: unit.id, category: body.category as HelpCategory, description: body.description, place: body.place, latitude: body.latitude, longitude: body.longitude, name: body.name, phone: body.phone, source: 'public' });
}

/**
 * A village's public figures over the last months: requests by status and category, the median
 * minutes from filing to acceptance and to resolution, the average rating, and filed/resolved per
 * month (China time) for the chart. Nothing about any person.
 */
export async function publicStats(ctx: RequestCtx, code: string, months: number) {
  const village = await villageByCode(ctx, code);
  const now = ctx.deps.now();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = await repo.statsRows(ctx.deps.database.db, village.id, start.toISOString());
  const monthOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 7);
  const monthList: string[] = [];
  for (let i = 0; i < months; i++) monthList.push(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 15)).toISOString().slice(0, 7));
  const byMonth = new Map(monthList.map((m) => [m, { month: m, filed: 0, resolved: 0 }]));
  for (const r of rows) {
    const filed = byMonth.get(monthOf(r.created_at));
    if (filed) filed.filed += 1;
    // A request filed before the window but resolved in it is not among the rows: counted where filed only.
    const resolved = r.resolved_at ? byMonth.get(monthOf(r.resolved_at)) : undefined;
    if (resolved) resolved.resolved += 1;
  }
  const ratings = rows.map((r) => r.rating).filter((x): x is number => x !== null);
  return {
    village: { code: village.code, name: village.name },
    since: start.toISOString(),
    total: rows.length,
    byStatus: Object.fromEntries(HELP_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])),
    byCategory: HELP_CATEGORIES.map((c) => ({ value: c.value, label: ctx.locale === 'en' ? c.en : c.zh, count: rows.filter((r) => r.category === c.value).length })),
    medianMinutesToAccept: median(rows.filter((r) => r.accepted_at).map((r) => minutesBetween(r.created_at, r.accepted_at!))),
    medianMinutesToResolve: median(rows.filter((r) => r.resolved_at).map((r) => minutesBetween(r.created_at, r.resolved_at!))),
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
    months: [...byMonth.values()],
  };
}
