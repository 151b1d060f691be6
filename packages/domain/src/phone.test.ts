import { describe, expect, it } from 'vitest';
import { maskMobile, parseMobile } from './phone.ts';

describe('parseMobile', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '138.0013.8000',
    '(138)0013-8000',
    '+86 138 0013 8000',
    '+8613800138000',
    '8613800138000',
    '008613800138000',
    '0086-138-0013-8000',
    '１３８００１３８０００',
    '＋８６\u3000１３８－００１３－８０００',
    ' 13800138000\u00a0',
    13800138000,
  ])('reads %j', (raw) => {
    expect(parseMobile(raw)).toEqual({ ok: true, value: '13800138000' });
  });

  it('accepts every second digit from 3 to 9', () => {
    for (const d of '3456789') expect(parseMobile(`1${d}012345678`).ok).toBe(true);
  });

  it.each([null, undefined, '', '  ', '\u3000', ' - '])('requires a value: %j', (raw) => {
    expect(parseMobile(raw)).toEqual({ ok: false, code: 'phone.required' });
  });

  it.each([
    '12345',
    '12800138000',
    '10800138000',
    '23800138000',
    '1380013800',
    '138001380001',
    '0531-88888888',
    '053188888888',
    '+85213800138000',
    '+1 13800138000',
    '1380013800a',
    '8613800138',
  ])('refuses %j', (raw) => {
    expect(parseMobile(raw)).toEqual({ ok: false, code: 'phone.format' });
  });
});

describe('maskMobile', () => {
  it('shows the first three and last four digits', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskMobile('13912345678')).toBe('139****5678');
  });
  it('masks other lengths whole and tolerates empty values', () => {
    expect(maskMobile('12345')).toBe('*****');
    expect(maskMobile('')).toBe('');
    expect(maskMobile(null)).toBe('');
  });
});
