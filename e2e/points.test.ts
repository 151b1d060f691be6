// The main path of the dual-points module, in a real browser on a fresh installation with the demo
// county: a member on a phone claims points under a rule with a photo as evidence, the village
// secretary approves it in the review queue, the member redeems an item in the points shop and
// sees the balance drop, and the pioneer board shows the member with the new score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeIdNumber } from '@xianfeng/domain';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { login, call, logIn, pick, noSidewaysScroll, type Session } from './session.ts';

/** A 1×1 PNG: the server recognises evidence by its first bytes. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const MEMBER_PASSWORD = 'Pioneer2026e2e';
const MEMBER_NAME = '林积分';
const ITEM = '党徽纪念章';

/** The figure of the big score, without its title and unit. */
const score = (page: Page) => page.getByTestId('my-score').locator('.ant-statistic-content-value').textContent();

describe('dual points in a browser', () => {
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
    // Set up through the API as the administrator: a branch of the secretary's village, a member in
    // it with an account of their own, the default rules adopted by the village, an item in its shop.
    const admin = await login(server, 'admin', ADMIN_PASSWORD);
    const village = (await login(server, 'secretary', DEMO_PASSWORD)).me.grants[0].unit!;
    branch = await call(server, admin, 'POST', '/api/units', { code: 'E2EPTS01', name: `${village.name}积分测试支部`, kind: 'branch', parentId: village.id });
    const m = await call<{ id: number }>(server, admin, 'POST', '/api/members', {
      unitId: branch.id, name: MEMBER_NAME, gender: 'male', birthDate: '1985-03-12', idNumber: makeIdNumber('370783', '1985-03-12', 21, 'male'),
      joinDate: '2010-07-01', status: 'full', specialties: ['电工'],
    });
    await call(server, admin, 'POST', '/api/users', { username: 'e2e_points', displayName: MEMBER_NAME, password: 'Initial2026e2e', role: 'member', unitId: branch.id, memberId: m.id });
    // A password someone else chose is changed at first login: do that here, not in the browser.
    const first = await login(server, 'e2e_points', 'Initial2026e2e');
    await call(server, first, 'POST', '/api/auth/password', { currentPassword: 'Initial2026e2e', newPassword: MEMBER_PASSWORD });
    await call(server, admin, 'POST', '/api/points/rules/adopt', { unitId: village.id });
    await call(server, admin, 'POST', '/api/points/shop/items', { unitId: village.id, name: ITEM, description: '村积分超市', price: 5, stock: 3 });

    // The server dates claims and periods in China's time zone; so do the people using it.
    phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
    member = await phone.newPage();
    secretary = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a member on a phone claims points for flood duty with a photo', async () => {
    await logIn(member, server, 'e2e_points', MEMBER_PASSWORD);
    await member.getByTestId('menu-toggle').click();
    await member.getByTestId('menu-points-me').click();
    await member.getByTestId('my-score-card').waitFor();
    expect(await score(member)).toBe('0');
    expect(await member.getByTestId('my-balance').textContent()).toBe('0');
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);

    await member.getByTestId('claim-open').click();
    await member.getByTestId('claim-form').waitFor();
    await pick(member, 'claim-rule', '防汛', '防汛抢险值守');
    // A ranged rule asks for the points; the rule's requirements are shown.
    expect(await member.getByTestId('claim-rule-hint').textContent()).toContain('需佐证材料');
    await member.getByTestId('claim-points').fill('8');
    await member.getByTestId('claim-remark').fill('夜间巡堤值守');
    await member.getByTestId('claim-evidence').locator('input[type=file]').setInputFiles({ name: '巡堤.png', mimeType: 'image/png', buffer: PHOTO });
    await member.getByTestId('evidence-uploaded').waitFor();
    await screenshot(member, 'points-01-phone-claim');
    await member.getByTestId('claim-submit').click();
    await member.getByTestId('claim-form').waitFor({ state: 'detached' });

    await member.getByTestId('my-points-tab-claims').click();
    const claim = member.getByTestId('my-claim').filter({ hasText: '防汛抢险值守' });
    await claim.waitFor();
    expect(await claim.getByTestId('my-claim-status').textContent()).toBe('待审核');
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);
  });

  it('the village secretary approves the claim in the review queue', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-points-review').click();
    await pick(secretary, 'review-unit', '积分测试', branch.name);
    const row = secretary.getByTestId('review-claim').filter({ hasText: MEMBER_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('防汛抢险值守');
    expect(await row.getByTestId('evidence-thumb').count()).toBe(1);
    await screenshot(secretary, 'points-02-review');
    await row.getByTestId('claim-approve').click();
    // A ranged rule: the claimed figure is offered and may be changed within the range.
    await expect.poll(() => secretary.getByTestId('approve-points').inputValue()).toBe('8');
    await secretary.getByTestId('approve-confirm').click();
    await row.waitFor({ state: 'detached' });
  });

  it('the member sees the points, redeems an item in the shop and the balance drops', async () => {
    await member.getByTestId('my-points-tab-overview').click();
    await expect.poll(() => score(member)).toBe('8');
    expect(await member.getByTestId('my-bonus').textContent()).toBe('8');
    const bonus = member.getByTestId('entry-row').filter({ hasText: '防汛抢险值守' });
    expect(await bonus.getByTestId('entry-points').textContent()).toBe('+8');
    expect(await bonus.getByTestId('entry-account').textContent()).toBe('加分');

    await member.getByTestId('my-points-tab-shop').click();
    await expect.poll(() => member.getByTestId('shop-balance').textContent()).toBe('8');
    const item = member.getByTestId('shop-item').filter({ hasText: ITEM });
    await item.getByTestId('shop-redeem').click();
    expect(await member.getByTestId('redeem-total').textContent()).toContain('5');
    await member.getByTestId('redeem-confirm').click();
    await expect.poll(() => member.getByTestId('shop-balance').textContent()).toBe('3');
    const order = member.getByTestId('my-order').filter({ hasText: ITEM });
    await order.waitFor();
    expect(await order.getByTestId('my-order-status').textContent()).toBe('待领取');
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);
    await screenshot(member, 'points-03-phone-shop');

    // Redeeming never lowers the score.
    await member.getByTestId('my-points-tab-overview').click();
    await expect.poll(() => member.getByTestId('my-balance').textContent()).toBe('3');
    expect(await score(member)).toBe('8');
    const redemption = member.getByTestId('entry-row').filter({ hasText: ITEM });
    expect(await redemption.getByTestId('entry-account').textContent()).toBe('兑换');
    expect(await redemption.getByTestId('entry-points').textContent()).toBe('\u22125');
  });

  it('the pioneer board shows the member with the new score, and the plaque goes to them', async () => {
    await secretary.getByTestId('menu-points-board').click();
    await pick(secretary, 'board-unit', '积分测试', branch.name);
    const row = secretary.getByTestId('board-row').filter({ hasText: MEMBER_NAME });
    await row.waitFor();
    expect(await row.getByTestId('board-score').textContent()).toBe('8');
    await secretary.getByTestId('board-chart-distribution').waitFor();
    expect(await secretary.getByTestId('plaque-candidate').textContent()).toContain(MEMBER_NAME);
    await secretary.getByTestId('plaque-confirm').click();
    await expect.poll(() => secretary.getByTestId('plaque-holder').textContent()).toContain(MEMBER_NAME);
    await screenshot(secretary, 'points-04-board');
  });
});
