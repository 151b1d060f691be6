// People's mediation (金牌和事佬) in a real browser on a fresh installation with the demo county: the
// village secretary registers a dispute at the desk and assigns it to a mediator after the
// mediator's declaration of no conflict of interest; the mediator finds it in "my cases" on a
// phone, starts the mediation, records a session and the agreement's terms, records the agreement
// and downloads the 人民调解协议书 as a PDF; the neighbouring village's mediator gets the not-found
// page for it; the statistics count it without a single name. Then a second dispute changes hands:
// the secretary replaces its mediator with another who declares first, and the replaced mediator's
// phone gets the not-found page at once.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pdfText } from '../apps/server/test/pdf-text.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll } from './session.ts';

const SUMMARY = '两户共用的排水沟被一方填平改作菜地，雨天另一方院内积水，双方多次争吵。';
const PARTIES = [
  { name: '钟离志远', phone: '19900002001', masked: '199****2001' },
  { name: '百里春燕', phone: '19900002002', masked: '199****2002' },
];
const PLACE = '村委会二楼调解室';
const NOTES = '双方到场陈述，调解员释法说理，双方同意恢复排水沟原状。';
const TERMS = ['被申请人于十日内自费恢复排水沟原状，保持畅通。', '申请人院内积水损失由被申请人一次性补偿 200 元。'];
const PERFORMANCE = '补偿款于协议签订当日当面付清，由村人民调解委员会回访确认。';

interface Stats {
  total: number;
  byOutcome: { agreed: number; failed: number; withdrawn: number; open: number };
  byUnit: Array<{ unitId: number; unitName: string; cases: number; agreed: number }>;
}

/**
 * Opens an antd Select without a search box and clicks the option showing `text`, then checks the
 * Select shows it; a click that did not take (the dropdown re-rendered under it) is tried again.
 */
async function choose(page: Page, testId: string, text: string | RegExp) {
  const select = page.getByTestId(testId);
  const shown = select.locator('.ant-select-content-has-value').filter({ hasText: text });
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) await select.click();
    await option.click();
    try {
      await shown.waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`choose ${testId}: "${text}" not shown after ${attempt} tries`, { cause: e });
    }
  }
}

