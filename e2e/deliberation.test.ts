// 议事厅 in a real browser on a fresh installation with the demo county: a resident raises a topic
// for their village on a phone with a photo of the bridge, corrects a typo in its title while
// nobody has responded, and comments on it (markup in a comment stays text); a long discussion loads more on demand; the
// village secretary corrects the text (managers may until the vote), schedules the council with a
// villager picked from the village's list and a guest typed in, and opens the vote; the resident votes and changes the vote;
// the secretary closes the vote, records the decision and a follow-up action and marks it done;
// the village's public accountability page shows the decision, the action's status and the photo
// without a login; the neighbouring village's secretary cannot open the topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll } from './session.ts';

const TITLE = '村西小桥护栏松动需要加固';
/** What the resident first typed: 桥 mistyped as 挢, corrected before anyone responds. */
const TYPO_TITLE = '村西小挢护栏松动需要加固';
const CORRECTION = '（经村民代表现场查看，共四段护栏松动。）';
const DESCRIPTION = '村西小河上的石桥护栏有几段已经松动，孩子们上学天天经过，建议尽快加固并加装夜间反光条。';
const PAYLOAD = '<img src=x onerror=alert(1)>';
const DECISION = '同意加固村西小桥护栏，加装反光条，费用由村集体承担，两周内完工。';
const ACTION = '更换松动护栏并加装反光条';
/** A real 1×1 PNG: the photo of the railing. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('the deliberation hall in a browser', () => {
  let server: Server;
  let browser: Browser;
  let phone: BrowserContext;
  let desk: BrowserContext;
  let resident: Page;
  let secretary: Page;
  let villageCode = '';
  let villageName = '';
  let topicId = 0;
  const dialogs: string[] = [];

  const phoneOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true };
  const deskOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } };

  /** Picks an option of an antd Select that has no search box and checks that it shows. */
  async function choose(page: Page, testId: string, text: string) {
    const select = page.getByTestId(testId);
    const shown = select.locator('.ant-select-content-has-value').filter({ hasText: text });
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    for (let attempt = 1; ; attempt++) {
      await select.click();
      await option.click();
      try {
        await shown.waitFor({ timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  /** Confirms the Popconfirm that is open now. */
  const confirmPop = (page: Page) => page.locator('.ant-popconfirm-buttons:visible .ant-btn-primary').click();

  const status = (page: Page) => page.getByTestId('topic-status').textContent();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const unit = (await login(server, 'secretary', DEMO_PASSWORD)).me.grants[0]!.unit!;
    villageCode = unit.code;
    villageName = unit.name;
    phone = await browser.newContext(phoneOptions);
    desk = await browser.newContext(deskOptions);
    resident = await phone.newPage();
    secretary = await desk.newPage();
    // Any alert(), confirm() or prompt() — e.g. from markup a comment smuggled in — is recorded.
    for (const page of [resident, secretary])
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a resident raises a topic for their village on a phone, with a photo', async () => {
    await logIn(resident, server, 'resident', DEMO_PASSWORD);
    await resident.goto(`${server.url}/deliberation`);
    await resident.getByTestId('deliberation-topics').waitFor();
    await resident.getByTestId('deliberation-raise').click();
    await resident.getByTestId('deliberation-raise-form').waitFor();
    // The resident's only place is their village; the form chooses it once the list arrives.
    await resident.getByTestId('deliberation-raise-place').locator('.ant-select-content-has-value').filter({ hasText: villageName }).waitFor();
    await choose(resident, 'deliberation-raise-category', '道路设施');
    await resident.getByTestId('deliberation-raise-title').fill(TYPO_TITLE);
    await resident.getByTestId('deliberation-raise-description').fill(DESCRIPTION);
    await resident.getByTestId('deliberation-raise-photo-input').setInputFiles({ name: '护栏.png', mimeType: 'image/png', buffer: PHOTO });
    await expect.poll(() => resident.getByTestId('deliberation-raise-photo-previews').locator('img').count()).toBe(1);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'deliberation-01-phone-raise');
    await resident.getByTestId('deliberation-raise-submit').click();
    await resident.getByTestId('topic-page').waitFor();
    topicId = Number(/\/deliberation\/(\d+)$/.exec(resident.url())![1]);
    expect(topicId).toBeGreaterThan(0);
    expect(await resident.getByTestId('topic-title').textContent()).toBe(TYPO_TITLE);
    expect(await resident.getByTestId('topic-description').textContent()).toBe(DESCRIPTION);
    expect(await status(resident)).toBe('征集意见');
    expect(await resident.getByTestId('topic-edited').count()).toBe(0);
    // The photo went up once the topic existed, and the topic shows it from the server.
    const thumb = resident.getByTestId('topic-photos').locator('img');
    await expect.poll(() => thumb.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([1]);
    expect(await thumb.getAttribute('src')).toMatch(new RegExp(`^/api/deliberation/topics/${topicId}/photos/\\d+$`));
  });

  it('while nobody has responded, the resident corrects the title; the topic shows 已编辑', async () => {
    await resident.getByTestId('topic-edit').click();
    await resident.getByTestId('topic-edit-form').waitFor();
    expect(await resident.getByTestId('topic-edit-title').inputValue()).toBe(TYPO_TITLE);
    await resident.getByTestId('topic-edit-title').fill(TITLE);
    await resident.getByTestId('topic-edit-submit').click();
    await expect.poll(() => resident.getByTestId('topic-title').textContent()).toBe(TITLE);
    expect(await resident.getByTestId('topic-edited').textContent()).toContain('已编辑');
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'deliberation-01b-phone-edited');
  });

  it('the resident’s comment with markup in it is shown as plain text', async () => {
    await resident.getByTestId('comment-input').fill(PAYLOAD);
    await resident.getByTestId('comment-send').click();
    const body = resident.getByTestId('comment-body').filter({ hasText: PAYLOAD });
    await body.waitFor();
    await expect.poll(() => resident.getByTestId('comment-input').inputValue()).toBe('');
    expect(await body.textContent()).toBe(PAYLOAD);
    expect(await resident.getByTestId('comment').count()).toBe(1);
    expect(await resident.getByTestId('comment').locator('img').count()).toBe(0);
    expect(await resident.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'deliberation-02-phone-comment');
    // Someone has responded: the resident may no longer change what they responded to.
    await expect.poll(() => resident.getByTestId('topic-edit').count()).toBe(0);
  });

  it('a long discussion shows a page at a time and loads more on demand', async () => {
    // 24 more voices through the API (villagers of the demo county), after the first comment.
    const voices = await Promise.all(['villager1', 'villager2', 'villager3'].map((v) => login(server, v, DEMO_PASSWORD)));
    for (let i = 2; i <= 25; i++) await call(server, voices[i % voices.length]!, 'POST', `/api/deliberation/topics/${topicId}/comments`, { body: `第 ${i} 条意见：建议尽快施工` });
    await resident.reload();
    const panel = resident.getByTestId('comments-panel');
    await panel.waitFor();
    await expect.poll(() => resident.getByTestId('comment').count()).toBe(20);
    expect(await panel.locator('.ant-card-head').textContent()).toContain('讨论（25）');
    expect(await resident.getByTestId('comments-shown').textContent()).toBe('已显示 20 / 25 条');
    // Oldest first: the page ends with the 20th comment, the rest wait for 加载更多.
    expect(await resident.getByTestId('comment').nth(19).textContent()).toContain('第 20 条意见');
    expect(await resident.getByText('第 21 条意见').count()).toBe(0);
    await resident.getByTestId('comments-more').click();
    await expect.poll(() => resident.getByTestId('comment').count()).toBe(25);
    expect(await resident.getByTestId('comment').nth(24).textContent()).toContain('第 25 条意见');
    expect(await resident.getByTestId('comments-more').count()).toBe(0);
    // The first comment is still the markup, as text.
    expect(await resident.getByTestId('comment-body').first().textContent()).toBe(PAYLOAD);
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'deliberation-02b-phone-load-more');
  });

  it('the village secretary schedules the council and opens the vote', async () => {
    await logIn(secretary, server, 'secretary', DEMO_PASSWORD);
    await secretary.goto(`${server.url}/deliberation/${topicId}`);
    await secretary.getByTestId('topic-page').waitFor();
    expect(await secretary.getByTestId('topic-title').textContent()).toBe(TITLE);
    // The secretary sees the comment as text too.
    expect(await secretary.getByTestId('comment-body').filter({ hasText: PAYLOAD }).textContent()).toBe(PAYLOAD);
    expect(await secretary.getByTestId('comment').locator('img').count()).toBe(0);

    // There are comments, but a manager may still correct the text until the vote opens.
    await secretary.getByTestId('topic-edit').click();
    await secretary.getByTestId('topic-edit-description').fill(`${DESCRIPTION}${CORRECTION}`);
    await secretary.getByTestId('topic-edit-submit').click();
    await expect.poll(() => secretary.getByTestId('topic-description').textContent()).toBe(`${DESCRIPTION}${CORRECTION}`);
    await secretary.getByTestId('topic-edited').waitFor();

    await secretary.getByTestId('manage-council').click();
    await secretary.getByTestId('council-place').fill('村委会一楼会议室');
    // Attendees: one villager picked from the village's list (searched by name), one without an account typed in.
    const people = secretary.getByTestId('council-people');
    await people.click();
    await secretary.keyboard.type('王大妈');
    await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '村民 王大妈' }).click();
    // A multiple Select shows each choice as a tag of its own.
    await people.locator('.ant-select-selection-item').filter({ hasText: '村民 王大妈' }).waitFor();
    await secretary.keyboard.press('Escape');
    await secretary.getByTestId('council-guests').click();
    await secretary.keyboard.type('老周');
    await secretary.keyboard.press('Enter');
    await secretary.getByTestId('council-submit').click();
    await expect.poll(() => status(secretary)).toBe('议事会');
    const council = secretary.getByTestId('council-card').filter({ hasText: '村委会一楼会议室' });
    await council.waitFor();
    expect(await council.textContent()).toContain('村民 王大妈');
    expect(await secretary.getByTestId('council-attendance').textContent()).toBe('共 2 人参会：名单内 1 人，其他 1 人');

    await secretary.getByTestId('manage-vote').click();
    await secretary.getByTestId('vote-open-submit').click();
    await expect.poll(() => status(secretary)).toBe('表决');
    const panel = secretary.getByTestId('vote-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('表决中');
    expect(await secretary.getByTestId('vote-turnout').textContent()).toContain('已投 0 票');
    // The vote is open: the text voted on stays as it is.
    expect(await secretary.getByTestId('topic-edit').count()).toBe(0);
    await screenshot(secretary, 'deliberation-03-desk-voting');
  });

  it('the resident votes on the phone and changes the vote', async () => {
    await resident.reload();
    await resident.getByTestId('vote-panel').waitFor();
    expect(await status(resident)).toBe('表决');
    await resident.getByTestId('vote-option-0').click();
    await expect.poll(() => resident.getByTestId('vote-option-0').getAttribute('aria-checked')).toBe('true');
    await resident.getByTestId('vote-submit').click();
    await resident.getByTestId('vote-panel').filter({ hasText: '您投的是：同意' }).waitFor();
    await expect.poll(() => resident.getByTestId('vote-turnout').textContent()).toContain('已投 1 票');
    // The tally stays sealed while the vote is open.
    expect(await resident.getByTestId('vote-results').count()).toBe(0);

    await resident.getByTestId('vote-option-1').click();
    await expect.poll(() => resident.getByTestId('vote-option-1').getAttribute('aria-checked')).toBe('true');
    expect(await resident.getByTestId('vote-submit').textContent()).toBe('改投此项');
    await resident.getByTestId('vote-submit').click();
    await resident.getByTestId('vote-panel').filter({ hasText: '您投的是：不同意' }).waitFor();
    // Changed, not counted twice.
    await expect.poll(() => resident.getByTestId('vote-turnout').textContent()).toContain('已投 1 票');
    expect(await noSidewaysScroll(resident)).toBeLessThanOrEqual(375);
    await screenshot(resident, 'deliberation-04-phone-voted');
  });

  it('the secretary closes the vote, records the decision and a follow-up action, and marks it done', async () => {
    await secretary.reload();
    await secretary.getByTestId('vote-panel').waitFor();
    await expect.poll(() => secretary.getByTestId('vote-turnout').textContent()).toContain('已投 1 票');
    await secretary.getByTestId('manage-close-vote').click();
    await confirmPop(secretary);
    // Closed: the tally is public — the one ballot counts for the changed choice only.
    await secretary.getByTestId('vote-results').waitFor();
    expect(await secretary.getByTestId('vote-panel').textContent()).toContain('已结束');
    expect(await secretary.getByTestId('vote-count-0').textContent()).toBe('0 票');
    expect(await secretary.getByTestId('vote-count-1').textContent()).toBe('1 票');
    expect(await secretary.getByTestId('vote-count-2').textContent()).toBe('0 票');

    await expect.poll(() => secretary.getByTestId('manage-decide').isEnabled()).toBe(true);
    await secretary.getByTestId('manage-decide').click();
    await secretary.getByTestId('decide-input').fill(DECISION);
    await secretary.getByTestId('decide-submit').click();
    await expect.poll(() => status(secretary)).toBe('已决定');
    expect(await secretary.getByTestId('decision-card').textContent()).toContain(DECISION);

    await secretary.getByTestId('action-add').click();
    await secretary.getByTestId('action-title').fill(ACTION);
    await secretary.getByTestId('action-responsible').fill('村委会 主任');
    await secretary.getByTestId('action-add-submit').click();
    const action = secretary.getByTestId('action').filter({ hasText: ACTION });
    await action.waitFor();
    expect(await action.getByTestId('action-status-tag').textContent()).toBe('未开始');

    await action.getByTestId('action-edit').click();
    await choose(secretary, 'action-status', '已完成');
    await secretary.getByTestId('action-update-submit').click();
    await expect.poll(() => action.getByTestId('action-status-tag').textContent()).toBe('已完成');
    // Done, it can no longer be edited; the topic's progress is full.
    expect(await action.getByTestId('action-edit').count()).toBe(0);
    await expect.poll(() => secretary.getByTestId('topic-progress').getAttribute('aria-valuenow')).toBe('100');
    await screenshot(secretary, 'deliberation-05-desk-decided');
  });

  it('the public accountability page shows the decision and the action’s status without login', async () => {
    const visitor = await browser.newContext(phoneOptions);
    try {
      const page = await visitor.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${server.url}/public/deliberation?unit=${encodeURIComponent(villageCode)}`);
      await page.getByTestId('public-deliberation').waitFor();
      const card = page.getByTestId('public-topic').filter({ hasText: TITLE });
      await card.waitFor();
      expect(await page.getByTestId('user-menu').count()).toBe(0);
      expect(await card.getByTestId('public-topic-status').textContent()).toBe('已决定');
      expect(await card.getByTestId('public-decision').textContent()).toContain(DECISION);
      const action = card.getByTestId('public-action').filter({ hasText: ACTION });
      expect(await action.getByTestId('public-action-status').textContent()).toBe('已完成');
      expect(await action.textContent()).toContain('100%');
      // The closed vote's tally is public; nothing personal is: no comments, no names of residents.
      expect(await card.getByTestId('public-vote').textContent()).toContain('已投 1 票');
      expect(await card.textContent()).not.toContain(PAYLOAD);
      // The topic's photo, from its public address.
      const photo = card.getByTestId('topic-photos').locator('img');
      await expect.poll(() => photo.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([1]);
      expect(await photo.getAttribute('src')).toMatch(/^\/api\/public\/deliberation\/topics\/\d+\/photos\/\d+$/);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);
      await screenshot(page, 'deliberation-06-phone-public');
    } finally {
      await visitor.close();
    }
    expect(dialogs).toEqual([]);
  });

  it('the neighbouring village’s secretary cannot open the topic', async () => {
    const other = await browser.newContext(deskOptions);
    try {
      const page = await other.newPage();
      await logIn(page, server, 'secretary2', DEMO_PASSWORD);
      await page.goto(`${server.url}/deliberation/${topicId}`);
      await page.getByTestId('topic-not-found').waitFor();
      expect(await page.getByTestId('topic-page').count()).toBe(0);
      expect(await page.getByText(TITLE).count()).toBe(0);
      await screenshot(page, 'deliberation-07-neighbour-not-found');
    } finally {
      await other.close();
    }
    // The API says the same.
    const neighbour = await login(server, 'secretary2', DEMO_PASSWORD);
    await expect(call(server, neighbour, 'GET', `/api/deliberation/topics/${topicId}`)).rejects.toThrow(/404/);
    const list = await call<{ items: Array<{ id: number }> }>(server, neighbour, 'GET', '/api/deliberation/topics?pageSize=100');
    expect(list.items.map((t) => t.id)).not.toContain(topicId);
  });
});
