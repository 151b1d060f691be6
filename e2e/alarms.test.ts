// 群众/网格员报警 in a real browser on a fresh installation with the demo county: the grid worker,
// on a 390 px phone that grants the position, raises a landslide alarm with the phone's position
// and a photo and watches the photo go up; the village secretary, whose phone refuses the position,
// raises a flooding alarm in English with a description of the place alone. The town's duty
// officer, at a desk, finds both in the queue (the first with its position as the phone gave it),
// takes the landslide up with a note and turns it into a warning, and closes the flooding one. The
// neighbouring village's secretary sees neither in the list and gets the not-found page for both.
//
// The phone's position is Playwright's geolocation override; the refusal is the browser answering
// "permission denied" (code 1) because the second phone was granted nothing.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll, type SignedIn } from './session.ts';

/** Where the grid worker stands, to seven decimals: what the server keeps, and what must come back. */
const LAT = 34.7672314;
const LON = 111.7612347;
/** The same, as the pages show it (five decimals, about a metre). */
const SHOWN = '34.76723, 111.76123';
const SLOPE = '三组后山坡面出现一道新裂缝，约 5 米长，坡脚有碎石滚落，坡下住着两户人家';
const HANDLE_NOTE = '已通知三组组长疏散坡下两户，镇国土所人员正赶往现场';
const FLOOD_PLACE = 'East end of the stone bridge, group 2';
const FLOOD = 'Water over the road by the bridge, knee deep and still rising';
const CLOSE_NOTE = '积水已退，道路恢复通行';
const GRID_WORKER = '城关王下洼村第1网格 网格员';
/** Waiting for data under load: the default second of expect.poll is too short on a busy machine. */
const POLL = { timeout: 15_000 };
const PHONE_WIDTH = 390;
const phoneSize: BrowserContextOptions = { timezoneId: 'Asia/Shanghai', viewport: { width: PHONE_WIDTH, height: 844 }, isMobile: true, hasTouch: true };

/**
 * A small PNG drawn here (sky above a brown slope with a dark crack), so the test depends on no
 * file: an RGB image, one unfiltered scanline per row, each chunk with its CRC.
 */
