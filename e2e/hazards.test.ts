// 隐患排查 in a real browser on a fresh installation with the demo county: a resident reports a
// blocked drain on their phone with a photo and a place; the village secretary finds it in the
// triage queue and assigns it to the grid worker; the grid worker records the fix from "assigned
// to me" and cannot verify it; the secretary, a second person, verifies it and the timeline shows
// every step. In the grid worker's queue the demo's overdue hazards stand out in red; the grid
// worker who fixes a hazard of their own grid is refused its verification; a cracked slope is
// raised from its page to an alarm whose page links back. The neighbouring village sees nothing.
//
// The resident's grant is on the village; the form offers the village's grids too, and the report
// filed on the first grid reaches that grid worker's triage queue at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll, pick, type SignedIn } from './session.ts';

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PLACE = '五组村道东侧排水沟';
const DESCRIPTION = '排水沟被塌下的土石堵死，雨后积水漫过路面';
const FIX_NOTE = '已组织清理土石约 2 方，排水沟恢复通畅';
const GRID_WORKER = '城关王下洼村第1网格 网格员';
/** Demo hazards of the first grid: assigned to the grid worker days ago and still open (overdue), and one reported this morning. */
const OVERDUE_SLOPE = '三组后山';
const OVERDUE_REOPENED = '二组 9 号旧仓库';
const ON_TIME = '二组水塘边排水沟';
/** Waiting for data under load: the default second of expect.poll is too short on a busy machine. */
const POLL = { timeout: 15_000 };
const phoneSize = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true };

