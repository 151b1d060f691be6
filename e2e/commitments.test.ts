// 亮身份、亮承诺 and 比作风、比贡献 in a real browser on a fresh installation with the demo county: a
// member on a phone publishes this year's commitment and a progress update; a resident of the
// village, on a phone too, lands on the cards of the village and finds that card with the
// commitment; the village secretary compares the branch's members and exports the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeIdNumber, todayYmd } from '@xianfeng/domain';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { login, call, logIn, pick, noSidewaysScroll, type Session } from './session.ts';

const MEMBER_PASSWORD = 'Pioneer2026e2e';
const MEMBER_NAME = '陈亮诺';
const OTHER_NAME = '周作风';
const ID_NUMBER = makeIdNumber('370783', '1979-06-18', 33, 'female');
const PROMISE = '每月走访村里三户独居老人，帮他们代买药品、检修电路，有事随叫随到';
const PROGRESS = '三月走访了刘大爷、王奶奶家，换了两个灯泡，代买了降压药';

describe('commitments and member cards in a browser', () => {
  let server: Server;
  let browser: Browser;
  let phone: BrowserContext;
  let residentPhone: BrowserContext;
  let desk: BrowserContext;
  let member: Page;
  let resident: Page;
  let secretary: Page;
  let branch: { id: number; name: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Set up through the API as the administrator: a branch of the secretary's village (where the
    // demo resident lives) with two members, one of them with an account of her own, and a base
    // point for the other so the comparison has something to sort.
    const admin = await login(server, 'admin', ADMIN_PASSWORD);
    const village = (await login(server, 'secretary', DEMO_PASSWORD)).me.grants[0].unit!;
    branch = await call(server, admin, 'POST', '/api/units', { code: 'E2ECMT01', name: `${village.name}亮诺测试支部`, kind: 'branch', parentId: village.id });
    const m = await call<{ id: number }>(server, admin, 'POST', '/api/members', {
      unitId: branch.id, name: MEMBER_NAME, gender: 'female', birthDate: '1979-06-18', idNumber: ID_NUMBER, mobile: '13912345678',
      joinDate: '2008-07-01', status: 'full', fullMemberDate: '2009-07-01', specialties: ['电工'],
    });
    const other = await call<{ id: number }>(server, admin, 'POST', '/api/members', {
      unitId: branch.id, name: OTHER_NAME, gender: 'male', birthDate: '1970-02-03', idNumber: makeIdNumber('370783', '1970-02-03', 35, 'male'),
      joinDate: '1995-07-01', status: 'full', fullMemberDate: '1996-07-01', specialties: [],
    });
    await call(server, admin, 'POST', '/api/users', { username: 'e2e_commit', displayName: MEMBER_NAME, password: 'Initial2026e2e', role: 'member', unitId: branch.id, memberId: m.id });
    const first = await login(server, 'e2e_commit', 'Initial2026e2e');
    await call(server, first, 'POST', '/api/auth/password', { currentPassword: 'Initial2026e2e', newPassword: MEMBER_PASSWORD });
    await call(server, admin, 'POST', '/api/points/rules/adopt', { unitId: branch.id });
    const rules = await call<{ items: Array<{ id: number; code: string }> }>(server, admin, 'GET', `/api/points/rules?unitId=${branch.id}`);
    await call(server, admin, 'POST', '/api/points/entries', { memberId: other.id, ruleId: rules.items.find((r) => r.code === 'JC03')!.id, occurredOn: todayYmd(), reason: '主题党日' });

    // The server dates everything in China's time zone; so do the people using it.
    const phoneOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    phone = await browser.newContext(phoneOptions);
    residentPhone = await browser.newContext(phoneOptions);
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    member = await phone.newPage();
    resident = await residentPhone.newPage();
    secretary = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a member on a phone publishes this year’s commitment and a progress update', async () => {
    await logIn(member, server, 'e2e_commit', MEMBER_PASSWORD);
    await member.getByTestId('menu-toggle').click();
    await member.getByTestId('menu-commitments-me').click();
    await member.getByTestId('my-commitment').waitFor();
    // Nothing published yet: progress waits for the commitment, the card says 尚未亮诺.
    expect(await member.getByTestId('my-card').getByTestId('card-no-commitment').textContent()).toBe('尚未亮诺');
    expect(await member.getByTestId('update-input').count()).toBe(0);

    await member.getByTestId('commitment-input').fill('多做好事');
    await member.getByTestId('commitment-submit').click();
    await member.getByText('承诺事项须为 10 到 500 个字').first().waitFor();
    await member.getByTestId('commitment-input').fill(PROMISE);
    await member.getByTestId('commitment-submit').click();
    await expect.poll(() => member.getByTestId('commitment-text').textContent()).toBe(PROMISE);

    await member.getByTestId('update-input').fill(PROGRESS);
    await member.getByTestId('update-submit').click();
    await expect.poll(() => member.getByTestId('update-item').first().textContent()).toContain(PROGRESS);

    // The card as the village sees it.
    const card = member.getByTestId('my-card');
    expect(await card.getByTestId('card-identity').textContent()).toBe('中共党员');
    expect(await card.getByTestId('card-commitment').textContent()).toBe(PROMISE);
    expect(await card.getByTestId('card-update-count').textContent()).toBe('践诺进展 1 条');
    expect(await card.getByTestId('card-update').textContent()).toContain(PROGRESS);
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);
    await screenshot(member, 'commitments-01-phone-my');
  });

  it('a resident of the village lands on the village’s cards and sees the commitment', async () => {
    await logIn(resident, server, 'resident', DEMO_PASSWORD);
    // A resident's home is the cards of their village.
    await resident.getByTestId('cards-page').waitFor();
    expect(resident.url()).toMatch(/\/cards$/);
    const card = resident.getByTestId('member-card').filter({ hasText: MEMBER_NAME });
    await card.waitFor();
    expect(await card.getByTestId('card-commitment').textContent()).toBe(PROMISE);
    expect(await card.getByTestId('card-unit').textContent()).toBe(branch.name);
    expect(await card.getByTestId('card-join-year').textContent()).toBe('2008 年入党');
    // Members who published come first.
    expect(await resident.getByTestId('member-card').first().getByTestId('card-name').textContent()).toBe(MEMBER_NAME);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(390);
    await screenshot(resident, 'commitments-02-phone-cards');

    await card.click();
    await resident.getByTestId('card-detail').waitFor();
    await expect.poll(() => resident.getByTestId('card-update').first().textContent()).toContain(PROGRESS);
    const body = await resident.locator('body').textContent();
    for (const secret of [ID_NUMBER, ID_NUMBER.slice(-4), '13912345678', '1979-06-18']) expect(body).not.toContain(secret);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(390);
  });

  it('the village secretary compares the branch’s members, sorts by commitment and exports the table', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-commitments-compare').click();
    await secretary.getByTestId('compare-page').waitFor();
    await pick(secretary, 'compare-unit', '亮诺测试', branch.name);
    await expect.poll(() => secretary.getByTestId('compare-row').count()).toBe(2);
    // By score first: the one with a base point leads.
    expect(await secretary.getByTestId('compare-row').first().getByTestId('compare-name').textContent()).toBe(OTHER_NAME);
    expect(await secretary.getByTestId('compare-committed-count').textContent()).toContain('1');

    // A table that scrolls sideways repeats its titles in a hidden measuring row: click the real header.
    await secretary.locator('thead').getByTestId('compare-col-committed').click();
    await expect.poll(() => secretary.getByTestId('compare-row').first().getByTestId('compare-name').textContent()).toBe(MEMBER_NAME);
    expect(secretary.url()).toContain('sort=committed');
    const row = secretary.getByTestId('compare-row').first();
    expect(await row.getByTestId('compare-committed').textContent()).toBe('已亮诺');
    expect(await row.getByTestId('compare-updates').textContent()).toBe('1');
    await secretary.getByTestId('compare-chart').waitFor();
    await screenshot(secretary, 'commitments-03-compare');

    const [file] = await Promise.all([secretary.waitForEvent('download'), secretary.getByTestId('compare-export').click()]);
    expect(file.suggestedFilename()).toMatch(/比作风比贡献\.xlsx$/);
  });
});