function slopePhoto(width = 48, height = 32): Buffer {
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) {
      const crack = Math.abs(x - 10 - y) < 1.5 && y > 12;
      const [r, g, b] = crack ? [40, 30, 20] : y < 12 ? [135, 190, 235] : [150, 110, 60];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PHOTO = slopePhoto();

interface ApiAlarm {
  id: number;
  status: string;
  latitude: number | null;
  longitude: number | null;
  place: string;
  warningId: number | null;
  photos: Array<{ id: number; url: string }>;
}

describe('alarms raised from a phone, in a browser', () => {
  let server: Server;
  let browser: Browser;
  let duty: Page;
  let dutyApi: SignedIn;
  let landslideId = 0;
  let floodId = 0;
  let warningId = 0;
  let photoUrl = '';

  // Each person has their own browser context (cookies, permissions); closing the browser ends them all.
  const context = (options: BrowserContextOptions) => browser.newContext(options);
  const status = (page: Page) => page.getByTestId('alarm-detail-page').getByTestId('alarm-status').first().textContent();
  const description = (page: Page) => page.getByTestId('alarm-description').locator('xpath=descendant-or-self::textarea');
  /** From the page shown after raising, to the alarm's own page; returns its id. */
  const toDetail = async (page: Page) => {
    await page.getByTestId('alarm-to-detail').click();
    await page.getByTestId('alarm-detail-page').waitFor();
    return Number(/\/alarms\/(\d+)$/.exec(page.url())![1]);
  };
  /** The desk's table row of an alarm (antd marks each row with its key, the alarm's id). */
  const row = (page: Page, id: number) => page.locator(`[data-testid="alarm-row"][data-row-key="${id}"]`);
  /** Waits until a list (`alarms-table` or `alarms-list`) shows its answer, so that a missing row means something. */
  const settled = async (page: Page, list: string) => {
    const root = page.getByTestId(list);
    await root.locator('[data-testid="alarm-row"], .ant-empty').first().waitFor();
    await root.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dutyApi = await login(server, 'duty', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a grid worker raises a landslide alarm on a 390 px phone with the phone’s position and a photo', async () => {
    const phone = await context({ ...phoneSize, locale: 'zh-CN', geolocation: { latitude: LAT, longitude: LON, accuracy: 12 }, permissions: ['geolocation'] });
    const page = await phone.newPage();
    await logIn(page, server, 'grid', DEMO_PASSWORD);
    await page.goto(`${server.url}/alarms/new`);
    await page.getByTestId('alarm-raise-page').waitFor();
    // The grid worker's own grid is chosen for them.
    await expect.poll(() => page.getByTestId('alarm-unit').textContent(), POLL).toContain('城关王下洼村第1网格');

    await page.getByTestId('alarm-kind-landslide_sign').click();
    await expect.poll(() => page.getByTestId('alarm-kind-landslide_sign').getAttribute('aria-checked'), POLL).toBe('true');
    await description(page).fill(SLOPE);
    await page.getByTestId('alarm-locate').click();
    await page.getByTestId('alarm-coords').waitFor();
    expect(await page.getByTestId('alarm-coords').textContent()).toBe(`已定位：${SHOWN}（约 ±12 米）`);
    expect(await page.getByTestId('alarm-locate').textContent()).toContain('重新定位');
    expect(await page.getByTestId('alarm-geo-error').count()).toBe(0);

    await page.getByTestId('alarm-photo-input').setInputFiles({ name: '后山裂缝.png', mimeType: 'image/png', buffer: PHOTO });
    const preview = page.getByTestId('alarm-photo-previews').locator('img');
    await expect.poll(() => preview.count(), POLL).toBe(1);
    // The preview really shows the picture: the browser decoded it at its own size.
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => `${img.complete} ${img.naturalWidth}x${img.naturalHeight}`), POLL).toBe('true 48x32');
    expect(await page.getByTestId('alarm-photo-add').textContent()).toContain('1/6');
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await screenshot(page, 'alarms-01-phone-raise');

    await page.getByTestId('alarm-submit').click();
    await page.getByTestId('alarm-raised').waitFor();
    expect(await page.getByTestId('alarm-raised').textContent()).toContain('已上报，镇、县值班员已收到');
    expect(await page.getByTestId('alarm-raised').textContent()).toContain('山体滑坡前兆');
    // The photo goes up once the alarm exists, and the card of sent photos says when it is there.
    await page.getByTestId('alarm-photo-done').waitFor();
    expect(await page.getByTestId('alarm-photo-error').count()).toBe(0);
    expect(await page.getByTestId('alarm-raised').textContent()).not.toContain('正在上传照片');
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await screenshot(page, 'alarms-02-phone-raised');

    landslideId = await toDetail(page);
    expect(landslideId).toBeGreaterThan(0);
    expect(await page.getByTestId('alarm-description').textContent()).toBe(SLOPE);
    expect(await status(page)).toBe('待处置');
    await expect.poll(() => page.getByTestId('alarm-thumb').count(), POLL).toBe(1);
    expect(await page.getByTestId('alarm-detail-coords').textContent()).toContain(SHOWN);
    // The map link carries the position exactly as the phone gave it.
    expect(await page.getByTestId('alarm-detail-coords').locator('a').getAttribute('href')).toBe(`geo:${LAT},${LON}`);
    // A grid worker raises the alarm; handling it is for those who may issue warnings.
    expect(await page.getByTestId('alarm-handle').count()).toBe(0);
    expect(await page.getByTestId('alarm-promote').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await screenshot(page, 'alarms-03-phone-detail');
  });

  it('a village secretary whose phone refuses the position raises a flooding alarm in English with the place alone', async () => {
    const phone = await context({ ...phoneSize, locale: 'en-US' });
    await phone.addCookies([{ name: 'xf_lang', value: 'en', url: server.url }]);
    const page = await phone.newPage();
    await logIn(page, server, 'secretary', DEMO_PASSWORD);
    await page.goto(`${server.url}/alarms/new`);
    await page.getByTestId('alarm-raise-page').waitFor();
    expect(await page.getByTestId('alarm-raise-page').locator('h3').textContent()).toContain('Raise the alarm');
    await expect.poll(() => page.getByTestId('alarm-unit').textContent(), POLL).toContain('城关王下洼村');

    await page.getByTestId('alarm-kind-flooding').click();
    await expect.poll(() => page.getByTestId('alarm-kind-flooding').getAttribute('aria-checked'), POLL).toBe('true');
    await description(page).fill(FLOOD);
    await page.getByTestId('alarm-locate').click();
    await page.getByTestId('alarm-geo-error').waitFor();
    expect(await page.getByTestId('alarm-geo-error').textContent()).toBe('No permission to use your position. Allow it in the browser settings, or describe the place.');
    expect(await page.getByTestId('alarm-coords').count()).toBe(0);
    expect(await page.getByTestId('alarm-locate').textContent()).toContain('Use my position');

    // Neither a position nor a place: the form says what is missing and sends nothing.
    await page.getByTestId('alarm-submit').click();
    const placeError = page.locator('.ant-form-item-explain-error').filter({ hasText: 'Say where the danger is' });
    await placeError.waitFor();
    expect(await placeError.textContent()).toBe('Say where the danger is (a position or a description of the place).');
    expect(await page.getByTestId('alarm-raised').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await screenshot(page, 'alarms-04-phone-no-position');

    // The description of the place alone is enough.
    await page.getByTestId('alarm-place').fill(FLOOD_PLACE);
    await page.getByTestId('alarm-submit').click();
    await page.getByTestId('alarm-raised').waitFor();
    expect(await page.getByTestId('alarm-raised').textContent()).toContain('Raised: the town’s and the county’s duty officers have received it');
    expect(await page.getByTestId('alarm-raised').textContent()).toContain('Flooding');
    // No photo was picked, so there is no card of sent photos.
    expect(await page.getByTestId('alarm-photo-previews').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await screenshot(page, 'alarms-05-phone-raised-en');

    floodId = await toDetail(page);
    expect(floodId).toBeGreaterThan(landslideId);
    expect(await page.getByTestId('alarm-description').textContent()).toBe(FLOOD);
    expect(await status(page)).toBe('Open');
    expect(await page.getByTestId('alarm-detail-page').textContent()).toContain(FLOOD_PLACE);
    expect(await page.getByTestId('alarm-detail-page').textContent()).toContain('No position attached');
    expect(await page.getByTestId('alarm-detail-coords').count()).toBe(0);
  });

  it('the town’s duty officer at a desk sees both in the queue, the landslide with its position as given', async () => {
    const desk = await context({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    duty = await desk.newPage();
    await logIn(duty, server, 'duty', DEMO_PASSWORD);
    await duty.goto(`${server.url}/alarms`);
    await duty.getByTestId('alarms-table').waitFor();
    await row(duty, landslideId).waitFor();
    await row(duty, floodId).waitFor();

    const landslide = row(duty, landslideId);
    expect(await landslide.getByTestId('alarm-kind').textContent()).toBe('山体滑坡前兆');
    expect(await landslide.getByTestId('alarm-status').textContent()).toBe('待处置');
    // Raised with a position and no place: the row says so and carries the pin.
    expect(await landslide.textContent()).toContain('（仅定位）');
    expect(await landslide.getByTestId('place-has-coords').count()).toBe(1);
    expect(await landslide.textContent()).toContain(GRID_WORKER);
    await expect.poll(() => landslide.getByTestId('alarm-thumb').count(), POLL).toBe(1);
    const flood = row(duty, floodId);
    expect(await flood.getByTestId('alarm-kind').textContent()).toBe('内涝积水');
    expect(await flood.textContent()).toContain(FLOOD_PLACE);
    expect(await flood.getByTestId('place-has-coords').count()).toBe(0);
    // Open alarms stand out in red until someone takes them up.
    expect(await landslide.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 240)');
    await screenshot(duty, 'alarms-06-desk-queue');

    // The queue carries the position to the seventh decimal, as the phone gave it.
    const queue = await call<{ items: ApiAlarm[] }>(server, dutyApi, 'GET', '/api/alarms?status=open&pageSize=100');
    const listed = queue.items.find((a) => a.id === landslideId);
    expect(listed).toMatchObject({ latitude: LAT, longitude: LON, place: '' });
    expect(queue.items.find((a) => a.id === floodId)).toMatchObject({ latitude: null, longitude: null, place: FLOOD_PLACE });

    // The photo the grid worker sent is the very picture drawn above.
    const alarm = await call<ApiAlarm>(server, dutyApi, 'GET', `/api/alarms/${landslideId}`);
    expect(alarm.photos).toHaveLength(1);
    photoUrl = alarm.photos[0]!.url;
    const res = await fetch(`${server.url}${photoUrl}`, { headers: { cookie: dutyApi.cookie } });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);
  });

  it('the duty officer takes the landslide up with a note, then turns it into a warning', async () => {
    await row(duty, landslideId).locator('td').first().click();
    await duty.getByTestId('alarm-detail-page').waitFor();
    expect(duty.url()).toMatch(new RegExp(`/alarms/${landslideId}$`));
    await expect.poll(() => status(duty), POLL).toBe('待处置');
    expect(await duty.getByTestId('alarm-detail-coords').textContent()).toContain(SHOWN);
    expect(await duty.getByTestId('alarm-detail-coords').locator('a').getAttribute('href')).toBe(`geo:${LAT},${LON}`);

    await duty.getByTestId('alarm-handle').click();
    await duty.getByTestId('alarm-handle-note').locator('xpath=descendant-or-self::textarea').fill(HANDLE_NOTE);
    await screenshot(duty, 'alarms-07-desk-handle');
    await duty.getByTestId('alarm-handle-submit').click();
    await expect.poll(() => status(duty), POLL).toBe('处置中');
    expect(await duty.getByTestId('alarm-detail-page').textContent()).toContain(HANDLE_NOTE);
    expect(await duty.getByTestId('alarm-detail-page').textContent()).toContain('镇应急办 值班员');
    // Taken up once: what is left is to close it or turn it into a warning.
    expect(await duty.getByTestId('alarm-handle').count()).toBe(0);
    await duty.getByTestId('alarm-close').waitFor();
    await duty.getByTestId('alarm-promote').click();
    await duty.getByTestId('promote-form').waitFor();
    // The landslide precursors suggest the landslide hazard; the officer picks the level.
    await expect.poll(() => duty.getByTestId('promote-hazard').textContent(), POLL).toContain('山体滑坡');
    await duty.getByTestId('level-choice-orange').click();
    await screenshot(duty, 'alarms-08-desk-promote');
    await duty.getByTestId('promote-submit').click();
    await duty.waitForURL(/\/warnings\/\d+$/);
    warningId = Number(/\/warnings\/(\d+)$/.exec(duty.url())![1]);
    await expect.poll(() => duty.getByTestId('warning-headline').textContent(), POLL).toBe('山体滑坡橙色预警');

    await duty.goto(`${server.url}/alarms/${landslideId}`);
    await duty.getByTestId('alarm-detail-page').waitFor();
    await expect.poll(() => status(duty), POLL).toBe('已转预警');
    expect(await duty.getByTestId('alarm-warning-link').getAttribute('href')).toBe(`/warnings/${warningId}`);
    // Promoted, it is finished: no action is left.
    expect(await duty.getByTestId('alarm-close').count()).toBe(0);
    expect(await duty.getByTestId('alarm-promote').count()).toBe(0);
    await screenshot(duty, 'alarms-09-desk-promoted');
    const warning = await call<{ source: string; level: string; areas: Array<{ id: number }> }>(server, dutyApi, 'GET', `/api/warnings/${warningId}`);
    expect(warning).toMatchObject({ source: 'alarm', level: 'orange' });
    // Nothing moves a promoted alarm again.
    await expect(call(server, dutyApi, 'POST', `/api/alarms/${landslideId}/close`, { note: '' })).rejects.toThrow(/409/);
  });

  it('the duty officer closes the flooding alarm a moment after a colleague did: told so, the page shows it closed; the queue is empty of both', async () => {
    await duty.goto(`${server.url}/alarms`);
    await duty.getByTestId('alarms-table').waitFor();
    await row(duty, floodId).waitFor();
    // Promoted, the landslide has left the queue of alarms not closed.
    expect(await row(duty, landslideId).count()).toBe(0);
    await row(duty, floodId).locator('td').first().click();
    await duty.getByTestId('alarm-detail-page').waitFor();
    await expect.poll(() => status(duty), POLL).toBe('待处置');
    await duty.getByTestId('alarm-close').click();
    await duty.getByTestId('alarm-close-note').locator('xpath=descendant-or-self::textarea').fill('已排水，可以办结');
    // Meanwhile a colleague on the same duty closes it from another device.
    await call(server, dutyApi, 'POST', `/api/alarms/${floodId}/close`, { note: CLOSE_NOTE });
    await duty.getByTestId('alarm-close-submit').click();
    await duty.locator('.ant-message-error').waitFor();
    await duty.getByTestId('alarm-close-submit').waitFor({ state: 'detached' });
    await expect.poll(() => status(duty), POLL).toBe('已办结');
    expect(await duty.getByTestId('alarm-detail-page').textContent()).toContain(CLOSE_NOTE);
    expect(await duty.getByTestId('alarm-detail-page').textContent()).not.toContain('已排水，可以办结');
    expect(await duty.getByTestId('alarm-close').count()).toBe(0);

    await duty.goto(`${server.url}/alarms`);
    await settled(duty, 'alarms-table');
    expect(await row(duty, floodId).count()).toBe(0);
    expect(await row(duty, landslideId).count()).toBe(0);
    await duty.goto(`${server.url}/alarms?status=all`);
    await row(duty, floodId).waitFor();
    await row(duty, landslideId).waitFor();
    expect(await row(duty, floodId).getByTestId('alarm-status').textContent()).toBe('已办结');
    expect(await row(duty, landslideId).getByTestId('alarm-status').textContent()).toBe('已转预警');
    await screenshot(duty, 'alarms-10-desk-all');
  });

  it('the neighbouring village’s secretary does not see them in the list, and gets the not-found page for each', async () => {
    const phone = await context({ ...phoneSize, locale: 'zh-CN' });
    const page = await phone.newPage();
    await logIn(page, server, 'secretary2', DEMO_PASSWORD);
    await page.goto(`${server.url}/alarms?status=all`);
    const list = page.getByTestId('alarms-list');
    // Loaded: either the village's own alarms or the empty list.
    await settled(page, 'alarms-list');
    const text = (await list.textContent()) ?? '';
    expect(text).not.toContain(FLOOD_PLACE);
    expect(text).not.toContain('（仅定位）');
    expect(text).not.toContain(GRID_WORKER);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    const api = await login(server, 'secretary2', DEMO_PASSWORD);
    const all = await call<{ items: ApiAlarm[] }>(server, api, 'GET', '/api/alarms?pageSize=100');
    expect(all.items.map((a) => a.id)).not.toContain(landslideId);
    expect(all.items.map((a) => a.id)).not.toContain(floodId);

    for (const id of [landslideId, floodId]) {
      await page.goto(`${server.url}/alarms/${id}`);
      await page.getByTestId('alarm-not-found').waitFor();
      expect(await page.getByTestId('alarm-not-found').textContent()).toContain('这条上报不存在，或不在您的管辖范围内。');
      expect(await page.getByTestId('alarm-detail-page').count()).toBe(0);
    }
    await screenshot(page, 'alarms-11-phone-neighbour-not-found');
    // Nor its photo, nor any action: the same "not found" as for an alarm that does not exist.
    const photo = await fetch(`${server.url}${photoUrl}`, { headers: { cookie: api.cookie } });
    expect(photo.status).toBe(404);
    await expect(call(server, api, 'POST', `/api/alarms/${floodId}/handle`, { note: '' })).rejects.toThrow(/404/);
  });
});
