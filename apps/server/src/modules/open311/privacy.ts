// The last check before anything leaves through the public GeoReport answers. The providers never
// put a reporter's name, phone or e-mail in a field of their own, but some fields carry free text
// that people wrote (a hazard's description and place, a rejection's reason) and people write
// "王秀英家门口，电话 136 1111 2222" into such fields. Phone numbers, e-mail addresses, ID numbers
// and the names of the people the record knows are blanked out of that text before it is shown.

const MASK = '***';

/** Mainland mobiles, with or without +86 and separators (136 1111 2222, +86-136-1111-2222). */
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
/** Landlines with their area code (0536-7654321, 010 12345678). */
const LANDLINE = /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g;
/**
 * Any other run of seven or more digits: a local number, an ID number (with its X), a bank card.
 * Decimal numbers (coordinates, areas) are left alone.
 */
const LONG_NUMBER = /(?<![\d.])\d{7,}[Xx]?(?![\d.])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const CJK = /[\u3400-\u9fff]/;
const CJK_NAME = /^[\u3400-\u9fff·]{3,}$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The patterns of the people's names to blank out. A Chinese name of two or more characters
 * anywhere (Chinese has no spaces between words), and for one of three or more its given name too
 * (王秀英 → 秀英), which people write alone; a name in Latin letters of three or more as a whole
 * word ("John", not the "john" of "johnson"). Longest first, so a full name goes before its parts.
 */
function namePatterns(names: ReadonlyArray<string | null | undefined>) {
  const spellings = new Set<string>();
  for (const raw of names) {
    const name = raw?.trim();
    if (!name) continue;
    const length = [...name].length;
    if (CJK.test(name) ? length < 2 : length < 3) continue;
    spellings.add(name);
    if (CJK_NAME.test(name)) spellings.add([...name].slice(-2).join(''));
  }
  return [...spellings]
    .sort((a, b) => b.length - a.length)
    .map((n) => new RegExp(CJK.test(n) ? escapeRegExp(n) : `(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'giu'));
}

/** The text with phones, e-mail addresses, long numbers and the given names blanked out. */
export function scrub(text: string, names: ReadonlyArray<string | null | undefined> = []): string {
  let out = text.replace(EMAIL, MASK).replace(MOBILE, MASK).replace(LANDLINE, MASK).replace(LONG_NUMBER, MASK);
  for (const pattern of namePatterns(names)) out = out.replace(pattern, MASK);
  return out;
}

/** Nullable text through scrub. */
export const scrubbed = (text: string | null, names: ReadonlyArray<string | null | undefined> = []) => (text === null ? null : scrub(text, names));

/** A link that carries personal data in it is not shown at all (a masked link is a broken one). */
export const safeLink = (url: string | null, names: ReadonlyArray<string | null | undefined> = []) => (url !== null && scrub(url, names) === url ? url : null);
