// Mainland China mobile numbers: 11 digits, 1[3-9]xxxxxxxxx.
import { normalizeText, stripAllSpaces } from './normalize.ts';

export type MobileCode = 'phone.required' | 'phone.format';
export type MobileResult = { ok: true; value: string } | { ok: false; code: MobileCode };

/**
 * Reads a mobile number as typed: full-width digits, spaces, dashes, dots and parentheses are
 * tolerated, and a leading +86 / 86 / 0086 country code is dropped. Returns the 11 digits.
 */
export function parseMobile(raw: unknown): MobileResult {
  let s = stripAllSpaces(normalizeText(raw)).replace(/[-.()\u2010-\u2015]/g, '');
  if (s === '') return { ok: false, code: 'phone.required' };
  const withCountry = /^(?:\+86|0086|86)(\d{11})$/.exec(s);
  if (withCountry) s = withCountry[1];
  return /^1[3-9]\d{9}$/.test(s) ? { ok: true, value: s } : { ok: false, code: 'phone.format' };
}

/** 138****8000. Anything that is not 11 characters long is masked whole. */
export function maskMobile(mobile: string | null | undefined): string {
  if (!mobile) return '';
  if (mobile.length !== 11) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '****' + mobile.slice(7);
}
