// 群众求助 in a real browser on a fresh installation with the demo county: a resident scans the
// village's QR code on their phone and asks for help without an account; a member the request
// matches finds it in "matching me", accepts and resolves it; the resident follows it by receipt
// code and confirms it with a rating; the member's points rise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll, type SignedIn } from './session.ts';

const DESCRIPTION = '家里卫生间的水龙头一直漏水，关不紧';

describe('help requests in a browser', () => {
  let server: Server;
  let browser: Browser;
  let residentPhone: BrowserContext;
  let memberPhone: BrowserContext;
  let resident: Page;
  let member: Page;
  let memberApi: SignedIn;
  let villageCode = '';
  let receipt = '';
  let scoreBefore = 0;

  const score = async () => (await call<{ current: { score: number } }>(server, memberApi, 'GET', '/api/points/my')).current.score;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    villageCode = (await login(server, 'secretary', DEMO_PASSWORD)).me.grants[0]!.unit!.code;
    memberApi = await login(server, 'member', DEMO_PASSWORD);
    scoreBefore = await score();
    const phone = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true };
    residentPhone = await browser.newContext(phone);
    memberPhone = await browser.newContext(phone);
    resident = await residentPhone.newPage();
    member = await memberPhone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a resident scans the QR code and asks for help without an account', async () => {
    await resident.goto(`${server.url}/public/help/${villageCode}`);
    await resident.getByTestId('help-ask-page').waitFor();
    await resident.getByTestId('help-category-other').click();
    await resident.getByTestId('help-ask-description').fill(DESCRIPTION);
    await resident.getByTestId('help-ask-place').fill('一组 5 号');
    await resident.getByTestId('help-ask-name').fill('王大妈');
    await resident.getByTestId('help-ask-phone').fill('13912340000');
    // The check: a small sum the page shows in its label.
    const label = await resident.locator('label[for$="answer"]').textContent();
    const [a, b] = label!.match(/\d+/g)!.map(Number);
    await resident.getByTestId('help-ask-answer').fill(String(a! + b!));
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'help-01-phone-ask');
    await resident.getByTestId('help-ask-submit').click();
    await resident.getByTestId('help-filed').waitFor();
    receipt = (await resident.getByTestId('help-receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^[2-9A-Z]{10}$/);
    await screenshot(resident, 'help-02-phone-receipt');
  });

  it('a matching member finds it in "matching me", accepts and resolves it', async () => {
    await logIn(member, server, 'member', DEMO_PASSWORD);
    await member.goto(`${server.url}/help/queue`);
    await member.getByTestId('help-queue-page').waitFor();
    const card = member.locator('[data-testid^="help-card-"]').filter({ hasText: DESCRIPTION });
    await card.waitFor();
    const id = Number((await card.getAttribute('data-testid'))!.replace('help-card-', ''));
    // The phone is masked until the member takes the request.
    expect(await card.textContent()).toContain('139****0000');
    await member.getByTestId(`help-accept-${id}`).click();
    await expect.poll(() => member.getByTestId(`help-status-${id}`).textContent()).toBe('已接单');
    await member.getByTestId(`help-resolve-${id}`).click();
    await member.getByTestId('help-resolve-input').fill('更换了水龙头阀芯，已不漏水');
    await member.getByTestId('help-resolve-submit').click();
    // Resolved, it leaves the to-do list and waits for the resident among the resolved ones.
    await member.getByTestId(`help-card-${id}`).waitFor({ state: 'detached' });
    await member.getByTestId('help-queue-filter-resolved').click();
    await expect.poll(() => member.getByTestId(`help-status-${id}`).textContent()).toBe('待确认');
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(375);
    await screenshot(member, 'help-03-member-queue');
  });

  it('the resident follows it by receipt code and confirms with a rating; the member’s points rise', async () => {
    await resident.getByTestId('help-follow-link').click();
    await resident.getByTestId('help-follow-result').waitFor();
    expect(await resident.getByTestId('help-follow-status').textContent()).toBe('待确认');
    expect(await resident.getByTestId('help-follow-resolution').textContent()).toBe('更换了水龙头阀芯，已不漏水');
    await resident.getByTestId('help-rate').locator('li').nth(4).click();
    await resident.getByTestId('help-comment').fill('来得很快，谢谢！');
    await resident.getByTestId('help-confirm').click();
    await expect.poll(() => resident.getByTestId('help-follow-status').textContent()).toBe('已确认');
    await screenshot(resident, 'help-04-phone-confirmed');
    expect(await score()).toBeGreaterThan(scoreBefore);
    await member.goto(`${server.url}/points/me`);
    await member.getByText('群众求助服务', { exact: false }).first().waitFor();
  });
});
