// The main path of the foundation, in a real browser on a fresh installation with the demo county:
// log in, import a roll with errors and see them, import a clean one, find a member by pinyin
// initials, edit, transfer, see the audit entries, switch language; then a village secretary on
// a phone, who cannot open a member of the neighbouring village.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeIdNumber } from '@xianfeng/domain';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';

const HEADERS = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长'];

async function roll(file: string, rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(HEADERS);
  rows.forEach((r) => ws.addRow(r));
  await wb.xlsx.writeFile(file);
  return file;
}

async function api(server: Server, login: string, url: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return (await fetch(`${server.url}${url}`, { headers: { cookie } })).json();
}

async function logIn(page: Page, server: Server, login: string) {
  await page.goto(server.url);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-dashboard').waitFor();
}

describe('the foundation in a browser', () => {
  let server: Server;
  let browser: Browser;
  let desk: BrowserContext;
  let page: Page;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-files-'));
  let branch: { code: string; name: string };
  let otherBranch: { id: number; name: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
    page = await desk.newPage();
    const branches = await api(server, 'county', '/api/units?kind=branch&limit=5');
    branch = branches[0];
    otherBranch = branches[3];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a county party-affairs worker logs in and sees the county at a glance', async () => {
    await logIn(page, server, 'county');
    expect(await page.getByTestId('home-dashboard').textContent()).toMatch(/党员/);
    await screenshot(page, '01-home');
  });

  it('imports a roll with errors, sees every error with its row and column, and nothing is imported', async () => {
    const bad = await roll(path.join(tmp, 'bad.xlsx'), [
      ['欧阳锋', '男', '汉族', '1980-05-05', makeIdNumber('370783', '1980-05-05', 11, 'male'), '13800001111', '2005-07-01', '正式党员', branch.code, '大学本科', '电工'],
      ['黄药师', '男', '汉族', '1981-06-06', '370783198106060000', '', '2006-07-01', '正式党员', branch.code, '', ''],
      ['洪七公', '男', '汉族', '1982-07-07', makeIdNumber('370783', '1982-07-07', 13, 'male'), '', '1990-01-01', '正式党员', '不存在的支部', '', ''],
    ]);
    await page.getByTestId('menu-import').click();
    await page.locator('input[type=file]').setInputFiles(bad);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('身份证号');
    expect(text).toContain('所在支部');
    expect(text).toContain('入党日期');
    expect(await page.getByTestId('import-error-row').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    await screenshot(page, '02-import-errors');
  });

  it('imports a clean roll after a check', async () => {
    const good = await roll(path.join(tmp, 'good.xlsx'), [
      ['欧阳锋', '男', '汉族', '1980.05.05', makeIdNumber('370783', '1980-05-05', 11, 'male'), '138 0000 1111', '2005年7月1日', '正式党员', branch.code, '大学本科', '电工'],
      ['梅超风', '女', '汉族', '19830808', makeIdNumber('370783', '1983-08-08', 14, 'female'), '', '2008-7-1', '预备党员', branch.code, '大专', ''],
    ]);
    await page.getByTestId('import-restart').click();
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-check-ok').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('2');
  });

  it('finds the member by pinyin initials, edits the mobile number, and sees it masked', async () => {
    await page.getByTestId('menu-members').click();
    await page.getByTestId('member-search').locator('input').first().fill('oyf');
    const link = page.getByTestId('member-link').filter({ hasText: '欧阳锋' });
    await link.first().waitFor();
    await link.first().click();
    await page.getByTestId('member-detail').waitFor();
    expect(await page.getByTestId('member-detail-name').textContent()).toBe('欧阳锋');
    expect(await page.getByTestId('member-id-number-value').textContent()).toMatch(/^3707\*{10}/);
    await page.getByTestId('member-edit').click();
    await page.getByTestId('member-mobile').fill('13712345678');
    await page.getByTestId('member-form-submit').click();
    await page.getByTestId('member-mobile-value').filter({ hasText: '137****5678' }).waitFor();
    // An empty field keeps the stored number; removing it is its own choice.
    await page.getByTestId('member-edit').click();
    await page.getByTestId('member-clear-mobile').click();
    await page.getByTestId('member-form-submit').click();
    await page.getByTestId('member-mobile-value').filter({ hasText: '—' }).waitFor();
    await page.getByTestId('member-edit').click();
    await page.getByTestId('member-mobile').fill('13712345678');
    await page.getByTestId('member-form-submit').click();
    await page.getByTestId('member-mobile-value').filter({ hasText: '137****5678' }).waitFor();
  });

  it('transfers the member to another branch and keeps the history', async () => {
    await page.getByTestId('transfer-button').click();
    await page.getByTestId('transfer-form').waitFor();
    await page.getByTestId('transfer-unit').click();
    await page.keyboard.type(otherBranch.name.slice(2, 8));
    await page.locator('.ant-select-item-option').filter({ hasText: otherBranch.name }).first().click();
    await page.getByTestId('transfer-reason').fill('工作调动');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('transfer-item').first().waitFor();
    expect(await page.getByTestId('transfer-history').textContent()).toContain(otherBranch.name);
    await screenshot(page, '03-member-transferred');
  });

  it('sees the import, the edit and the transfer in the audit log', async () => {
    await page.getByTestId('menu-audit').click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid=audit-table]')?.textContent ?? '').includes('组织关系转接'));
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('组织关系转接');
    await screenshot(page, '04-audit');
  });

  it('switches the interface to English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=menu-members]')?.textContent === 'Members');
    expect(await page.getByTestId('menu-audit').textContent()).toBe('Audit log');
  });

  it('a village secretary on a phone sees their members without sideways scrolling, and cannot open the neighbouring village’s', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await logIn(p, server, 'secretary');
    await p.goto(`${server.url}/members`);
    await p.getByTestId('member-row').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(p, '05-phone-members');
    const neighbour = await api(server, 'secretary2', '/api/members?pageSize=1');
    await p.goto(`${server.url}/members/${neighbour.items[0].id}`);
    await p.waitForFunction(() => /未找到|无权/.test(document.body.textContent ?? ''));
    expect(await p.getByTestId('member-detail').count()).toBe(0);
    await phone.close();
  });
});
