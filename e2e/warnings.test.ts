// The warning cascade in a real browser on a fresh installation with the demo county: the county
// issues a red warning from the form; a village secretary acknowledges on a phone-sized screen
// and the county's command screen shows it live, without a reload; a village that stays silent
// past its deadline appears as overdue and its town's duty officer finds the escalation in the
// inbox; the village reports its evacuation (and checks off a household) from the phone and the
// command screen shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll } from './session.ts';

const DESCRIPTION = '台风“海燕”预计今夜在我县沿海登陆，中心附近最大风力 14 级，请立即做好防御。';

describe('the warning cascade in a browser', () => {
  let server: Server;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let command: Page;
  let village: Page;
  let warningId = 0;
  let villageName = '';
  let silentName = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Short deadlines so the escalation happens within the test: red = 1 minute (reminder at
    // 30 s, escalation at 60 s). The worker of the server checks every second.
    const admin = await login(server, 'admin', ADMIN_PASSWORD);
    await call(server, admin, 'PUT', '/api/warnings/settings', { ackDeadlines: { red: 1, orange: 20, yellow: 30, blue: 60 } });
    villageName = (await login(server, 'secretary', DEMO_PASSWORD)).me.grants[0]!.unit!.name;
    silentName = (await login(server, 'secretary2', DEMO_PASSWORD)).me.grants[0]!.unit!.name;
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    command = await desk.newPage();
    village = await phone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the county issues a red typhoon warning from the form and lands on the command screen', async () => {
    await logIn(command, server, 'county', DEMO_PASSWORD);
    await command.getByTestId('menu-warnings').click();
    await command.getByTestId('warnings-page').waitFor();
    await command.getByTestId('warning-issue').click();
    await command.getByTestId('warning-issue-page').waitFor();
    await command.getByTestId('level-choice-red').click();
    await expect.poll(() => command.getByTestId('warning-headline').inputValue()).toBe('台风红色预警');
    await command.getByTestId('warning-description').fill(DESCRIPTION);
    await command.getByTestId('warning-instruction').fill('立即转移危险区域群众，停止一切户外活动。');
    await command.getByTestId('warning-submit').click();
    await command.getByTestId('warning-confirm-ok').click();
    await command.getByTestId('warning-dashboard').waitFor();
    warningId = Number(/\/warnings\/(\d+)/.exec(command.url())![1]);
    expect(warningId).toBeGreaterThan(0);
    expect(await command.getByTestId('warning-headline').textContent()).toBe('台风红色预警');
    await command.getByTestId('level-red').first().waitFor();
    await expect.poll(() => command.getByTestId('live-indicator').first().getAttribute('data-live')).toBe('on');
    await expect.poll(() => command.getByTestId('kpi-acked').textContent()).toMatch(/已签收单位\s*0\s*\/\s*\d{3}/);
    await screenshot(command, 'warnings-01-command-issued');
  });

  it('a village secretary acknowledges on a phone, and the command screen shows it live', async () => {
    await logIn(village, server, 'secretary', DEMO_PASSWORD);
    // The home page leads to the acknowledgement.
    await village.getByTestId('home-active-warnings').waitFor();
    await village.getByTestId('home-warning-ack').first().click();
    await village.getByTestId('warning-ack-page').waitFor();
    expect(await village.getByTestId('ack-headline').textContent()).toBe('台风红色预警');
    expect(await village.getByTestId('ack-description').textContent()).toContain('台风“海燕”');
    const unit = village.getByTestId('ack-unit').filter({ hasText: villageName });
    await unit.getByTestId('ack-button').click();
    await unit.getByTestId('ack-done').waitFor();
    expect(await noSidewaysScroll(village)).toBeLessThanOrEqual(375);
    await screenshot(village, 'warnings-02-phone-acknowledged');

    // No reload on the command screen: the stream brings the figure and the timeline entry.
    await expect.poll(() => command.getByTestId('kpi-acked').textContent(), { timeout: 10_000 }).toMatch(/已签收单位\s*1\s*\//);
    await expect.poll(() => command.getByTestId('timeline-entry').filter({ hasText: villageName }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('a village that stays silent is overdue at the deadline, and its town’s duty officer is told', async () => {
    // The red deadline is one minute: the escalation arrives by itself on the open screen.
    // Rows start with the unit's name (its branches' names start with 中共 and would contain it).
    const row = (name: string) => command.getByTestId('overdue-row').filter({ hasText: new RegExp(`^${name}`) });
    await expect.poll(() => row(silentName).count(), { timeout: 100_000, interval: 2000 }).toBe(1);
    expect(await row(villageName).count()).toBe(0);
    await expect.poll(() => command.getByTestId('timeline-entry').and(command.locator('[data-kind="escalated"]')).count(), { timeout: 10_000 }).toBe(1);
    await screenshot(command, 'warnings-03-command-overdue');

    const dutyDesk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const duty = await dutyDesk.newPage();
    await logIn(duty, server, 'duty', DEMO_PASSWORD);
    // The escalation and its notification were written in one transaction: the inbox has it.
    await duty.getByTestId('inbox-bell').click();
    await duty.getByTestId('inbox-page').waitFor();
    const escalation = duty.getByTestId('inbox-item').filter({ hasText: '逾期未签收' });
    await escalation.first().waitFor();
    expect(await escalation.first().textContent()).toContain('台风红色预警');
    await screenshot(duty, 'warnings-04-duty-inbox');
    await dutyDesk.close();
  });

  it('the village reports its evacuation from the phone, and the command screen shows it live', async () => {
    await village.goto(`${server.url}/warnings/${warningId}/evacuation`);
    await village.getByTestId('evacuation-page').waitFor();
    await village.getByTestId('evacuation-report-form').waitFor();
    const field = (k: string) => village.locator(`[data-testid="evacuation-${k}"]`).locator('xpath=descendant-or-self::input').first();
    await field('toMove').fill('46');
    await field('moved').fill('50');
    await field('refused').fill('0');
    // Numbers that do not add up are said before anything is sent.
    await village.getByTestId('evacuation-issues').waitFor();
    expect(await village.getByTestId('evacuation-issues').textContent()).toContain('不能多于应转移人数');
    await field('moved').fill('40');
    await field('refused').fill('2');
    await expect.poll(() => village.getByTestId('evacuation-issues').count()).toBe(0);
    await village.getByTestId('evacuation-report-submit').click();
    await expect.poll(() => command.getByTestId('kpi-moved').textContent(), { timeout: 10_000 }).toMatch(/40\s*\/\s*46/);
    expect(await command.getByTestId('kpi-moved').textContent()).toContain('拒绝转移 2 人');
    // Households to move first are checked off one by one.
    const first = village.getByTestId('check-household').first();
    await first.waitFor();
    const address = (await first.locator('strong').first().textContent())!.trim();
    await first.getByTestId('check-moved').click();
    // The list may re-sort once the check is saved: find the household by its address again.
    const household = village.getByTestId('check-household').filter({ hasText: address });
    await expect.poll(() => household.getAttribute('data-status')).toBe('moved');
    expect(await noSidewaysScroll(village)).toBeLessThanOrEqual(375);
    await screenshot(village, 'warnings-05-phone-evacuation');
    await screenshot(command, 'warnings-06-command-evacuation');
  });
});
