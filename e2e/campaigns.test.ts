// The review pipeline of 五星党员 in a real browser on a fresh installation with the demo county:
// the town's party affairs worker sets up this year's evaluation with a quota; a member on a phone
// enters it and evaluates themself with a photo as evidence; the village secretary recommends with
// the branch meeting's vote; the town's committee reviews; the leading group decides (narrowing
// the stars) and publishes the notice; a resident without an account objects on the public notice
// page and gets a receipt code; the objection is dismissed with a reply the resident reads with
// the code; closing is refused while the notice runs; then the server's clock moves past the
// notice, the campaign closes, and the member's stars show on the pioneer board and the honor roll.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, daysBetween, makeIdNumber, todayYmd } from '@xianfeng/domain';
import { spawnServer, type ServerProcess } from '../apps/server/test/spawn.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, installationEnv, installDemo, launchBrowser, screenshot } from './browser.ts';
import { login, call, logIn, pick, noSidewaysScroll, type Session } from './session.ts';

/** A 1×1 PNG: the server recognises evidence by its first bytes. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const MEMBER_PASSWORD = 'Pioneer2026e2e';
const COMMITTEE_PASSWORD = 'Committee2026e2e';
const MEMBER_NAME = '赵五星';
const YEAR = todayYmd().slice(0, 4);
const TITLE = `清河街道${YEAR}年度五星党员评定（测试）`;
const OBJECTION = '听说该同志今年有一次组织生活没有参加，请组织核实是否符合五星条件。';
const REPLY = '经核实，该同志请假手续齐全并已补学，异议不成立。';

// ——— the server: the demo county, and a second start with the clock moved forward ———

/**
 * Preloaded into the server process to move its clock: Date and Date.now run `offset` ms ahead.
 * The server has no setting for its clock, so this is how the test lets the notice run its course.
 */
const CLOCK_MODULE = `
const offset = Number(process.env.XF_E2E_CLOCK_OFFSET_MS || 0);
if (offset) {
  const Real = Date;
  class ShiftedDate extends Real {
    constructor(...args) { if (args.length === 0) super(Real.now() + offset); else super(...args); }
    static now() { return Real.now() + offset; }
  }
  Object.defineProperty(ShiftedDate, 'name', { value: 'Date' });
  globalThis.Date = ShiftedDate;
}`;

interface Installation {
  url: string;
  env: NodeJS.ProcessEnv;
  process: ServerProcess;
}