describe('people’s mediation in a browser', () => {
  let server: Server;
  let browser: Browser;
  let desk: BrowserContext;
  let mediatorPhone: BrowserContext;
  let secretary: Page;
  let mediator: Page;
  let villageId = 0;
  let villageName = '';
  let mediatorName = '';
  let before: Stats;
  let caseId = 0;
  let caseNumber = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const secretaryApi = await login(server, 'secretary', DEMO_PASSWORD);
    villageId = secretaryApi.me.grants[0]!.unit!.id;
    villageName = secretaryApi.me.grants[0]!.unit!.name;
    before = await call<Stats>(server, secretaryApi, 'GET', `/api/mediation/stats?unitId=${villageId}`);
    mediatorName = ((await login(server, 'mediator', DEMO_PASSWORD)).me as unknown as { displayName: string }).displayName;
    expect(mediatorName).toBeTruthy();
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    mediatorPhone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    secretary = await desk.newPage();
    mediator = await mediatorPhone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the village secretary registers a dispute case at the desk', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-mediation-cases').click();
    await secretary.getByTestId('mediation-cases-page').waitFor();
    await secretary.getByTestId('mediation-register').click();
    await secretary.getByTestId('mediation-register-form').waitFor();
    // The village is the secretary's own by default.
    await expect.poll(() => secretary.getByTestId('mediation-register-form').textContent()).toContain(villageName);
    await choose(secretary, 'mediation-register-type', '邻里纠纷');
    await secretary.getByTestId('mediation-register-summary').fill(SUMMARY);
    for (const [i, p] of PARTIES.entries()) {
      await secretary.getByTestId(`mediation-party-name-${i}`).fill(p.name);
      await secretary.getByTestId(`mediation-party-phone-${i}`).fill(p.phone);
    }
    await secretary.getByTestId('mediation-register-save').click();

    // Registered, the case opens in full.
    await secretary.waitForURL(/\/mediation\/cases\/\d+$/);
    caseId = Number(/\/mediation\/cases\/(\d+)$/.exec(secretary.url())![1]);
    expect(caseId).toBeGreaterThan(0);
    const page = secretary.getByTestId('mediation-case-page');
    await page.waitFor();
    expect(await secretary.getByTestId('mediation-case-status').textContent()).toBe('受理');
    expect(await secretary.getByTestId('mediation-summary').textContent()).toBe(SUMMARY);
    const text = (await page.textContent())!;
    for (const p of PARTIES) {
      expect(text).toContain(p.name);
      // Phones are masked until someone asks for them.
      expect(text).toContain(p.masked);
      expect(text).not.toContain(p.phone);
    }
    caseNumber = (await page.getByRole('heading', { level: 3 }).textContent())!.trim();
    expect(caseNumber.length).toBeGreaterThan(4);
    expect(await secretary.getByTestId('mediation-timeline').textContent()).toContain('登记受理');
    await screenshot(secretary, 'mediation-01-desk-registered');
  });

  it('the secretary assigns a mediator after the mediator declares no conflict of interest', async () => {
    await secretary.getByTestId('mediation-assign').click();
    // Options read “name · specialties · open cases”.
    await choose(secretary, 'mediation-assign-mediator', new RegExp(`^${mediatorName} ·`));
    const ok = secretary.getByTestId('mediation-assign-ok');
    await ok.click();
    // The declaration: the parties are named, "no conflict" is the answer given.
    const conflict = secretary.getByTestId('mediation-declare-conflict');
    await conflict.waitFor();
    const dialog = secretary.getByRole('dialog').filter({ hasText: '指派调解员' });
    for (const p of PARTIES) expect(await dialog.textContent()).toContain(p.name);
    await conflict.getByText('无利害关系').click();
    expect(await conflict.getByRole('radio', { name: '无利害关系' }).isChecked()).toBe(true);
    expect(await secretary.getByTestId('mediation-declare-statement').inputValue()).toContain('不存在亲属关系');
    await ok.click();
    await dialog.getByText('声明已记录，可以指派。').waitFor();
    await ok.click();
    await dialog.waitFor({ state: 'hidden' });

    const timeline = secretary.getByTestId('mediation-timeline');
    await expect.poll(() => timeline.textContent()).toContain('指派调解员');
    expect(await timeline.textContent()).toContain('调解员声明无利害关系');
    const page = (await secretary.getByTestId('mediation-case-page').textContent())!;
    expect(page).toContain(mediatorName);
    expect(page).toContain('利害关系声明');
    expect(await secretary.getByTestId('mediation-case-status').textContent()).toBe('受理');
    await screenshot(secretary, 'mediation-02-desk-assigned');
  });

  it('the mediator finds it in "my cases" on a phone, starts mediation and records a session', async () => {
    await logIn(mediator, server, 'mediator', DEMO_PASSWORD);
    await mediator.goto(`${server.url}/mediation/mine`);
    await mediator.getByTestId('mediation-mine-page').waitFor();
    const card = mediator.getByTestId('mediation-case-card').filter({ hasText: caseNumber });
    await card.waitFor();
    expect(await card.textContent()).toContain('受理');
    expect(await noSidewaysScroll(mediator)).toBeLessThanOrEqual(375);
    await screenshot(mediator, 'mediation-03-phone-my-cases');
    await card.click();
    await mediator.waitForURL(new RegExp(`/mediation/cases/${caseId}$`));
    await mediator.getByTestId('mediation-case-page').waitFor();
    expect(await mediator.getByTestId('mediation-summary').textContent()).toBe(SUMMARY);

    await mediator.getByTestId('mediation-action-start').click();
    await mediator.getByTestId('mediation-step-ok').click();
    await expect.poll(() => mediator.getByTestId('mediation-case-status').textContent()).toBe('调解中');

    await mediator.getByTestId('mediation-session-add').click();
    await mediator.getByTestId('mediation-session-form').waitFor();
    await mediator.getByTestId('mediation-session-place').fill(PLACE);
    await mediator.getByTestId('mediation-session-attendees').fill(`${PARTIES.map((p) => p.name).join('、')}、${mediatorName}`);
    await mediator.getByTestId('mediation-session-notes').fill(NOTES);
    await mediator.getByTestId('mediation-session-ok').click();
    const session = mediator.getByTestId('mediation-session').filter({ hasText: PLACE });
    await session.waitFor();
    expect(await session.textContent()).toContain(NOTES);
    await expect.poll(() => mediator.getByTestId('mediation-timeline').textContent()).toContain('调解会议');
    expect(await noSidewaysScroll(mediator)).toBeLessThanOrEqual(375);
    await screenshot(mediator, 'mediation-04-phone-session');
  });

  it('the mediator records the agreement’s terms and the agreement; its PDF downloads', async () => {
    await mediator.getByTestId('mediation-agreement-form').waitFor();
    await mediator.getByTestId('mediation-term-0').fill(TERMS[0]!);
    await mediator.getByTestId('mediation-agreement-form').getByRole('button', { name: '添加条款' }).click();
    await mediator.getByTestId('mediation-term-1').fill(TERMS[1]!);
    await mediator.getByTestId('mediation-performance').fill(PERFORMANCE);
    await mediator.getByTestId('mediation-agreement-save').click();
    // Saved terms make the draft printable.
    await mediator.getByTestId('mediation-pdf').waitFor();

    await mediator.getByTestId('mediation-action-agree').click();
    await mediator.getByTestId('mediation-step-ok').click();
    await expect.poll(() => mediator.getByTestId('mediation-case-status').textContent()).toBe('达成协议');
    // The terms are fixed now: shown as text, no longer a form.
    await mediator.getByTestId('mediation-agreement-form').waitFor({ state: 'detached' });
    const page = mediator.getByTestId('mediation-case-page');
    for (const term of TERMS) expect(await page.textContent()).toContain(term);
    expect(await page.textContent()).toContain(PERFORMANCE);
    expect(await noSidewaysScroll(mediator)).toBeLessThanOrEqual(375);
    await screenshot(mediator, 'mediation-05-phone-agreed');

    const [download] = await Promise.all([mediator.waitForEvent('download'), mediator.getByTestId('mediation-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = fs.readFileSync((await download.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(file);
    expect(text).toContain(caseNumber.replace(/\s+/g, ''));
    expect(text).toContain(TERMS[0]!.replace(/\s+/g, ''));
    for (const p of PARTIES) expect(text).toContain(p.name);

    // The same address answers as a PDF to the mediator's session.
    const res = await mediator.request.get(`${server.url}/api/mediation/cases/${caseId}/agreement.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the neighbouring village’s mediator cannot open the case', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    const other = await phone.newPage();
    await logIn(other, server, 'mediator2', DEMO_PASSWORD);
    // Their own queue has their own case, not this one.
    await other.goto(`${server.url}/mediation/mine`);
    await other.getByTestId('mediation-mine-page').waitFor();
    await other.getByTestId('mediation-case-card').first().waitFor();
    expect(await other.getByTestId('mediation-case-card').filter({ hasText: caseNumber }).count()).toBe(0);
    // Opened by its address, the case is not found — exactly as if it did not exist.
    await other.goto(`${server.url}/mediation/cases/${caseId}`);
    const notFound = other.getByTestId('mediation-case-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('未找到');
    expect(await other.getByTestId('mediation-case-page').count()).toBe(0);
    const body = (await other.locator('body').textContent())!;
    for (const p of PARTIES) expect(body).not.toContain(p.name);
    expect(body).not.toContain(SUMMARY);
    expect(await noSidewaysScroll(other)).toBeLessThanOrEqual(375);
    await screenshot(other, 'mediation-06-phone-other-mediator');
    await phone.close();
  });

  it('the statistics count the case without a single name', async () => {
    await secretary.getByTestId('menu-mediation-stats').click();
    await secretary.getByTestId('mediation-stats-page').waitFor();
    await expect.poll(() => secretary.getByTestId('mediation-stats-total').locator('.ant-statistic-content').textContent()).toBe(String(before.total + 1));
    const row = secretary.getByTestId('mediation-stats-units').locator('tbody tr').filter({ hasText: villageName });
    await row.waitFor();
    const was = before.byUnit.find((u) => u.unitId === villageId)!;
    expect(await row.locator('td').allTextContents()).toEqual([villageName, String(was.cases + 1), String(was.agreed + 1)]);
    await secretary.getByTestId('mediation-chart-type').waitFor();
    await secretary.getByTestId('mediation-chart-outcome').waitFor();
    const text = (await secretary.getByTestId('mediation-stats-page').textContent())!;
    for (const p of PARTIES) expect(text).not.toContain(p.name);
    expect(text).not.toContain(mediatorName);
    expect(text).not.toContain(caseNumber);
    expect(text).not.toContain(SUMMARY);
    await screenshot(secretary, 'mediation-07-desk-stats');
  });

  it('the secretary replaces a case’s mediator; the replaced mediator gets the not-found page at once', async () => {
    // A second dispute, registered and assigned to “mediator” through the API (the desk flow is above).
    const api = await login(server, 'secretary', DEMO_PASSWORD);
    const parties = [{ role: 'applicant', name: '司徒明远', phone: '19900003001' }, { role: 'respondent', name: '澹台秋月', phone: '19900003002' }];
    const second = await call<{ id: number; number: string }>(server, api, 'POST', '/api/mediation/cases', { unitId: villageId, type: 'neighbour', summary: '两户因共用院墙上的爬山虎清理问题发生争执。', parties });
    const mine = await login(server, 'mediator', DEMO_PASSWORD);
    const me = (await call<{ mediator: { id: number } | null }>(server, mine, 'GET', '/api/mediation/cases/mine')).mediator!;
    await call(server, api, 'POST', `/api/mediation/cases/${second.id}/declarations`, { mediatorId: me.id, conflict: false, statement: '本人与各方当事人无利害关系' });
    await call(server, api, 'POST', `/api/mediation/cases/${second.id}/assign`, { mediatorId: me.id });
    await mediator.goto(`${server.url}/mediation/cases/${second.id}`);
    await mediator.getByTestId('mediation-case-page').waitFor();

    // The other mediator the secretary hands it to: one of the village's pool with a login.
    const next = await login(server, 'mediator_a2', DEMO_PASSWORD);
    const nextName = (next.me as unknown as { displayName: string }).displayName;
    const offered = await call<{ items: Array<{ name: string; openCases: number; assigned: boolean }> }>(server, api, 'GET', `/api/mediation/cases/${second.id}/candidates`);
    const candidate = offered.items.find((m) => m.name === nextName)!;
    expect(candidate.assigned).toBe(false);

    await secretary.goto(`${server.url}/mediation/cases/${second.id}`);
    await secretary.getByTestId('mediation-case-page').waitFor();
    const row = secretary.getByTestId('mediation-mediator').filter({ hasText: mediatorName });
    await row.getByTestId('mediation-reassign').click();
    const dialog = secretary.getByRole('dialog').filter({ hasText: '撤换调解员' });
    await dialog.waitFor();
    const ok = secretary.getByTestId('mediation-assign-ok');
    // The picker says how busy each is; the mediator being replaced is not offered.
    await secretary.getByTestId('mediation-assign-mediator').click();
    const option = secretary.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${nextName} ·`) });
    await option.waitFor();
    expect(await option.textContent()).toContain(candidate.openCases === 0 ? '空闲' : `在办 ${candidate.openCases} 件`);
    expect(await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${mediatorName} ·`) }).count()).toBe(0);
    // The dropdown is open: choose() picks from it.
    await choose(secretary, 'mediation-assign-mediator', new RegExp(`^${nextName} ·`));
    // A reason is required before going on.
    expect(await ok.isDisabled()).toBe(true);
    await secretary.getByTestId('mediation-reassign-reason').fill('原调解员外出务工，无法继续调解');
    await ok.click();
    // The newcomer declares exactly as a first mediator does.
    await secretary.getByTestId('mediation-declare-conflict').getByText('无利害关系').click();
    await ok.click();
    await dialog.getByText('声明已记录，可以指派。').waitFor();
    await screenshot(secretary, 'mediation-08-desk-reassign');
    await ok.click();
    await dialog.waitFor({ state: 'hidden' });

    const timeline = secretary.getByTestId('mediation-timeline');
    await expect.poll(() => timeline.textContent()).toContain('撤换调解员');
    expect(await timeline.textContent()).toContain(`${mediatorName} → ${nextName}：原调解员外出务工，无法继续调解`);
    await expect.poll(() => secretary.getByTestId('mediation-mediator').allTextContents()).toEqual([expect.stringContaining(nextName)]);

    // The replaced mediator's phone: the page they had open now says “not found”, as does their queue.
    await mediator.reload();
    await mediator.getByTestId('mediation-case-not-found').waitFor();
    expect((await mediator.locator('body').textContent())!).not.toContain(parties[0]!.name);
    await screenshot(mediator, 'mediation-09-phone-replaced');
    const queue = await call<{ items: Array<{ id: number }> }>(server, mine, 'GET', '/api/mediation/cases/mine?pageSize=100');
    expect(queue.items.map((c) => c.id)).not.toContain(second.id);
    // The new one is in.
    expect((await call<{ you: { mediator: boolean } }>(server, next, 'GET', `/api/mediation/cases/${second.id}`)).you.mediator).toBe(true);
  });
});
