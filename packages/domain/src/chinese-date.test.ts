import { describe, expect, it } from 'vitest';
import { chineseDate } from './chinese-date.ts';

describe('chineseDate', () => {
  it.each([
    ['2026-11-29', '二〇二六年十一月二十九日'],
    ['2026-01-01', '二〇二六年一月一日'],
    ['2000-10-10', '二〇〇〇年十月十日'],
    ['2019-12-20', '二〇一九年十二月二十日'],
    ['2021-07-01', '二〇二一年七月一日'],
    ['1949-10-01', '一九四九年十月一日'],
    ['2024-02-29', '二〇二四年二月二十九日'],
    ['2025-03-30', '二〇二五年三月三十日'],
    ['2025-05-31', '二〇二五年五月三十一日'],
    ['2025-06-11', '二〇二五年六月十一日'],
    ['2025-06-19', '二〇二五年六月十九日'],
    ['2025-06-21', '二〇二五年六月二十一日'],
  ])('writes %s as %s', (ymd, expected) => {
    expect(chineseDate(ymd)).toBe(expected);
  });

  it('writes every day of a year with one 年, 月 and 日 and no Arabic digit', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
      const out = chineseDate(new Date(t).toISOString().slice(0, 10));
      expect(out).toMatch(/^[〇一二三四五六七八九]{4}年(十[一二]?|[一二三四五六七八九])月(十|[二三]十)?[一二三四五六七八九]?日$/);
      expect(out).not.toMatch(/\d/);
    }
  });

  it.each(['', '2026-13-01', '2025-02-29', '2026/11/29', '2026-11-29T00:00:00Z', '26-11-29'])(
    'refuses %j',
    (bad) => {
      expect(() => chineseDate(bad)).toThrow(RangeError);
    },
  );
});
