// Text as people type it into spreadsheets and forms: full-width digits and letters from Chinese
// input methods, ideographic spaces, non-breaking spaces pasted from web pages, stray blanks.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACE_LIKE = /[\u3000\u00A0\u2000-\u200A\u202F\u205F]/g;

/** Converts full-width ASCII (U+FF01–U+FF5E) to its half-width form; leaves everything else. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Best-effort text of a spreadsheet cell value (plain values and the object shapes exceljs uses). */
function cellText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  if (typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '' : raw.toISOString();
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((t) => cellText((t as { text?: unknown })?.text)).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}

/**
 * Normalizes free text: full-width ASCII → half-width, ideographic/non-breaking spaces → space,
 * zero-width characters removed, whitespace runs collapsed to one space, trimmed.
 * null/undefined → ''; numbers → String(n).
 */
export function normalizeText(raw: unknown): string {
  return toHalfWidth(cellText(raw))
    .replace(ZERO_WIDTH, '')
    .replace(SPACE_LIKE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes every whitespace character (including ideographic and non-breaking spaces). */
export function stripAllSpaces(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(SPACE_LIKE, '').replace(/\s+/g, '');
}

/** True when the cell holds nothing a person typed (null, undefined, or only blanks). */
export function isBlank(raw: unknown): boolean {
  if (raw instanceof Date) return false;
  return normalizeText(raw) === '';
}
