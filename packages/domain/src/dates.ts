// Calendar dates as plain 'YYYY-MM-DD' strings. Every date in the domain is a civil date (a
// birthday, the day someone joined the party), never an instant, so no time zone arithmetic.
import { normalizeText, stripAllSpaces } from './normalize.ts';

export type DateCode = 'date.required' | 'date.format' | 'date.invalid';
export type DateResult = { ok: true; value: string } | { ok: false; code: DateCode };

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function isRealDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function ymd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function split(ymdStr: string): [number, number, number] {
  return [Number(ymdStr.slice(0, 4)), Number(ymdStr.slice(5, 7)), Number(ymdStr.slice(8, 10))];
}

/** True for a 'YYYY-MM-DD' string naming a day that exists (leap years included). */
export function isValidYmd(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = split(s);
  return isRealDate(y, m, d);
}

/** -1, 0 or 1, like a comparator (plain string order is calendar order for 'YYYY-MM-DD'). */
export function compareYmd(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds whole years; 29 February becomes 28 February in a year that has none. */
export function addYears(ymdStr: string, n: number): string {
  const [y, m, d] = split(ymdStr);
  const year = y + n;
  return ymd(year, m, Math.min(d, daysInMonth(year, m)));
}

/**
 * Completed years from `fromYmd` to `toYmd` (an age): the count goes up on the anniversary.
 * Someone born on 29 February completes a year on 1 March in common years.
 * When `toYmd` is before `fromYmd` the result is the negated count the other way round.
 */
export function yearsBetween(fromYmd: string, toYmd: string): number {
  if (toYmd < fromYmd) return -yearsBetween(toYmd, fromYmd);
  const [fy, fm, fd] = split(fromYmd);
  const [ty, tm, td] = split(toYmd);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years--;
  return years;
}

/** Today's calendar date in a time zone (China by default): 'YYYY-MM-DD'. */
export function todayYmd(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return ymd(get('year'), get('month'), get('day'));
}

/**
 * An instant as people in China read it on paper and in spreadsheets: Beijing time (UTC+8, no
 * daylight saving), 'YYYY-MM-DD HH:mm' or with seconds. Empty for no instant.
 */
export function beijingDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, withSeconds ? 19 : 16)}`;
}

/** Days from `fromYmd` to `toYmd` (negative when `toYmd` is earlier). */
export function daysBetween(fromYmd: string, toYmd: string): number {
  const [fy, fm, fd] = split(fromYmd);
  const [ty, tm, td] = split(toYmd);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * An Excel serial day number (1900 date system) as a date. Excel counts 1900-02-29, a day that
 * never existed (serial 60): serial 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01.
 * A fractional part (time of day) is ignored. Returns undefined for serial 60 or out of 1..100000.
 */
export function excelSerialToYmd(serial: number): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const day = Math.floor(serial);
  if (day < 1 || day > 100_000 || day === 60) return undefined;
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return fromUtcMs(epoch + day * DAY_MS);
}

function check(y: string, m: string, d: string): DateResult {
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  return isRealDate(yy, mm, dd) ? { ok: true, value: ymd(yy, mm, dd) } : { ok: false, code: 'date.invalid' };
}

// 1985-03-12T08:00:00Z, 1985-03-12 08:00, 1985-03-12T00:00:00.000+08:00: the written day is kept.
const WITH_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T| )\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;

/**
 * Reads a date the way people write one. Accepts a JS Date (its UTC calendar day, which is what
 * spreadsheet readers produce), an Excel serial number, and strings such as 1985-03-12, 1985-3-12,
 * 1985/03/12, 1985.3.12, 1985年3月12日, 1985年03月12号, 19850312 or 1985-03-12T00:00:00Z, with
 * full-width digits and stray spaces. Impossible days (1985-02-30, month 13) → 'date.invalid'.
 */
export function parseDate(raw: unknown): DateResult {
  if (raw instanceof Date) {
    const t = raw.getTime();
    return Number.isNaN(t) ? { ok: false, code: 'date.invalid' } : { ok: true, value: fromUtcMs(t) };
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, code: 'date.format' };
    // A date typed as a number, 19850312.
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) return parseDate(String(raw));
    if (raw < 1 || raw >= 100_001) return { ok: false, code: 'date.format' };
    const v = excelSerialToYmd(raw);
    return v ? { ok: true, value: v } : { ok: false, code: 'date.invalid' };
  }
  const text = normalizeText(raw);
  if (text === '') return { ok: false, code: 'date.required' };
  let m = WITH_TIME.exec(text);
  if (m) return check(m[1], m[2], m[3]);
  const s = stripAllSpaces(text);
  if ((m = COMPACT.exec(s))) return check(m[1], m[2], m[3]);
  if ((m = SEPARATED.exec(s))) return check(m[1], m[3], m[4]);
  if ((m = CHINESE.exec(s))) return check(m[1], m[2], m[3]);
  if ((m = WITH_TIME.exec(s.replace(/^(\d{4}-\d{1,2}-\d{1,2})(\d{1,2}:)/, '$1 $2')))) return check(m[1], m[2], m[3]);
  return { ok: false, code: 'date.format' };
}
