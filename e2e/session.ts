// What every browser test does besides clicking: sign in through the API to set up data, call the
// API with that session, sign in through the login page, pick from an antd Select, and check that
// a phone-sized page does not scroll sideways.
import type { Page } from 'playwright-core';

/** A server's address, or the started server itself. */
type Base = string | { url: string };
const urlOf = (base: Base) => (typeof base === 'string' ? base : base.url);

export interface Session {
  cookie: string;
  csrf: string;
}

export interface SignedIn extends Session {
  me: { grants: Array<{ unit: { id: number; name: string; code: string } | null }> };
}

export async function login(base: Base, login: string, password: string): Promise<SignedIn> {
  const res = await fetch(`${urlOf(base)}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await res.json();
  return { cookie, csrf: me.csrfToken, me };
}

export async function call<T>(base: Base, s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${urlOf(base)}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs in through the login page and waits for the logged-in frame. */
export async function logIn(page: Page, base: Base, login: string, password: string) {
  await page.goto(`${urlOf(base)}/login`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Types into an antd Select and picks the option showing `text`. */
export async function pick(page: Page, testId: string, typed: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** The page's full width: equal to the viewport's when nothing scrolls sideways. */
export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