function exited(proc: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

async function stopServer(s: Installation) {
  s.process.stop();
  await exited(s.process.proc);
}

/** The same installation served again, its clock `days` ahead. */
async function restartWithClock(s: Installation, days: number): Promise<Installation> {
  await stopServer(s);
  const env = {
    ...s.env,
    XF_E2E_CLOCK_OFFSET_MS: String(days * 86_400_000),
    NODE_OPTIONS: `${s.env.NODE_OPTIONS ?? ''} --import=data:text/javascript,${encodeURIComponent(CLOCK_MODULE)}`.trim(),
  };
  const proc = await spawnServer(env);
  return { url: proc.url, env: s.env, process: proc };
}

// ——— API helpers for the setup ———

/** An account with a password of its own (a generated one is changed at first login: done here). */
async function account(url: string, admin: Session, user: Record<string, unknown>, password: string) {
  await call(url, admin, 'POST', '/api/users', { ...user, password: 'Initial2026e2e' });
  const first = await login(url, String(user.username), 'Initial2026e2e');
  await call(url, first, 'POST', '/api/auth/password', { currentPassword: 'Initial2026e2e', newPassword: password });
}

// ——— browser helpers ———

describe('the five-star review pipeline in a browser', () => {
  let dir: string;
  let server: Installation;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let member: Page;
  let secretary: Page;
  let committee: Page;
  let leader: Page;
  let resident: Page;
  let branch: { id: number; name: string };
  let town: { id: number; code: string; name: string };
  let memberId: number;
  let campaignId = 0;
  let candidateId = 0;
  let receipt = '';
  let noticeEnd = '';

  const phone = () => browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const desk = () => browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-campaigns-'));
    const env = installationEnv(dir);
    installDemo(dir);
    const proc = await spawnServer(env);
    server = { url: proc.url, env, process: proc };
    browser = await launchBrowser();

    // Set up through the API as the administrator: a branch of the secretary's village with a
    // member who has an account, and a secretary of the town (its committee reviews).
    const url = server.url;
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    const village = (await login(url, 'secretary', DEMO_PASSWORD)).me.grants[0].unit!;
    town = (await login(url, 'town', DEMO_PASSWORD)).me.grants[0].unit!;
    branch = await call(url, admin, 'POST', '/api/units', { code: 'E2ESTAR01', name: `${village.name}五星评选测试支部`, kind: 'branch', parentId: village.id });
    const m = await call<{ id: number }>(url, admin, 'POST', '/api/members', {
      unitId: branch.id, name: MEMBER_NAME, gender: 'male', birthDate: '1982-05-20', idNumber: makeIdNumber('370783', '1982-05-20', 27, 'male'),
      joinDate: '2008-07-01', status: 'full', specialties: [],
    });
    memberId = m.id;
    await account(url, admin, { username: 'e2e_star', displayName: MEMBER_NAME, role: 'member', unitId: branch.id, memberId: m.id }, MEMBER_PASSWORD);
    await account(url, admin, { username: 'e2e_committee', displayName: '街道党工委书记', role: 'secretary', unitId: town.id }, COMMITTEE_PASSWORD);

    for (let i = 0; i < 3; i++) contexts.push(await desk());
    contexts.push(await phone(), await phone());
    [secretary, committee, leader, member, resident] = await Promise.all(contexts.map((c) => c.newPage()));
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the town sets up this year’s five-star evaluation with a quota for the branch', async () => {
    await logIn(leader, server.url, 'town', DEMO_PASSWORD);
    await leader.getByTestId('menu-campaigns').click();
    await leader.getByTestId('campaign-create').click();
    await leader.getByTestId('campaign-form').waitFor();
    // The organizing unit is the worker's own town; the notice runs 5 working days by default.
    expect(await leader.getByTestId('campaign-notice-days').inputValue()).toBe('5');
    await leader.getByTestId('campaign-title').fill(TITLE);
    // The branch's recommendations are due in two days: the secretary's to-do says "due soon".
    const due = leader.getByTestId('campaign-due-branchRecommendation');
    await due.click();
    await leader.keyboard.type(addDays(todayYmd(), 2));
    await leader.keyboard.press('Enter');
    await leader.getByTestId('quota-add').click();
    await pick(leader, 'quota-unit', '五星评选测试', branch.name);
    await leader.getByTestId('quota-number').fill('1');
    await screenshot(leader, 'campaigns-01-create');
    await leader.getByTestId('campaign-form-submit').click();
    await leader.getByTestId('campaign-detail').waitFor();
    expect(await leader.getByTestId('campaign-title').textContent()).toBe(TITLE);
    campaignId = Number(new URL(leader.url()).pathname.split('/').pop());
    await leader.getByTestId('campaign-tab-quotas').click();
    const quota = leader.getByTestId('quota-line').filter({ hasText: branch.name });
    expect(await quota.getByTestId('quota-used').textContent()).toBe('0 / 1');
  });

  it('a member on a phone enters and evaluates themself, with a photo as evidence', async () => {
    await logIn(member, server.url, 'e2e_star', MEMBER_PASSWORD);
    await member.getByTestId('menu-toggle').click();
    await member.getByTestId('menu-campaigns-my').click();
    const open = member.getByTestId('my-open-campaign').filter({ hasText: TITLE });
    await open.getByTestId('my-enter').click();
    await member.getByTestId('self-form').waitFor();
    candidateId = Number(new URL(member.url()).pathname.split('/').pop());

    const dim = (code: string) => member.getByTestId(`self-dim-${code}`);
    await dim('excellence').getByTestId('self-claim').click();
    await dim('excellence').getByTestId('self-statement').fill('按时参加三会一课和主题党日，学习笔记完整，在支部交流发言两次。');
    // 为民服务 asks for evidence: submitting without it is refused, in Chinese, beside the dimension.
    await dim('service').getByTestId('self-claim').click();
    await dim('service').getByTestId('self-statement').fill('联系服务独居老人六户，帮助代买药品、检修电路。');
    await dim('dedication').getByTestId('self-claim').click();
    await dim('dedication').getByTestId('self-statement').fill('年初公开承诺的三件事已全部兑现。');
    await member.getByTestId('self-submit').click();
    await member.getByTestId('self-submit-confirm').click();
    await expect.poll(() => dim('service').locator('.ant-form-item-explain-error').textContent()).toContain('须附佐证材料');

    await dim('service').getByTestId('self-evidence').locator('input[type=file]').setInputFiles({ name: '走访.png', mimeType: 'image/png', buffer: PHOTO });
    await dim('service').getByTestId('evidence-uploaded').waitFor();
    expect(await noSidewaysScroll(member)).toBeLessThanOrEqual(390);
    await screenshot(member, 'campaigns-02-phone-self-evaluation');
    await member.getByTestId('self-submit').click();
    await member.getByTestId('self-submit-confirm').click();
    await expect.poll(() => member.getByTestId('candidate-state').textContent()).toBe('支部推荐');
    // Submitted: the form is gone, the claimed stars show.
    await member.getByTestId('self-form').waitFor({ state: 'detached' });
    expect(await member.getByTestId('candidate-stars-claimed').getAttribute('data-count')).toBe('3');
    expect(await member.getByTestId('self-view-service').getByTestId('evidence-thumb').count()).toBe(1);
  });

  it('the village secretary recommends with the branch meeting’s vote, from the to-do list', async () => {
    await logIn(secretary, server.url, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-campaigns-todo').click();
    const item = secretary.getByTestId('todo-item').filter({ hasText: MEMBER_NAME });
    await item.waitFor();
    expect(await item.getByTestId('deadline-tag').getAttribute('data-status')).toBe('due_soon');
    await item.getByTestId('action-recommend').click();
    await secretary.getByTestId('recommend-form').waitFor();
    // A vote without a majority is refused before it is sent.
    for (const [k, v] of [['eligible', '9'], ['present', '8'], ['inFavour', '4'], ['against', '3'], ['abstain', '1']]) await secretary.getByTestId(`vote-${k}`).fill(v);
    await secretary.getByTestId('recommend-submit').click();
    await expect.poll(() => secretary.getByTestId('recommend-form').textContent()).toContain('赞成票未超过实到人数的一半');
    await secretary.getByTestId('vote-inFavour').fill('7');
    await secretary.getByTestId('vote-against').fill('1');
    await secretary.getByTestId('vote-abstain').fill('0');
    expect(await secretary.getByTestId('star-choice').locator('input[type=checkbox]:checked').count()).toBe(3);
    await screenshot(secretary, 'campaigns-03-recommend');
    await secretary.getByTestId('recommend-submit').click();
    await secretary.getByTestId('recommend-form').waitFor({ state: 'detached' });
    await item.waitFor({ state: 'detached' });
  });

  it('the town committee reviews the candidate in the campaign’s list', async () => {
    await logIn(committee, server.url, 'e2e_committee', COMMITTEE_PASSWORD);
    await committee.goto(`${server.url}/campaigns/${campaignId}`);
    await committee.getByTestId('stage-count-committee_review').waitFor();
    expect(await committee.getByTestId('stage-count-committee_review').getAttribute('data-count')).toBe('1');
    await committee.getByTestId('campaign-stage-chart').waitFor();
    const row = committee.getByTestId('candidate-row').filter({ hasText: MEMBER_NAME });
    await row.getByTestId('action-approve').click();
    await committee.getByTestId('action-confirm').click();
    await expect.poll(() => row.getByTestId('candidate-state').textContent()).toBe('党组研究');
    // The quota place is taken from the recommendation on.
    await committee.getByTestId('campaign-tab-quotas').click();
    await expect.poll(() => committee.getByTestId('quota-line').filter({ hasText: branch.name }).getByTestId('quota-used').textContent()).toBe('1 / 1');
  });

  it('the leading group decides with fewer stars and publishes the notice', async () => {
    await leader.goto(`${server.url}/campaigns/candidates/${candidateId}`);
    await leader.getByTestId('candidate-page').waitFor();
    // The dossier so far: put forward, submitted, recommended (with the vote), approved.
    await expect.poll(() => leader.getByTestId('dossier-event').count()).toBe(4);
    expect(await leader.getByTestId('candidate-votes').textContent()).toContain('应到 9 人，实到 8 人，赞成 7 票');
    await leader.getByTestId('action-decide').click();
    await leader.getByTestId('decide-form').waitFor();
    await leader.getByTestId('star-choice-dedication').click();
    await leader.getByTestId('decide-submit').click();
    await expect.poll(() => leader.getByTestId('candidate-state').first().textContent()).toBe('待公示');
    expect(await leader.getByTestId('candidate-stars-decided').getAttribute('data-count')).toBe('2');
    await screenshot(leader, 'campaigns-04-candidate');

    await leader.goto(`${server.url}/campaigns/${campaignId}`);
    await leader.getByTestId('publish-notice').click();
    await expect.poll(() => leader.getByTestId('publish-end').textContent()).toMatch(/公示 5 个工作日：\d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d/);
    const shown = (await leader.getByTestId('publish-end').textContent())!.match(/至 (\d{4}-\d\d-\d\d)/)![1];
    await leader.getByTestId('publish-confirm').click();
    await expect.poll(() => leader.getByTestId('campaign-status').textContent()).toContain('公示至');
    noticeEnd = (await leader.getByTestId('notice-card-period').textContent())!.split('~')[1].trim();
    // The end date worked out in the browser is the server's.
    expect(noticeEnd).toBe(shown);
  });

  it('a resident without an account objects on the public notice page and gets a receipt code', async () => {
    await resident.goto(`${server.url}/public/notices`);
    await resident.getByTestId('public-notice-item').filter({ hasText: TITLE }).click();
    await resident.getByTestId('public-notice').waitFor();
    expect(await resident.getByTestId('notice-period').textContent()).toContain(noticeEnd);
    const candidate = resident.getByTestId('public-candidate').filter({ hasText: MEMBER_NAME });
    expect(await candidate.getByTestId('public-candidate-stars').getAttribute('data-count')).toBe('2');
    await candidate.getByTestId('public-candidate-object').click();
    await resident.getByTestId('objection-content').fill(OBJECTION);
    // Named without a phone number is refused; anonymous needs none.
    await resident.getByTestId('objection-submit').click();
    await resident.getByText('实名提出请填写联系电话，或选择匿名').waitFor();
    await resident.getByTestId('objection-anonymous').click();
    await resident.getByTestId('objection-submit').click();
    await resident.getByTestId('objection-receipt').waitFor();
    receipt = (await resident.getByTestId('receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(390);
    await screenshot(resident, 'campaigns-05-phone-receipt');
    await resident.getByTestId('receipt-follow').click();
    await expect.poll(() => resident.getByTestId('receipt-state').textContent()).toBe('待处理');
  });

  it('the leading group dismisses the objection with a reply; closing is refused while the notice runs', async () => {
    await leader.goto(`${server.url}/campaigns/${campaignId}?tab=objections`);
    const row = leader.getByTestId('objection-row').filter({ hasText: OBJECTION });
    await row.waitFor();
    expect(await row.textContent()).toContain(receipt);
    expect(await leader.getByTestId('close-blocked-objections').textContent()).toContain('1 条异议未处理');
    await row.getByTestId('objection-dismiss').click();
    await leader.getByTestId('campaign-reason-input').fill(REPLY);
    await leader.getByTestId('campaign-reason-submit').click();
    await row.waitFor({ state: 'detached' });
    await leader.getByTestId('objections-filter-all').click();
    await expect.poll(() => leader.getByTestId('objection-row').filter({ hasText: OBJECTION }).getByTestId('objection-state').textContent()).toBe('不成立');
    await leader.getByTestId('close-blocked-objections').waitFor({ state: 'detached' });

    await leader.getByTestId('close-campaign').click();
    await leader.getByTestId('close-confirm').click();
    await expect.poll(() => leader.getByTestId('close-error').textContent()).toContain(`公示期尚未结束（截至 ${noticeEnd}）`);

    // The resident reads the outcome with the receipt code.
    await resident.reload();
    await expect.poll(() => resident.getByTestId('receipt-state').textContent()).toBe('不成立');
    expect(await resident.getByTestId('receipt-reply').textContent()).toBe(REPLY);
  });

  it('once the notice has run its course the campaign closes and the stars are the member’s', async () => {
    // The server's clock moves to the day after the notice's last day.
    server = await restartWithClock(server, daysBetween(todayYmd(), noticeEnd) + 1);
    const url = server.url;
    await logIn(leader, url, 'town', DEMO_PASSWORD);
    await leader.goto(`${url}/campaigns/${campaignId}`);
    await leader.getByTestId('close-campaign').click();
    await leader.getByTestId('close-confirm').click();
    await expect.poll(() => leader.getByTestId('campaign-status').textContent()).toBe('已结束');
    await leader.getByTestId('campaign-tab-results').click();
    const result = leader.getByTestId('result-row').filter({ hasText: MEMBER_NAME });
    expect(await result.getByTestId('result-stars').getAttribute('data-count')).toBe('2');
    await screenshot(leader, 'campaigns-06-results');

    // The member sees the outcome on the phone.
    await logIn(member, url, 'e2e_star', MEMBER_PASSWORD);
    await member.goto(`${url}/campaigns/my`);
    const mine = member.getByTestId('my-candidacy').filter({ hasText: TITLE });
    await expect.poll(() => mine.getByTestId('my-candidacy-state').textContent()).toBe('确定');
    expect(await mine.getByTestId('my-candidacy-stars').getAttribute('data-count')).toBe('2');

    // The honor roll of the town, open to anyone.
    await resident.goto(`${url}/public/honor-roll?unit=${town.code}&year=${YEAR}`);
    const honored = resident.getByTestId('honor-campaign').filter({ hasText: TITLE }).getByTestId('honor-entry').filter({ hasText: MEMBER_NAME });
    expect(await honored.getByTestId('honor-stars').getAttribute('data-count')).toBe('2');
  });

  it('the pioneer board shows the member with the stars', async () => {
    const url = server.url;
    // Points of the (moved) current period, booked by the secretary, put the member on the board.
    const s = await login(url, 'secretary', DEMO_PASSWORD);
    const rules = await call<{ items: Array<{ id: number; account: string; veto: boolean; active: boolean; pointsMin: number; pointsMax: number }> }>(url, s, 'GET', `/api/points/rules?unitId=${branch.id}`);
    const rule = rules.items.find((r) => r.active && !r.veto && (r.account === 'base' || r.account === 'bonus'))!;
    const { today } = await call<{ today: string }>(url, s, 'GET', `/api/campaigns/${campaignId}`);
    await call(url, s, 'POST', '/api/points/entries', { memberId, ruleId: rule.id, occurredOn: today, points: rule.pointsMax, reason: '参加主题党日' });

    await logIn(secretary, url, 'secretary', DEMO_PASSWORD);
    await secretary.getByTestId('menu-points-board').click();
    await pick(secretary, 'board-unit', '五星评选测试', branch.name);
    const row = secretary.getByTestId('board-row').filter({ hasText: MEMBER_NAME });
    await row.waitFor();
    expect(await row.getByTestId('stars').getAttribute('data-count')).toBe('2');
    await screenshot(secretary, 'campaigns-07-board');
  });
});
