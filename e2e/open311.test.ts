// Open311 接入 in a real browser on a fresh installation with the demo county: the system
// administrator opens the page from the menu on a desktop, reads the addresses to hand to a
// client's developers, registers a hotline's system and copies its key from the dialog that shows it
// once; with that key a hazard report is filed through GeoReport v2 (201) and the page shows when
// the client last filed; once the administrator revokes the key, the same filing is refused (403)
// in GeoReport's error shape. A village secretary has no menu item and gets the refusal page; on a
// phone the page does not scroll sideways, in Chinese or in English.
//
// Labels are read from the locale files rather than written here, so the test checks that the page
// shows the right string in the right language, and survives a rewording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { message } from '@xianfeng/domain';
import zh from '../apps/web/src/locales/zh-CN.json';
import en from '../apps/web/src/locales/en.json';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, screenshot, startServer, type Server } from './browser.ts';
import { call, login, logIn, noSidewaysScroll, type SignedIn } from './session.ts';

const CLIENT = '12345 热线工单系统';
const CONTACT = '县政务服务中心 赵工 13905361234';
const SERVICE = 'hazard.blocked_drain';
/** Waiting for data under load: the default second of expect.poll is too short on a busy machine. */
const POLL = { timeout: 15_000 };
const TZ = 'Asia/Shanghai';

interface Open311Client { id: number; name: string; keyHint: string; active: boolean; lastUsedAt: string | null }
type GeoReportError = Array<{ code: number; description: string }>;

/** A time as the page shows it (dayjs 'YYYY-MM-DD HH:mm:ss' in the browser's zone): Sweden writes dates that way. */
const shown = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: TZ });

