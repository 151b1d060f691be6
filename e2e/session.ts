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

/**
 * Types into an antd Select and picks the option showing `text`, then checks that the Select shows
 * it. A pick that did not take (seen in CI and on a loaded machine: the option click returned but
 * the Select stayed empty) is tried again, typing into the search box afresh; at most 3 tries.
 *
 * antd 6.6 renders the Select as `div.ant-select[data-testid]` > `div.ant-select-content` holding
 * the search `input[role=combobox]`; once a value is chosen, the content div gets the class
 * `ant-select-content-has-value` and shows the option's label (there is no
 * `.ant-select-selection-item` any more).
 */
export async function pick(page: Page, testId: string, typed: string, text: string) {
  const select = page.getByTestId(testId);
  const shown = select.locator('.ant-select-content-has-value').filter({ hasText: text });
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    if (attempt === 1) {
      await select.click();
      await page.keyboard.type(typed);
    } else {
      // Focuses the search box and replaces whatever is left in it: typing opens the dropdown.
      await select.getByRole('combobox').fill(typed);
    }
    await option.click();
    try {
      await shown.waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) {
        const html = await select.evaluate((el) => el.outerHTML).catch(() => '(gone)');
        throw new Error(`pick ${testId}: "${text}" still not shown after ${attempt} tries; the Select is ${html}`, { cause: e });
      }
    }
  }
}

/** The page's full width: equal to the viewport's when nothing scrolls sideways. */
export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
