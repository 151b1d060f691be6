import { describe, expect, it } from 'vitest';
import { isBlank, normalizeText, stripAllSpaces, toHalfWidth } from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['   ', ''],
    ['\u3000\u00a0 \t\n', ''],
    ['  王芳  ', '王芳'],
    ['王\u3000芳', '王 芳'],
    ['a\u00a0\u00a0b', 'a b'],
    ['a \t\r\n b', 'a b'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['３７０７８３', '370783'],
    ['（党支部）', '(党支部)'],
    ['！～', '!~'],
    ['中文，标点；不变、', '中文,标点;不变、'],
    ['zero\u200bwidth\ufeff', 'zerowidth'],
    [42, '42'],
    [3.5, '3.5'],
    [Number.NaN, ''],
    [true, 'true'],
    [{ richText: [{ text: '王' }, { text: '芳 ' }] }, '王芳'],
    [{ text: '链接', hyperlink: 'http://x' }, '链接'],
    [{ formula: 'A1', result: 7 }, '7'],
    [{ other: 1 }, ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });

  it('writes a Date as ISO text', () => {
    expect(normalizeText(new Date(Date.UTC(1985, 2, 12)))).toBe('1985-03-12T00:00:00.000Z');
  });

  it('converts exactly the full-width ASCII block', () => {
    expect(toHalfWidth('\uff01')).toBe('!');
    expect(toHalfWidth('\uff5e')).toBe('~');
    expect(toHalfWidth('\uff5f')).toBe('\uff5f');
    expect(toHalfWidth('\uff00')).toBe('\uff00');
    expect(toHalfWidth('汉字')).toBe('汉字');
  });
});

describe('stripAllSpaces', () => {
  it('removes every kind of space', () => {
    expect(stripAllSpaces(' 1 3\u30008\u00a00 0\t1\n3 ')).toBe('1380013');
    expect(stripAllSpaces('a\u200bb')).toBe('ab');
  });
});

describe('isBlank', () => {
  it('treats only empty text as blank', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank('\u3000')).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(new Date(Number.NaN))).toBe(false);
  });
});
