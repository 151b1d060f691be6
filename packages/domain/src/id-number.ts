// 居民身份证号 (GB 11643-1999): 6-digit area code (GB/T 2260), 8-digit birth date, 3-digit sequence
// whose last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character.
import { isValidYmd, todayYmd } from './dates.ts';
import { normalizeText, stripAllSpaces } from './normalize.ts';

export type Gender = 'male' | 'female';
export type IdNumberCode = 'id.required' | 'id.format' | 'id.birthdate' | 'id.checksum';
export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: Gender; areaCode: string }
  | { ok: false; code: IdNumberCode };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. Throws when given anything but 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Normalizes what was typed: full-width → half-width, every space removed, x → X. */
export function normalizeIdNumber(raw: unknown): string {
  return stripAllSpaces(normalizeText(raw)).toUpperCase();
}

/**
 * Validates an 18-character ID card number. The birth date inside must be a real day, in 1900
 * or later and not after `today` (default: today in China); then the check character must match.
 */
export function parseIdNumber(raw: unknown, today: string = todayYmd()): IdNumberResult {
  const value = normalizeIdNumber(raw);
  if (value === '') return { ok: false, code: 'id.required' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'id.format' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidYmd(birthDate) || birthDate < '1900-01-01' || birthDate > today) return { ok: false, code: 'id.birthdate' };
  if (idNumberCheckDigit(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'id.checksum' };
  return { ok: true, value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female', areaCode: value.slice(0, 6) };
}

/** 3707**********1007: the first and last four characters; anything shorter than 9 is all stars. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length < 9) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/**
 * Builds a valid ID number (for demo data and tests). The sequence is taken modulo 1000 and
 * nudged by one where needed so that its last digit's parity matches the gender
 * (odd: male, even: female). Throws on a malformed area code or date.
 */
export function makeIdNumber(areaCode6: string, birthDate: string, seq3: number, gender: Gender): string {
  if (!/^\d{6}$/.test(areaCode6)) throw new Error(`area code must be 6 digits: ${areaCode6}`);
  if (!isValidYmd(birthDate)) throw new Error(`birth date must be YYYY-MM-DD: ${birthDate}`);
  if (gender !== 'male' && gender !== 'female') throw new Error(`unknown gender: ${String(gender)}`);
  let seq = ((Math.trunc(seq3) % 1000) + 1000) % 1000;
  const odd = seq % 2 === 1;
  if (gender === 'male' && !odd) seq += 1;
  if (gender === 'female' && odd) seq -= 1;
  const first17 = areaCode6 + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + idNumberCheckDigit(first17);
}

/** Real county-level codes (GB/T 2260), for demo data: the places 先锋's mechanisms come from and a few more. */
export const SAMPLE_AREA_CODES: ReadonlyArray<{ readonly code: string; readonly name: string }> = [
  { code: '370783', name: '山东省潍坊市寿光市' },
  { code: '370781', name: '山东省潍坊市青州市' },
  { code: '370782', name: '山东省潍坊市诸城市' },
  { code: '370702', name: '山东省潍坊市潍城区' },
  { code: '370102', name: '山东省济南市历下区' },
  { code: '411221', name: '河南省三门峡市渑池县' },
  { code: '411224', name: '河南省三门峡市卢氏县' },
  { code: '411281', name: '河南省三门峡市义马市' },
  { code: '411282', name: '河南省三门峡市灵宝市' },
  { code: '410102', name: '河南省郑州市中原区' },
  { code: '440902', name: '广东省茂名市茂南区' },
  { code: '440904', name: '广东省茂名市电白区' },
  { code: '440981', name: '广东省茂名市高州市' },
  { code: '440982', name: '广东省茂名市化州市' },
  { code: '440983', name: '广东省茂名市信宜市' },
  { code: '440106', name: '广东省广州市天河区' },
  { code: '440305', name: '广东省深圳市南山区' },
  { code: '330502', name: '浙江省湖州市吴兴区' },
  { code: '330503', name: '浙江省湖州市南浔区' },
  { code: '330521', name: '浙江省湖州市德清县' },
  { code: '330522', name: '浙江省湖州市长兴县' },
  { code: '330523', name: '浙江省湖州市安吉县' },
  { code: '330106', name: '浙江省杭州市西湖区' },
  { code: '533102', name: '云南省德宏傣族景颇族自治州瑞丽市' },
  { code: '533103', name: '云南省德宏傣族景颇族自治州芒市' },
  { code: '430921', name: '湖南省益阳市南县' },
  { code: '430922', name: '湖南省益阳市桃江县' },
  { code: '430923', name: '湖南省益阳市安化县' },
  { code: '450103', name: '广西壮族自治区南宁市青秀区' },
  { code: '110101', name: '北京市东城区' },
  { code: '110105', name: '北京市朝阳区' },
  { code: '310115', name: '上海市浦东新区' },
];