describe('Open311 client applications in a browser', () => {
  let server: Server;
  let browser: Browser;
  let desk: BrowserContext;
  let admin: Page;
  let adminApi: SignedIn;
  /** The demo grid the hazard is filed on: the grid worker's. */
  let grid: { code: string; name: string };
  let apiKey = '';
  let clientId = 0;
  let lastUsed: string | null = null;
  let form: URLSearchParams;

  /** Files the hazard as the hotline's server would: a form post, outside any browser session. */
  const file = () =>
    fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' }, body: form.toString() });
  const clients = async () => (await call<{ items: Open311Client[] }>(server, adminApi, 'GET', '/api/open311/clients')).items;
  const row = (page: Page) => page.getByTestId('open311-table').locator('tr.ant-table-row').filter({ hasText: CLIENT });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1280, height: 860 } });
    // The key is copied with the page's copy button and read back from the clipboard.
    await desk.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    admin = await desk.newPage();
    adminApi = await login(server, 'admin', ADMIN_PASSWORD);
    grid = (await login(server, 'grid', DEMO_PASSWORD)).me.grants[0]!.unit!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the system administrator opens the page from the menu, sees the addresses, registers a client and copies its key from the dialog', async () => {
    await logIn(admin, server, 'admin', ADMIN_PASSWORD);
    const item = admin.getByTestId('menu-open311');
    expect(await item.textContent()).toBe(zh.open311.nav);
    await item.click();
    await admin.getByTestId('open311-page').waitFor();
    expect(new URL(admin.url()).pathname).toBe('/settings/open311');
    expect(await admin.getByTestId('open311-title').textContent()).toBe(zh.open311.title);
    // The addresses to give a client's developers: this server, as the browser reached it.
    await expect.poll(() => admin.getByTestId('open311-url-discovery').textContent(), POLL).toBe(`${server.url}/open311/discovery.json`);
    expect(await admin.getByTestId('open311-url-endpoint').textContent()).toBe(`${server.url}/open311/v2`);
    const discovery = await (await fetch(`${server.url}/open311/discovery.json`)).json();
    expect(discovery.endpoints[0].url).toBe(`${server.url}/open311/v2`);
    // The demo's mini-program in use and its revoked predecessor are listed; ours is not yet.
    await admin.getByTestId('open311-table').locator('tr.ant-table-row').filter({ hasText: '随手拍小程序' }).first().waitFor();
    expect(await row(admin).count()).toBe(0);

    await admin.getByTestId('open311-add').click();
    await admin.getByTestId('open311-name').fill(CLIENT);
    await admin.getByTestId('open311-contact').fill(CONTACT);
    await admin.getByTestId('open311-note').fill('热线受理的隐患工单自动转入');
    // The window crossing the phone width and back (a tablet turned) keeps the half-filled form.
    const desk = admin.viewportSize()!;
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByTestId('menu-toggle').waitFor();
    await admin.setViewportSize(desk);
    await admin.getByTestId('menu-toggle').waitFor({ state: 'detached' });
    expect(await admin.getByTestId('open311-name').inputValue()).toBe(CLIENT);
    await screenshot(admin, 'open311-01-desktop-register');
    await admin.getByTestId('open311-save').click();

    const key = admin.getByTestId('open311-key');
    await key.waitFor();
    apiKey = (await key.textContent())!.trim();
    expect(apiKey).toMatch(/^xf311_[A-Za-z0-9_-]{32}$/);
    expect(await admin.locator('.ant-modal-title').textContent()).toBe(zh.open311.keyTitle.replace('{{name}}', CLIENT));
    await key.locator('.ant-typography-copy').click();
    await key.locator('.ant-typography-copy-success').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
    await screenshot(admin, 'open311-02-desktop-key-once');
    await admin.getByTestId('open311-key-noted').click();
    await key.waitFor({ state: 'detached' });

    // Listed, in use, never used, with the key's first characters only: the key itself is gone for good.
    await row(admin).waitFor();
    expect(await row(admin).getByTestId('open311-status').textContent()).toBe(zh.open311.active);
    expect(await row(admin).getByTestId('open311-last-used').textContent()).toBe(zh.open311.neverUsed);
    expect(await row(admin).textContent()).toContain(CONTACT);
    expect(await row(admin).textContent()).toContain(`${apiKey.slice(0, 10)}…`);
    expect(await admin.content()).not.toContain(apiKey);
    const ours = (await clients()).find((c) => c.name === CLIENT)!;
    expect(ours).toMatchObject({ active: true, keyHint: `${apiKey.slice(0, 10)}…`, lastUsedAt: null });
    expect(JSON.stringify(await clients())).not.toContain(apiKey);
    clientId = ours.id;
  });

  it('with the key a hazard report is filed through GeoReport v2, and after a reload the page shows when the client last filed', async () => {
    const services = (await (await fetch(`${server.url}/open311/v2/services.json`)).json()) as Array<{ service_code: string }>;
    expect(services.map((s) => s.service_code)).toContain(SERVICE);
    form = new URLSearchParams({
      api_key: apiKey, service_code: SERVICE, jurisdiction_id: grid.code, address_string: '二组村道西侧涵洞',
      description: '涵洞被冲下来的树枝堵住，雨后路面积水', phone: '13712345678', first_name: '大爷', last_name: '刘',
    });
    const res = await file();
    expect(res.status).toBe(201);
    const [filed] = (await res.json()) as Array<{ service_request_id: string; service_notice: string }>;
    expect(filed!.service_request_id).toMatch(/^hz-\d+$/);
    // Anyone may follow it, at the grid it was filed on and without the resident's name or phone.
    const [followed] = await (await fetch(`${server.url}/open311/v2/requests/${filed!.service_request_id}.json`)).json();
    expect(followed).toMatchObject({ service_code: SERVICE, status: 'open', agency_responsible: grid.name, address: '二组村道西侧涵洞' });
    expect(JSON.stringify(followed)).not.toMatch(/13712345678|刘大爷/);

    lastUsed = (await clients()).find((c) => c.id === clientId)!.lastUsedAt;
    expect(lastUsed).not.toBeNull();
    await admin.reload();
    await row(admin).waitFor();
    await expect.poll(() => row(admin).getByTestId('open311-last-used').textContent(), POLL).toBe(shown(lastUsed!));
    await screenshot(admin, 'open311-03-desktop-last-used');
  });

  it('the administrator revokes the client after confirming, and the same filing is refused with 403 in GeoReport’s shape', async () => {
    await row(admin).getByTestId('open311-revoke').click();
    const confirm = admin.locator('.ant-popconfirm:visible');
    expect(await confirm.textContent()).toContain(zh.open311.revokeConfirm.replace('{{name}}', CLIENT));
    await screenshot(admin, 'open311-04-desktop-revoke-confirm');
    await admin.getByTestId('open311-revoke-confirm').click();
    await expect.poll(() => row(admin).getByTestId('open311-status').textContent(), POLL).toBe(zh.open311.revoked);
    expect(await row(admin).getByTestId('open311-revoke').count()).toBe(0);
    // Revoked: when and by whom instead of the button.
    expect(await row(admin).textContent()).toContain(zh.open311.revoked);
    expect((await clients()).find((c) => c.id === clientId)).toMatchObject({ active: false });
    await screenshot(admin, 'open311-05-desktop-revoked');

    const refused = await file();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await refused.json()) as GeoReportError).toEqual([{ code: 403, description: message('georeport.api_key_invalid', 'zh-CN') }]);
    // Refused before anything was filed: the client's last filing is still the one before.
    expect((await clients()).find((c) => c.id === clientId)!.lastUsedAt).toBe(lastUsed);
  });

  it('a village secretary sees no menu item and gets the refusal page; the API refuses them and the county’s party affairs worker too', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1280, height: 860 } });
    const page = await ctx.newPage();
    await logIn(page, server, 'secretary', DEMO_PASSWORD);
    await page.getByTestId('menu-home').waitFor();
    expect(await page.getByTestId('menu-open311').count()).toBe(0);
    await page.goto(`${server.url}/settings/open311`);
    const refusal = page.getByTestId('open311-forbidden');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(zh.open311.adminOnly);
    expect(await page.getByTestId('open311-page').count()).toBe(0);
    await screenshot(page, 'open311-06-secretary-refused');
    await ctx.close();

    const secretary = await login(server, 'secretary', DEMO_PASSWORD);
    await expect(call(server, secretary, 'GET', '/api/open311/clients')).rejects.toThrow(/: 403 /);
    await expect(call(server, secretary, 'POST', '/api/open311/clients', { name: '村里自己的小程序', contact: '书记 13900000000' })).rejects.toThrow(/: 403 /);
    // user.manage on the county is not enough: the keys are the installation's.
    const county = await login(server, 'county', DEMO_PASSWORD);
    await expect(call(server, county, 'GET', '/api/open311/clients')).rejects.toThrow(new RegExp(`: 403 .*${message('georeport.admin_only', 'zh-CN')}`));
  });

  it('on a 390 px phone the page does not scroll sideways, and switched to English its heading is English', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: TZ, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await logIn(phone, server, 'admin', ADMIN_PASSWORD);
    await phone.getByTestId('menu-toggle').click();
    await phone.getByTestId('menu-open311').click();
    await phone.getByTestId('open311-page').waitFor();
    const card = phone.getByTestId('open311-card').filter({ hasText: CLIENT });
    await card.waitFor();
    expect(await card.getByTestId('open311-status').textContent()).toBe(zh.open311.revoked);
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'open311-07-phone');

    await phone.getByTestId('language-switch').click();
    await phone.getByTestId('language-en').click();
    await expect.poll(() => phone.getByTestId('open311-title').textContent(), POLL).toBe(en.open311.title);
    expect(en.open311.title).not.toBe(zh.open311.title);
    expect(await card.getByTestId('open311-status').textContent()).toBe(en.open311.revoked);
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'open311-08-phone-english');
    await ctx.close();
  });
});
