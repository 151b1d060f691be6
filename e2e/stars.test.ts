// The five stars in a real browser on the demo county: the village secretary previews the stars of a
// branch (the member lights two), raises the threshold of 争先创优 in the village's scheme, and the
// preview follows (one star left); the member, on a phone, sees 点亮一颗星 on their points page —
// which star is closest to lighting and exactly what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeIdNumber, todayYmd } from '@xianfeng/domain';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { login, call, logIn, noSidewaysScroll, type Session } from './session.ts';

const MEMBER_PASSWORD = 'Pioneer2026star';
const MEMBER_NAME = '星光测试';

/** Distinct days of this year, from 1 January on, all before today. */
function dayOfYear(n: number) {
  const today = todayYmd();
  const d = new Date(`${today.slice(0, 4)}-01-01T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const day = d.toISOString().slice(0, 10);
  if (day >= today) throw new Error('the stars browser test needs a week of this year behind it');
  return day;
}

describe('five stars in a browser', () => {
  let server: Server;
  let browser: Browser;
  let phone: BrowserContext;
  let desk: BrowserContext;
  let member: Page;
  let secretary: Page;
  let branch: { id: number; name: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Through the API: a branch of the secretary's village with one member who has an account, and
    // a ledger that lights 争先创优 and 创新突破 (30 points of commendations) and half of 业务攻坚.
    const admin = await login(server, 'admin', ADMIN_PASSWORD);
    const sec = await login(server, 'secretary', DEMO_PASSWORD);
    const village = sec.me.grants[0].unit!;
    branch = await call(server, admin, 'POST', '/api/units', { code: 'E2ESTAR01', name: `${village.name}星级测试支部`, kind: 'branch', parentId: village.id });
    const m = await call<{ id: number }>(server, admin, 'POST', '/api/members', {
      unitId: branch.id, name: MEMBER_NAME, gender: 'female', birthDate: '1990-06-01', idNumber: makeIdNumber('370783', '1990-06-01', 42, 'female'),
      joinDate: '2015-07-01', status: 'full',
    });
    await call(server, admin, 'POST', '/api/users', { username: 'e2e_stars', displayName: MEMBER_NAME, password: 'Initial2026star', role: 'member', unitId: branch.id, memberId: m.id });
    const first = await login(server, 'e2e_stars', 'Initial2026star');
    await call(server, first, 'POST', '/api/auth/password', { currentPassword: 'Initial2026star', newPassword: MEMBER_PASSWORD });
    const rules = await call<{ items: Array<{ id: number; code: string }> }>(server, sec, 'GET', `/api/points/rules?unitId=${branch.id}`);
    const rule = (code: string) => rules.items.find((r) => r.code === code)!.id;
    const book = (code: string, n: number, points: number) =>
      call(server, sec, 'POST', '/api/points/entries', { memberId: m.id, ruleId: rule(code), occurredOn: dayOfYear(n), points, reason: '星级测试' });
    await book('JF06', 1, 20);
    await book('JF06', 2, 10);
    await book('JF01', 3, 6);

    phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
    member = await phone.newPage();
    secretary = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const starsOfRow = async () => {
    const row = secretary.getByTestId('preview-row').filter({ hasText: MEMBER_NAME });
    await row.waitFor();
    return row.getByTestId('stars').getAttribute('data-count');
  };

  it('the secretary previews the branch: the member would light two stars now', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-stars-preview').click();
    await secretary.getByTestId('stars-preview').waitFor();
    await secretary.goto(`${server.url}/stars/preview?unit=${branch.id}`);
    expect(await starsOfRow()).toBe('2');
    const row = secretary.getByTestId('preview-row').filter({ hasText: MEMBER_NAME });
    expect(await row.locator('[data-testid=preview-figure][data-code=excellence]').textContent()).toBe('30/28');
    expect(await row.locator('[data-testid=preview-figure][data-code=excellence]').getAttribute('data-met')).toBe('true');
    await secretary.getByTestId('preview-chart').waitFor();
    expect(await secretary.getByTestId('preview-filter-2').textContent()).toContain('(1)');
    await screenshot(secretary, 'stars-01-preview');
  });

  it('the secretary raises the threshold of 争先创优 in the village’s scheme, and the preview follows', async () => {
    await secretary.getByTestId('menu-stars-scheme').click();
    await secretary.getByTestId('stars-scheme').waitFor();
    expect(await secretary.getByTestId('scheme-source').getAttribute('data-source')).toBe('default');
    const excellence = secretary.locator('[data-testid=scheme-dimension][data-code=excellence]');
    await expect.poll(() => excellence.getByTestId('scheme-min-points').inputValue()).toBe('28');
    await excellence.getByTestId('scheme-min-points').fill('40');
    await secretary.getByTestId('scheme-save').click();
    await expect.poll(() => secretary.getByTestId('scheme-source').getAttribute('data-source')).toBe('own');
    await expect.poll(() => excellence.getByTestId('scheme-min-points').inputValue()).toBe('40');
    await screenshot(secretary, 'stars-02-scheme');

    await secretary.goto(`${server.url}/stars/preview?unit=${branch.id}`);
    await expect.poll(starsOfRow).toBe('1');
    const row = secretary.getByTestId('preview-row').filter({ hasText: MEMBER_NAME });
    expect(await row.locator('[data-testid=preview-figure][data-code=excellence]').textContent()).toBe('30/40');
    expect(await row.locator('[data-testid=preview-figure][data-code=excellence]').getAttribute('data-met')).toBe('false');
  });

  it('the member sees 点亮一颗星 on their points page: the closest star and what is missing', async () => {
    await logIn(member, server, 'e2e_stars', MEMBER_PASSWORD);
    await member.getByTestId('menu-toggle').click();
    await member.getByTestId('menu-points-me').click();
    const card = member.getByTestId('star-progress');
    await card.waitFor();
    expect(await card.getByTestId('star-progress-stars').getAttribute('data-count')).toBe('1');
    // 争先创优 misses 10 of 40 (25 %), 业务攻坚 4 of 10 (40 %): the first is closest.
    expect(await card.getByTestId('star-progress-closest').textContent()).toContain('争先创优');
    expect(await card.getByTestId('star-progress-missing').textContent()).toContain('10 分');
    const rules = await card.getByTestId('star-progress-rule').allTextContents();
    expect(rules.some((r) => r.includes('受到表彰奖励'))).toBe(true);
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);
    await card.scrollIntoViewIfNeeded();
    await screenshot(member, 'stars-03-phone-progress');
  });

  it('the preview and the scheme fit a phone', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, server, 'secretary', DEMO_PASSWORD);
    await page.goto(`${server.url}/stars/preview?unit=${branch.id}`);
    await page.getByTestId('preview-row').filter({ hasText: MEMBER_NAME }).waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'stars-04-phone-preview');
    await page.goto(`${server.url}/stars/scheme`);
    await page.locator('[data-testid=scheme-dimension][data-code=breakthrough]').waitFor();
    expect(await page.getByTestId('scheme-source').getAttribute('data-source')).toBe('own');
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
