// 节假日设置 in a real browser: the system administrator marks a weekday of next year as a public
// holiday, the 试算 of a notice moves by one day at once, and after saving and reloading the day is
// still a holiday. A village secretary sees the same calendar read-only and no menu item for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, todayYmd, weekdayOf } from '@xianfeng/domain';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { logIn } from './session.ts';

const NEXT_YEAR = Number(todayYmd().slice(0, 4)) + 1;

/** The first Monday of March next year: no public holiday falls in that week. */
function firstMondayOfMarch() {
  let day = `${NEXT_YEAR}-03-01`;
  while (weekdayOf(day) !== 1) day = addDays(day, 1);
  return day;
}
const MONDAY = firstMondayOfMarch();
const TUESDAY = addDays(MONDAY, 1);

const dayCell = (page: Page, day: string) => page.locator(`[data-testid=calendar-day][data-day="${day}"]`);
const trialEnd = (page: Page) => page.getByTestId('calendar-trial-end').getAttribute('data-end');

async function trial(page: Page, start: string, days: number) {
  await page.getByTestId('calendar-trial-start').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(start);
  await page.keyboard.press('Enter');
  await page.getByTestId('calendar-trial-days').fill(String(days));
}

describe('the holiday calendar in a browser', () => {
  let server: Server;
  let browser: Browser;
  let desk: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    admin = await desk.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator marks a weekday of next year as a holiday, and the notice of the 试算 ends a day later', async () => {
    await logIn(admin, server, 'admin', ADMIN_PASSWORD);
    await admin.getByTestId('menu-calendar').click();
    await admin.getByTestId('calendar-page').waitFor();
    await admin.getByTestId('calendar-year').click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: String(NEXT_YEAR) }).click();
    await expect.poll(() => admin.url()).toContain(`year=${NEXT_YEAR}`);
    expect(await dayCell(admin, TUESDAY).getAttribute('data-kind')).toBe('normal');

    // A notice published on Monday for 3 working days ends on Wednesday…
    await trial(admin, MONDAY, 3);
    await expect.poll(() => trialEnd(admin)).toBe(addDays(MONDAY, 2));

    // …and on Thursday once Tuesday is a holiday, before anything is saved.
    await dayCell(admin, TUESDAY).click();
    expect(await dayCell(admin, TUESDAY).getAttribute('data-kind')).toBe('holiday');
    await admin.getByTestId('calendar-day-note').fill('测试假日');
    await expect.poll(() => trialEnd(admin)).toBe(addDays(MONDAY, 3));
    await admin.getByTestId('calendar-dirty').waitFor();
    await screenshot(admin, 'calendar-01-edit');

    await admin.getByTestId('calendar-save').click();
    await admin.getByTestId('calendar-dirty').waitFor({ state: 'detached' });
  });

  it('after a reload the day is still a holiday, with its note, and the 试算 counts it', async () => {
    await admin.reload();
    await admin.getByTestId('calendar-grid').waitFor();
    expect(await dayCell(admin, TUESDAY).getAttribute('data-kind')).toBe('holiday');
    expect(await dayCell(admin, MONDAY).getAttribute('data-kind')).toBe('normal');
    expect(await dayCell(admin, TUESDAY).getAttribute('title')).toContain('测试假日');
    await trial(admin, MONDAY, 3);
    await expect.poll(() => trialEnd(admin)).toBe(addDays(MONDAY, 3));
  });

  it('a village secretary sees the calendar read-only and has no menu item for it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, server, 'secretary', DEMO_PASSWORD);
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-home').waitFor();
    expect(await page.getByTestId('menu-calendar').count()).toBe(0);
    await page.goto(`${server.url}/settings/calendar?year=${NEXT_YEAR}`);
    await page.getByTestId('calendar-read-only').waitFor();
    expect(await page.getByTestId('calendar-save').count()).toBe(0);
    await dayCell(page, TUESDAY).click();
    expect(await dayCell(page, TUESDAY).getAttribute('data-kind')).toBe('holiday');
    expect(await page.getByTestId('calendar-day-note-text').textContent()).toBe('测试假日');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'calendar-02-phone-read-only');
    await context.close();
  });
});
