import { describe, expect, it } from 'vitest';
import {
  addYears, beijingDateTime, compareYmd, daysBetween, excelSerialToYmd, isValidYmd, parseDate, todayYmd, yearsBetween,
} from './dates.ts';

describe('parseDate', () => {
  it.each([
    '1985-03-12',
    '1985-3-12',
    '1985/03/12',
    '1985/3/12',
    '1985.03.12',
    '1985.3.12',
    '1985年3月12日',
    '1985年03月12日',
    '1985年03月12号',
    '1985年3月12',
    '19850312',
    '1985-03-12T00:00:00Z',
    '1985-03-12T00:00:00.000Z',
    '1985-03-12T23:59:59+08:00',
    '1985-03-12 08:30',
    '1985-03-12 08:30:00',
    '１９８５年３月１２日',
    '１９８５－０３－１２',
    '１９８５．３．１２',
    ' 1985 - 03 - 12 ',
    '1985 年 3 月 12 日',
    '\u30001985/03/12\u00a0',
    '1985-03-12  08:30:00',
  ])('reads %j as 1985-03-12', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: '1985-03-12' });
  });

  it('reads a JS Date by its UTC calendar day (as exceljs gives it)', () => {
    expect(parseDate(new Date(Date.UTC(1985, 2, 12)))).toEqual({ ok: true, value: '1985-03-12' });
    expect(parseDate(new Date(Date.UTC(1985, 2, 12, 23, 59)))).toEqual({ ok: true, value: '1985-03-12' });
    expect(parseDate(new Date(Number.NaN))).toEqual({ ok: false, code: 'date.invalid' });
  });

  it.each([
    [1, '1900-01-01'],
    [2, '1900-01-02'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [62, '1900-03-02'],
    [366, '1900-12-31'],
    [367, '1901-01-01'],
    [25569, '1970-01-01'],
    [31118, '1985-03-12'],
    [36526, '2000-01-01'],
    [36585, '2000-02-29'],
    [45292, '2024-01-01'],
    [45292.75, '2024-01-01'],
    [100000, '2173-10-14'],
  ])('reads Excel serial %d as %s', (serial, ymd) => {
    expect(parseDate(serial)).toEqual({ ok: true, value: ymd });
    expect(excelSerialToYmd(serial)).toBe(ymd);
  });

  it('refuses Excel serial 60, the 29 February 1900 that never was', () => {
    expect(parseDate(60)).toEqual({ ok: false, code: 'date.invalid' });
    expect(parseDate(60.5)).toEqual({ ok: false, code: 'date.invalid' });
    expect(excelSerialToYmd(60)).toBeUndefined();
  });

  it('refuses numbers outside the serial range', () => {
    for (const n of [0, -1, 0.5, 100001, 1e9, Number.NaN, Number.POSITIVE_INFINITY]) expect(parseDate(n), String(n)).toEqual({ ok: false, code: 'date.format' });
    expect(excelSerialToYmd(0)).toBeUndefined();
    expect(excelSerialToYmd(100001)).toBeUndefined();
  });

  it('reads a date typed as the number 19850312', () => {
    expect(parseDate(19850312)).toEqual({ ok: true, value: '1985-03-12' });
    expect(parseDate(19850230)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it.each([null, undefined, '', '   ', '\u3000', {}])('requires a value: %j', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, code: 'date.required' });
  });

  it.each([
    '1985-02-30',
    '1985-02-29',
    '1900-02-29',
    '2100-02-29',
    '1985-13-01',
    '1985-00-10',
    '1985-01-00',
    '1985-04-31',
    '1985年2月30日',
    '19851301',
    '1985.02.30',
    '1985-02-30T00:00:00Z',
  ])('knows %j does not exist', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, code: 'date.invalid' });
  });

  it('accepts real leap days', () => {
    expect(parseDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseDate('2024年2月29日')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it.each([
    'abc',
    '85.3.12',
    '1985-03',
    '1985年3月',
    '3/12/1985',
    '12.03.1985',
    '1985-3/12',
    '1985.3-12',
    '198503121',
    '1985-03-12T',
    '1985-03-12 foo',
    '一九八五年三月十二日',
    true,
  ])('does not guess at %j', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, code: 'date.format' });
  });
});

describe('isValidYmd', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isValidYmd('1985-03-12')).toBe(true);
    expect(isValidYmd('2000-02-29')).toBe(true);
    expect(isValidYmd('1999-02-29')).toBe(false);
    expect(isValidYmd('1985-3-12')).toBe(false);
    expect(isValidYmd('1985/03/12')).toBe(false);
    expect(isValidYmd('1985-03-12T00:00:00Z')).toBe(false);
    expect(isValidYmd('0000-01-01')).toBe(false);
    expect(isValidYmd(19850312)).toBe(false);
    expect(isValidYmd(null)).toBe(false);
  });
});

describe('compareYmd', () => {
  it('orders calendar days', () => {
    expect(compareYmd('1985-03-12', '1985-03-13')).toBe(-1);
    expect(compareYmd('1985-03-12', '1985-03-12')).toBe(0);
    expect(compareYmd('1986-01-01', '1985-12-31')).toBe(1);
    expect(['2001-01-01', '1999-12-31', '2000-06-15'].sort(compareYmd)).toEqual(['1999-12-31', '2000-06-15', '2001-01-01']);
  });
});

describe('addYears', () => {
  it('adds and subtracts whole years', () => {
    expect(addYears('1985-03-12', 18)).toBe('2003-03-12');
    expect(addYears('1985-03-12', -1)).toBe('1984-03-12');
    expect(addYears('1985-03-12', 0)).toBe('1985-03-12');
  });
  it('turns 29 February into 28 February in common years', () => {
    expect(addYears('2000-02-29', 1)).toBe('2001-02-28');
    expect(addYears('2000-02-29', 4)).toBe('2004-02-29');
  });
});

describe('yearsBetween', () => {
  it.each([
    ['1985-03-12', '2003-03-11', 17],
    ['1985-03-12', '2003-03-12', 18],
    ['1985-03-12', '2003-03-13', 18],
    ['1985-03-12', '1985-03-12', 0],
    ['1985-12-31', '1986-01-01', 0],
    ['2000-02-29', '2018-02-28', 17],
    ['2000-02-29', '2018-03-01', 18],
    ['2000-02-29', '2020-02-29', 20],
    ['2003-03-12', '1985-03-12', -18],
  ])('from %s to %s: %d completed years', (a, b, n) => {
    expect(yearsBetween(a, b)).toBe(n);
  });
});

describe('daysBetween', () => {
  it('counts days across leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
});

describe('todayYmd', () => {
  it('gives the day in China by default', () => {
    expect(todayYmd(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(todayYmd(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
  });
  it('can use another time zone', () => {
    expect(todayYmd(new Date('2024-12-31T16:30:00Z'), 'UTC')).toBe('2024-12-31');
  });
  it('is a valid date for now', () => {
    expect(isValidYmd(todayYmd())).toBe(true);
  });
});

describe('beijingDateTime', () => {
  it('reads an instant in Beijing time, across the date line of UTC+8', () => {
    expect(beijingDateTime('2026-07-31T16:05:09.000Z')).toBe('2026-08-01 00:05');
    expect(beijingDateTime('2026-07-31T16:05:09.000Z', true)).toBe('2026-08-01 00:05:09');
    expect(beijingDateTime(null)).toBe('');
  });
});
