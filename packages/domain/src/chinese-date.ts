// Dates in the form printed on certificates and official documents (公文): the year digit by
// digit with 〇 for zero, month and day as Chinese numerals. 2026-11-29 → 二〇二六年十一月二十九日.
import { isValidYmd } from './dates.ts';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1–31 as a Chinese numeral: 十, 十一, 二十, 二十九, 三十一. */
function numeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** '2026-11-29' → '二〇二六年十一月二十九日'. Throws a RangeError on anything but a real 'YYYY-MM-DD' day. */
export function chineseDate(ymd: string): string {
  if (!isValidYmd(ymd)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(ymd)}`);
  const year = [...ymd.slice(0, 4)].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${numeral(Number(ymd.slice(5, 7)))}月${numeral(Number(ymd.slice(8, 10)))}日`;
}
