import { describe, expect, it } from 'vitest';
import { SAMPLE_AREA_CODES, idNumberCheckDigit, makeIdNumber, maskIdNumber, normalizeIdNumber, parseIdNumber } from './id-number.ts';

const TODAY = '2025-06-15';
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('idNumberCheckDigit', () => {
  it('computes the published example 11010519491231002X', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
  });
  it('computes check digits by hand-worked weights', () => {
    // 3·7+7·9+0·10+7·5+8·8+3·4+1·2+9·1+8·6+5·3+0·7+3·9+1·10+2·5+1·8+0·4+0·2 = 324; 324 mod 11 = 5 → '7'
    expect(idNumberCheckDigit('37078319850312100')).toBe('7');
    expect(idNumberCheckDigit('00000000000000000')).toBe('1');
  });
  it('maps every remainder 0..10 through 10X98765432', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 100; seq++) seen.add(idNumberCheckDigit(`411221197506300${String(seq).padStart(2, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckDigit('1234')).toThrow();
    expect(() => idNumberCheckDigit('1101051949123100X')).toThrow();
  });
});

describe('parseIdNumber', () => {
  it('accepts the published example and reads what it says', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', areaCode: '110105',
    });
  });

  it('refuses the example with a wrong check digit', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, code: 'id.checksum' });
  });

  it('reads gender from the 17th digit: odd male, even female', () => {
    const male = makeIdNumber('370783', '1985-03-12', 101, 'male');
    const female = makeIdNumber('370783', '1985-03-12', 100, 'female');
    expect(male[16]).toBe('1');
    expect(female[16]).toBe('0');
    expect(parseIdNumber(male, TODAY)).toMatchObject({ ok: true, gender: 'male', birthDate: '1985-03-12', areaCode: '370783' });
    expect(parseIdNumber(female, TODAY)).toMatchObject({ ok: true, gender: 'female' });
  });

  it('tolerates lowercase x, full-width characters and spaces', () => {
    expect(parseIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber(toFullWidth('11010519491231002x'), TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber(' 110105 19491231 002X ', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('1101\u300005194912\u00a031002X', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    const id = makeIdNumber('370783', '1985-03-12', 100, 'female');
    expect(parseIdNumber(toFullWidth(id), TODAY)).toMatchObject({ ok: true, value: id });
    expect(normalizeIdNumber(' ３７０７ x ')).toBe('3707X');
  });

  it.each([null, undefined, '', '   ', '\u3000'])('requires a value: %j', (raw) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, code: 'id.required' });
  });

  it.each([
    '123',
    '11010519491231002',
    '11010519491231002XX',
    '1101051949123100X2',
    '11010519491231002Y',
    'A1010519491231002X',
    '110105-19491231-002X',
    '110105194912310',
    '370783198503121007000',
  ])('refuses the shape of %j', (raw) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, code: 'id.format' });
  });

  it('refuses an ID number that lost its last digits as a spreadsheet number', () => {
    // 370783198503121007 stored as a double reads back as 370783198503121000.
    expect(parseIdNumber(370783198503121007, TODAY)).toEqual({ ok: false, code: 'id.checksum' });
    expect(parseIdNumber(3.70783198503121e17, TODAY).ok).toBe(false);
  });

  it('needs a real birth date, from 1900, not in the future', () => {
    const withBirth = (ymd8: string) => {
      const first17 = `370783${ymd8}100`;
      return first17 + idNumberCheckDigit(first17);
    };
    expect(parseIdNumber(withBirth('19850230'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('19851301'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('19850001'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('19990229'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('18991231'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('20250616'), TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
    expect(parseIdNumber(withBirth('20250615'), TODAY)).toMatchObject({ ok: true, birthDate: '2025-06-15' });
    expect(parseIdNumber(withBirth('19000101'), TODAY)).toMatchObject({ ok: true, birthDate: '1900-01-01' });
    expect(parseIdNumber(withBirth('20000229'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('reports a bad birth date before a bad check digit', () => {
    expect(parseIdNumber('370783198502301000', TODAY)).toEqual({ ok: false, code: 'id.birthdate' });
  });

  it('catches every single-digit typo in a valid number', () => {
    const id = makeIdNumber('411221', '1975-06-30', 301, 'male');
    for (let i = 0; i < 18; i++) {
      for (const d of '0123456789') {
        if (d === id[i]) continue;
        const typo = id.slice(0, i) + d + id.slice(i + 1);
        expect(parseIdNumber(typo, TODAY).ok, typo).toBe(false);
      }
    }
  });

  it('defaults today to the current day', () => {
    expect(parseIdNumber('11010519491231002X').ok).toBe(true);
  });
});

describe('maskIdNumber', () => {
  it('keeps four characters at each end', () => {
    expect(maskIdNumber('370783198503121007')).toBe('3707**********1007');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('370783198503121007')).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });
  it('masks short or missing values whole', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
  });
});

describe('makeIdNumber', () => {
  it('builds valid numbers for every sample area, both genders', () => {
    for (const { code } of SAMPLE_AREA_CODES) {
      for (const gender of ['male', 'female'] as const) {
        const id = makeIdNumber(code, '1972-11-05', 37, gender);
        expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate: '1972-11-05', gender, areaCode: code });
      }
    }
  });

  it.each([
    [100, 'male', '101'],
    [101, 'male', '101'],
    [100, 'female', '100'],
    [101, 'female', '100'],
    [0, 'male', '001'],
    [0, 'female', '000'],
    [999, 'male', '999'],
    [999, 'female', '998'],
    [1234, 'male', '235'],
    [-1, 'male', '999'],
  ] as const)('sequence %d for a %s becomes %s', (seq, gender, expected) => {
    expect(makeIdNumber('370783', '1985-03-12', seq, gender).slice(14, 17)).toBe(expected);
  });

  it('can produce an X check character', () => {
    let withX = '';
    for (let s = 1; s < 999 && !withX.endsWith('X'); s += 2) withX = makeIdNumber('411221', '1975-06-30', s, 'male');
    expect(withX).toMatch(/X$/);
    expect(parseIdNumber(withX.toLowerCase(), TODAY)).toMatchObject({ ok: true, value: withX });
  });

  it('refuses malformed input', () => {
    expect(() => makeIdNumber('37078', '1985-03-12', 1, 'male')).toThrow();
    expect(() => makeIdNumber('370783', '1985-02-30', 1, 'male')).toThrow();
    expect(() => makeIdNumber('370783', '1985/03/12', 1, 'male')).toThrow();
    expect(() => makeIdNumber('370783', '1985-03-12', 1, 'other' as 'male')).toThrow();
  });
});

describe('SAMPLE_AREA_CODES', () => {
  it('lists about thirty distinct county-level codes with names', () => {
    expect(SAMPLE_AREA_CODES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SAMPLE_AREA_CODES.map((a) => a.code)).size).toBe(SAMPLE_AREA_CODES.length);
    for (const a of SAMPLE_AREA_CODES) {
      expect(a.code).toMatch(/^[1-8]\d{5}$/);
      expect(a.code.slice(4)).not.toBe('00');
      expect(a.name).toMatch(/[市县区]$/);
    }
  });
  it('includes the places the mechanisms come from', () => {
    const byCode = new Map(SAMPLE_AREA_CODES.map((a) => [a.code, a.name]));
    expect(byCode.get('370783')).toContain('寿光市');
    expect(byCode.get('411221')).toContain('渑池县');
    expect(byCode.get('440902')).toContain('茂南区');
    expect(byCode.get('440981')).toContain('高州市');
    expect(byCode.get('330502')).toContain('吴兴区');
    expect(byCode.get('533102')).toContain('瑞丽市');
    expect(byCode.get('430922')).toContain('桃江县');
  });
});
