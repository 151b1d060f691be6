import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordStrongEnough } from './password.ts';

describe('passwordStrongEnough', () => {
  it('needs 8 characters', () => expect(PASSWORD_MIN_LENGTH).toBe(8));
  it.each([
    ['abcdefg1', true],
    ['1234567a', true],
    ['Xianfeng2024', true],
    ['先锋先锋先锋a1', true],
    ['a1b2c3d4e5f6g7h8i9j0', true],
    ['abc1234', false],
    ['abcdefgh', false],
    ['12345678', false],
    ['先锋先锋先锋先锋1', false],
    ['', false],
    ['        ', false],
    ['ａｂｃｄｅｆｇ１', false],
  ])('%j → %s', (pw, ok) => {
    expect(passwordStrongEnough(pw)).toBe(ok);
  });
  it('refuses what is not a string', () => {
    expect(passwordStrongEnough(undefined)).toBe(false);
    expect(passwordStrongEnough(12345678)).toBe(false);
  });
});