describe('hazard reports in a browser', () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let resident: Page;
  let secretary: Page;
  let grid: Page;
  let gridApi: SignedIn;
  let hazardId = 0;

  const phone = async () => {
    const c = await browser.newContext(phoneSize);
    contexts.push(c);
    return c.newPage();
  };
  const status = (page: Page) => page.getByTestId('hazard-detail-page').getByTestId('hazard-status').first().textContent();
  const actionsOf = (page: Page) => page.getByTestId('hazard-timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  /** Opens a hazard from a list of cards by its place, and returns its id. */
  const openCard = async (page: Page, place: string) => {
    const card = page.getByTestId('hazard-card').filter({ hasText: place });
    await card.first().click();
    await page.getByTestId('hazard-detail-page').waitFor();
    await expect.poll(() => page.getByTestId('hazard-place').textContent(), POLL).toBe(place);
    return Number(/\/hazards\/(\d+)/.exec(page.url())![1]);
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    gridApi = await login(server, 'grid', DEMO_PASSWORD);
    resident = await phone();
    secretary = await phone();
    grid = await phone();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a resident reports a blocked drain on their phone with a photo and a place', async () => {
    await logIn(resident, server, 'resident', DEMO_PASSWORD);
    await resident.goto(`${server.url}/hazards/new`);
    await resident.getByTestId('hazard-report-page').waitFor();
    expect(await resident.getByTestId('hazard-unit').textContent()).toContain('城关王下洼村');
    await pick(resident, 'hazard-unit', '', '城关王下洼村第1网格');
    await resident.getByTestId('hazard-category-blocked_drain').click();
    await expect.poll(() => resident.getByTestId('hazard-category-blocked_drain').getAttribute('aria-checked'), POLL).toBe('true');
    await resident.getByTestId('hazard-place').fill(PLACE);
    await resident.getByTestId('hazard-description').locator('xpath=descendant-or-self::textarea').fill(DESCRIPTION);
    await resident.getByTestId('hazard-photo-input').setInputFiles({ name: '排水沟.png', mimeType: 'image/png', buffer: PHOTO });
    await expect.poll(() => resident.getByTestId('hazard-photo-previews').locator('img').count(), POLL).toBe(1);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'hazards-01-phone-report');
    await resident.getByTestId('hazard-submit').click();
    await resident.getByTestId('hazard-reported').waitFor();
    // The photo goes up once the report exists.
    await resident.getByTestId('hazard-photo-done').waitFor();
    expect(await resident.getByTestId('hazard-reported').textContent()).toContain('排水堵塞');
    await screenshot(resident, 'hazards-02-phone-reported');

    await resident.getByTestId('hazard-to-detail').click();
    await resident.getByTestId('hazard-detail-page').waitFor();
    hazardId = Number(/\/hazards\/(\d+)/.exec(resident.url())![1]);
    expect(hazardId).toBeGreaterThan(0);
    expect(await resident.getByTestId('hazard-description').textContent()).toBe(DESCRIPTION);
    await expect.poll(() => resident.getByTestId('alarm-thumb').count(), POLL).toBe(1);
    expect(await status(resident)).toBe('待分派');
    expect(await actionsOf(resident)).toEqual(['report']);
    // A resident only looks: no action of the triage.
    expect(await resident.getByTestId('hazard-assign').count()).toBe(0);
    expect(await resident.getByTestId('hazard-raise').count()).toBe(0);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
  });

  it('the village secretary finds it in the triage queue and assigns it to the grid worker', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.goto(`${server.url}/hazards`);
    await secretary.getByTestId('hazards-page').waitFor();
    await secretary.getByTestId('hazard-card').filter({ hasText: PLACE }).waitFor();
    expect(await noSidewaysScroll(secretary)).toBeLessThanOrEqual(375);
    expect(await openCard(secretary, PLACE)).toBe(hazardId);
    await secretary.getByTestId('hazard-assign').click();
    await pick(secretary, 'hazard-assignee', '网格员', GRID_WORKER);
    await secretary.getByTestId('hazard-assign-note').fill('请今天去现场看一下');
    await screenshot(secretary, 'hazards-03-phone-assign');
    await secretary.getByTestId('hazard-assign-submit').click();
    await expect.poll(() => status(secretary), POLL).toBe('整改中');
    expect(await secretary.getByTestId('hazard-detail-page').textContent()).toContain(GRID_WORKER);
    expect(await actionsOf(secretary)).toEqual(['assign', 'report']);
  });

  it('the grid worker records the fix from “assigned to me”, and may not verify it', async () => {
    await logIn(grid, server, 'grid', DEMO_PASSWORD);
    // Filed on the grid, the report is in the grid worker's own triage queue.
    await grid.goto(`${server.url}/hazards`);
    await grid.getByTestId('hazard-card').filter({ hasText: PLACE }).waitFor();
    await grid.goto(`${server.url}/hazards/mine`);
    await grid.getByTestId('my-hazards-page').waitFor();
    await grid.getByTestId('my-hazards-assigned').click();
    await grid.getByTestId('hazard-card').filter({ hasText: PLACE }).waitFor();
    expect(await openCard(grid, PLACE)).toBe(hazardId);
    await grid.getByTestId('hazard-fix').click();
    await grid.getByTestId('hazard-fix-note').locator('xpath=descendant-or-self::textarea').fill(FIX_NOTE);
    await grid.getByTestId('hazard-fix-submit').click();
    await expect.poll(() => status(grid), POLL).toBe('待验收');
    expect(await grid.getByTestId('hazard-detail-page').textContent()).toContain(FIX_NOTE);
    expect(await grid.getByTestId('hazard-verify').count()).toBe(0);
    expect(await grid.getByTestId('hazard-fix').count()).toBe(0);
    await grid.getByTestId('hazard-second-person').waitFor();
    expect(await noSidewaysScroll(grid)).toBeLessThanOrEqual(375);
    await screenshot(grid, 'hazards-04-phone-fixed');
    // The hazard is on the grid worker's own grid: they may triage it, but not verify their own fix.
    await expect(call(server, gridApi, 'POST', `/api/hazards/${hazardId}/verify`, { note: '' })).rejects.toThrow(/422/);
  });

  it('in the grid worker’s queue the overdue hazards stand out, and the one who fixes a hazard of their grid is refused its verification', async () => {
    await grid.goto(`${server.url}/hazards`);
    await grid.getByTestId('hazards-page').waitFor();
    const card = (place: string) => grid.getByTestId('hazard-card').filter({ hasText: place });
    await card(OVERDUE_SLOPE).waitFor();
    await card(ON_TIME).waitFor();
    for (const place of [OVERDUE_SLOPE, OVERDUE_REOPENED]) {
      expect(await card(place).getByTestId('hazard-overdue').count()).toBe(1);
      expect(await card(place).locator('.ant-card').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 240)');
    }
    expect(await card(ON_TIME).getByTestId('hazard-overdue').count()).toBe(0);
    expect(await card(ON_TIME).locator('.ant-card').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 241, 240)');
    // The overdue figure counts them.
    await expect.poll(async () => Number((await grid.getByTestId('hazard-stat-overdue').locator('.ant-statistic-content').textContent())?.trim()), POLL).toBeGreaterThanOrEqual(2);
    expect(await noSidewaysScroll(grid)).toBeLessThanOrEqual(375);
    await screenshot(grid, 'hazards-05-phone-queue-overdue');

    // A hazard of the grid, which the grid worker triages too: after their fix, verification is someone else's.
    const reopened = await openCard(grid, OVERDUE_REOPENED);
    await grid.getByTestId('hazard-fix').click();
    await grid.getByTestId('hazard-fix-note').locator('xpath=descendant-or-self::textarea').fill('警戒线已换成钢管围挡，产权人已签字');
    await grid.getByTestId('hazard-fix-submit').click();
    await expect.poll(() => status(grid), POLL).toBe('待验收');
    expect(await grid.getByTestId('hazard-verify').count()).toBe(0);
    expect(await grid.getByTestId('hazard-reopen').count()).toBe(0);
    await grid.getByTestId('hazard-second-person').waitFor();
    await expect(call(server, gridApi, 'POST', `/api/hazards/${reopened}/verify`, { note: '' })).rejects.toThrow(/422.*整改人不能验收自己的整改/);
  });

  it('the secretary verifies the fix, and the timeline shows every step', async () => {
    await secretary.goto(`${server.url}/hazards/${hazardId}`);
    await secretary.getByTestId('hazard-detail-page').waitFor();
    await expect.poll(() => status(secretary), POLL).toBe('待验收');
    await secretary.getByTestId('hazard-verify').click();
    await secretary.getByTestId('hazard-verify-note').fill('现场查看，排水通畅');
    await secretary.getByTestId('hazard-verify-submit').click();
    await expect.poll(() => status(secretary), POLL).toBe('已验收');
    expect(await secretary.getByTestId('hazard-verify').count()).toBe(0);
    expect(await actionsOf(secretary)).toEqual(['verify', 'fix', 'assign', 'report']);
    const entries = secretary.getByTestId('hazard-timeline-entry');
    expect(await entries.nth(0).textContent()).toContain('城关王下洼村 书记 验收通过');
    expect(await entries.nth(0).textContent()).toContain('现场查看，排水通畅');
    expect(await entries.nth(1).textContent()).toContain(`${GRID_WORKER} 完成整改`);
    expect(await entries.nth(1).textContent()).toContain(FIX_NOTE);
    expect(await entries.nth(2).textContent()).toContain('城关王下洼村 书记 分派整改');
    expect(await entries.nth(3).textContent()).toContain('村民 报告了隐患');
    expect(await noSidewaysScroll(secretary)).toBeLessThanOrEqual(375);
    await screenshot(secretary, 'hazards-06-phone-verified');

    // The resident sees where their report stands.
    await resident.goto(`${server.url}/hazards/mine`);
    const mine = resident.getByTestId('hazard-card').filter({ hasText: PLACE });
    await expect.poll(() => mine.getByTestId('hazard-status').textContent(), POLL).toBe('已验收');
  });

  it('the grid worker raises the overdue cracked slope to an alarm, whose page links back to the hazard', async () => {
    await grid.goto(`${server.url}/hazards`);
    await grid.getByTestId('hazards-page').waitFor();
    const slope = await openCard(grid, OVERDUE_SLOPE);
    expect(await grid.getByTestId('hazard-alarm-link').count()).toBe(0);
    await grid.getByTestId('hazard-raise').click();
    await grid.getByTestId('hazard-raise-note').fill('裂缝继续变宽，坡下有两户人家');
    await grid.getByTestId('hazard-raise-submit').click();
    await grid.getByTestId('alarm-detail-page').waitFor();
    const alarmId = Number(/\/alarms\/(\d+)/.exec(grid.url())![1]);
    expect(alarmId).toBeGreaterThan(0);
    expect(await grid.getByTestId('alarm-description').textContent()).toContain('裂缝继续变宽，坡下有两户人家');
    expect(await noSidewaysScroll(grid)).toBeLessThanOrEqual(375);
    await screenshot(grid, 'hazards-07-phone-alarm');

    await grid.getByTestId('alarm-hazard-link').click();
    await grid.getByTestId('hazard-detail-page').waitFor();
    expect(grid.url()).toMatch(new RegExp(`/hazards/${slope}$`));
    await expect.poll(() => grid.getByTestId('hazard-alarm-link').getAttribute('href'), POLL).toBe(`/alarms/${alarmId}`);
    expect((await actionsOf(grid))[0]).toBe('raise');
    expect(await grid.getByTestId('hazard-raise').count()).toBe(0);
  });

  it('the neighbouring village’s secretary gets the not-found page', async () => {
    const other = await phone();
    await logIn(other, server, 'secretary2', DEMO_PASSWORD);
    await other.goto(`${server.url}/hazards/${hazardId}`);
    await other.getByTestId('hazard-not-found').waitFor();
    expect(await other.getByTestId('hazard-not-found').textContent()).toContain('这条隐患不存在');
    const queue = await call<{ items: Array<{ id: number }> }>(server, await login(server, 'secretary2', DEMO_PASSWORD), 'GET', '/api/hazards?pageSize=100');
    expect(queue.items.map((h) => h.id)).not.toContain(hazardId);
  });
});
