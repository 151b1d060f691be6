// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) on both databases: the samples of
// the specification — its POST request, its responses and its service discovery document — are
// the yardstick. Our answers must carry the same fields in the same shapes, in JSON and in XML
// (well-formed: parsed back with saxes), errors as a list of { code, description }; a POST needs
// the api_key of a client the system administrator registered, and files an anonymous hazard
// report with its contact encrypted, limited per client address and phone; nothing public shows
// who reported or handled anything.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { HAZARD_CATEGORIES, HELP_CATEGORIES } from '@xianfeng/domain';
import { SERVICES_CHANGED, servicesFingerprint } from '../src/modules/open311/discovery.ts';
import { scrub } from '../src/modules/open311/privacy.ts';
import { CLIENT_PER_HOUR } from '../src/modules/open311/service.ts';
import { anonymous, DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

// ——— From the specification's examples (GeoReport v2, "Example response" of each method) ———

/** GET services: the first service of the JSON sample. */
const SPEC_SERVICE = {
  service_code: '001', service_name: 'Cans left out 24x7', description: 'Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.',
  metadata: true, type: 'realtime', keywords: 'lorem, ipsum, dolor', group: 'sanitation',
};
/** POST service request: the sample arguments (form-encoded) and the JSON response. */
const SPEC_POST = 'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Fmysite.com%2Fimages%2F1234.jpg';
const SPEC_POST_RESPONSE = [{ service_request_id: 293944, service_notice: 'The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code', account_id: null }];
/** GET service requests: the first request of the JSON sample, and its XML. */
const SPEC_REQUEST = {
  service_request_id: 638344, status: 'closed', status_notes: 'Duplicate request.', service_name: 'Sidewalk and Curb Issues', service_code: '006', description: null, agency_responsible: null,
  service_notice: null, requested_datetime: '2010-04-14T06:37:38-08:00', updated_datetime: '2010-04-14T06:37:38-08:00', expected_datetime: '2010-04-15T06:37:38-08:00',
  address: '8TH AVE and JUDAH ST', address_id: 545483, zipcode: 94122, lat: 37.762221815, long: -122.4651145, media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
};
const SPEC_REQUEST_XML = `<?xml version="1.0" encoding="utf-8"?>
<service_requests><request><service_request_id>638344</service_request_id><status>closed</status><status_notes>Duplicate request.</status_notes>
<service_name>Sidewalk and Curb Issues</service_name><service_code>006</service_code><description></description><agency_responsible></agency_responsible>
<service_notice></service_notice><requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime><updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
<expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime><address>8TH AVE and JUDAH ST</address><address_id>545483</address_id><zipcode>94122</zipcode>
<lat>37.762221815</lat><long>-122.4651145</long><media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url></request></service_requests>`;
/** Errors: the sample's XML. */
const SPEC_ERRORS_XML = `<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>Invalid api_key received -- can't proceed with create_request.</description></error></errors>`;
/** Service discovery (https://wiki.open311.org/Service_Discovery): the JSON example, its first endpoint, and its XML. */
const SPEC_DISCOVERY = {
  changeset: '2011-02-03 14:18', contact: 'You can email or call for assistance api@mycity.org +1 (555) 555-5555', key_service: 'You can request a key here: http://api.mycity.gov/api_key/request',
  endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://open311.mycity.gov/v2', changeset: '2010-11-23 09:01', type: 'production', formats: ['text/xml'] }],
};
const SPEC_DISCOVERY_XML = `<?xml version="1.0" encoding="UTF-8"?>
<discovery><changeset>2011-02-03 14:18</changeset><contact>You can email or call for assistance api@mycity.org +1 (555) 555-5555</contact>
<key_service>You can request a key here: http://api.mycity.gov/api_key/request</key_service><endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>
<url>http://open311.mycity.gov/v2</url><changeset>2010-11-23 09:01</changeset><type>production</type><formats><format>text/xml</format></formats></endpoint></endpoints></discovery>`;

interface XmlNode { name: string; text: string; children: XmlNode[] }

/** Parses XML with saxes (throws on anything not well-formed) into a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const doc: XmlNode = { name: '#document', text: '', children: [] };
  const stack = [doc];
  parser.on('opentag', (t) => {
    const node = { name: t.name, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => { stack.at(-1)!.text += t; });
  parser.on('closetag', () => { stack.pop(); });
  parser.write(xml).close();
  expect(doc.children).toHaveLength(1);
  return doc.children[0];
}

/** The shape of an XML document: root, item element names, and each item's field names in order. */
function xmlShape(xml: string) {
  const root = parseXml(xml);
  return { root: root.name, items: root.children.map((c) => ({ name: c.name, fields: c.children.map((f) => f.name) })) };
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Our value has the spec's type, or is a string where the spec shows a number id, or is null where the spec allows absence. */
function sameShape(ours: Record<string, unknown>, spec: Record<string, unknown>) {
  expect(Object.keys(ours)).toEqual(Object.keys(spec));
  for (const [k, v] of Object.entries(ours)) {
    if (v === null) continue;
    expect([typeof spec[k], 'string', ...(spec[k] === null ? ['string', 'number'] : [])], k).toContain(typeof v);
  }
}

describe('the samples taken from the specification are what the tests say they are', () => {
  it('parse as the specification shows them', () => {
    expect(xmlShape(SPEC_REQUEST_XML)).toEqual({ root: 'service_requests', items: [{ name: 'request', fields: Object.keys(SPEC_REQUEST) }] });
    expect(xmlShape(SPEC_ERRORS_XML)).toEqual({ root: 'errors', items: [{ name: 'error', fields: ['code', 'description'] }] });
    expect(Object.fromEntries(new URLSearchParams(SPEC_POST))).toMatchObject({ service_code: '001', email: 'smit333@sfgov.edu', media_url: 'http://mysite.com/images/1234.jpg' });
    expect(parseXml(SPEC_DISCOVERY_XML).children.map((c) => c.name)).toEqual(Object.keys(SPEC_DISCOVERY));
  });
});

/** The nesting of a discovery document: its fields, and each endpoint's fields and formats. */
function discoveryShape(xml: string) {
  const root = parseXml(xml);
  const endpoints = root.children.find((c) => c.name === 'endpoints')!;
  return {
    root: root.name,
    fields: root.children.map((c) => c.name),
    endpoints: endpoints.children.map((e) => ({ name: e.name, fields: e.children.map((f) => f.name), formats: e.children.find((f) => f.name === 'formats')!.children.map((f) => f.name) })),
  };
}

describe('service discovery’s changeset', () => {
  it('moves with the services: change a hazard or help category and this asks for a new date and fingerprint', () => {
    expect(servicesFingerprint(), `the services changed: set SERVICES_CHANGED in modules/open311/discovery.ts to { at: '<now, W3C>', fingerprint: '${servicesFingerprint()}' }`).toBe(SERVICES_CHANGED.fingerprint);
    expect(SERVICES_CHANGED.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('what the public answers blank out of free text', () => {
  it('phones in every usual spelling, e-mail addresses, ID numbers, and the names the record knows', () => {
    const text = '王秀英家门口，手机 136 1111 2222、+86-139-0000-1111、13611112222，座机 0536-7654321，邮箱 wang.xy@example.cn，身份证 37078319850312001X，秀英说的';
    expect(scrub(text, ['王秀英'])).toBe('***家门口，手机 ***、***、***，座机 ***，邮箱 ***，身份证 ***，***说的');
    expect(scrub('John Smith called; johnson did not', ['John'])).toBe('*** Smith called; johnson did not');
  });

  it('leaves dates, times, coordinates, amounts and short numbers alone', () => {
    const text = '2026-05-01 10:30 发现，位置 37.76524078,-122.4212043，约 120 平方米，3 户 12 人，二组 9 号，0.5 米宽';
    expect(scrub(text, ['王'])).toBe(text);
  });
});

describe.each(DATABASES)('Open311 GeoReport v2 (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let grid: number;
  let gridWorker: { id: number; username: string };
  let worker: Client;
  let anon: Client;
  /** The client application the tests file through, registered by the system administrator. */
  let client: { id: number; name: string };
  let apiKey: string;
  let ipSerial = 10;
  /** A fresh client address per test, so the per-address rate limit of one test does not leak into another. */
  const freshIp = () => `198.51.100.${ipSerial++}`;
  const post = (format: 'json' | 'xml', form: Record<string, string>, ip = freshIp()) =>
    env.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload: new URLSearchParams({ api_key: apiKey, ...form }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });
  let contactSerial = 1000;
  /**
   * The specification's sample POST, with our service code, village and a mainland mobile number;
   * each call a contact of its own, so the per-contact rate limit counts only where a test means it.
   */
  const ours = (overrides: Record<string, string> = {}): Record<string, string> => {
    const n = contactSerial++;
    return {
      ...Object.fromEntries(new URLSearchParams(SPEC_POST)),
      api_key: apiKey,
      jurisdiction_id: 'C01A-G1', service_code: 'hazard.blocked_drain', phone: `1391234${n}`, email: `smit${n}@sfgov.edu`, address_string: '东庄一组水塘边', description: '排水沟被垃圾堵住，雨天漫到路上', ...overrides,
    };
  };

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const f = factories(env);
    grid = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    gridWorker = await f.user('grid_worker', grid);
    worker = await login(env.app, gridWorker.username);
    anon = anonymous(env.app);
    const registered = await w.as.admin.post('/api/open311/clients', { name: '随手拍测试客户端', contact: '县融媒体中心 13800001111' });
    expect(registered.statusCode, registered.body).toBe(201);
    ({ client, apiKey } = registered.json());
  });
  afterAll(() => env?.close());

  it('services: one per hazard category and per help category, with the fields of the specification’s sample, in JSON and XML', async () => {
    const json = await anon.get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const services = json.json();
    expect(services).toHaveLength(HAZARD_CATEGORIES.length + HELP_CATEGORIES.length);
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual([...HAZARD_CATEGORIES.map((c) => `hazard.${c.value}`), ...HELP_CATEGORIES.map((c) => `help.${c.value}`)]);
    for (const s of services) sameShape(s, SPEC_SERVICE);
    expect(services[0]).toMatchObject({ service_code: 'hazard.slope_crack', service_name: '山体开裂/滑坡隐患', metadata: false, type: 'realtime', group: '隐患排查' });
    const xml = await anon.get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const shape = xmlShape(xml.body);
    expect(shape.root).toBe('services');
    expect(shape.items).toHaveLength(HAZARD_CATEGORIES.length + HELP_CATEGORIES.length);
    for (const item of shape.items) expect(item).toEqual({ name: 'service', fields: Object.keys(SPEC_SERVICE) });
    // In English for an English client.
    const en = await env.app.inject({ method: 'GET', url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } });
    expect(en.json()[3]).toMatchObject({ service_code: 'hazard.fire_risk', service_name: 'Fire risk' });
    // A service definition, although none is needed (metadata false).
    expect((await anon.get('/open311/v2/services/hazard.fire_risk.json')).json()).toEqual({ service_code: 'hazard.fire_risk', attributes: [] });
    expect(xmlShape((await anon.get('/open311/v2/services/hazard.fire_risk.xml')).body)).toEqual({ root: 'service_definition', items: [{ name: 'service_code', fields: [] }, { name: 'attributes', fields: [] }] });
    expect((await anon.get('/open311/v2/services/001.json')).statusCode).toBe(404);
  });

  it('the specification’s own POST is refused in its error shape: its api_key, then with ours its unknown service, then a phone that is no mobile number', async () => {
    const raw = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: SPEC_POST, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp(), 'accept-language': 'en' } });
    expect(raw.statusCode).toBe(403);
    expect(raw.json()).toEqual([{ code: 403, description: 'Invalid api_key received -- can\'t proceed with create_request.' }]);
    const rawXml = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: SPEC_POST, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp(), 'accept-language': 'en' } });
    expect(xmlShape(rawXml.body)).toEqual(xmlShape(SPEC_ERRORS_XML));
    const texts = (xml: string) => parseXml(xml).children[0].children.map((c) => c.text);
    expect(texts(rawXml.body)).toEqual(texts(SPEC_ERRORS_XML));
    const unknownService = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: SPEC_POST.replace('api_key=xyz', `api_key=${apiKey}`), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() } });
    expect(unknownService.statusCode).toBe(404);
    expect(unknownService.json()).toEqual([{ code: 404, description: '未知的服务编码“001”' }]);
    const phone = await post('xml', ours({ phone: '111111111' }));
    expect(phone.statusCode).toBe(400);
    expect(xmlShape(phone.body)).toEqual(xmlShape(SPEC_ERRORS_XML));
    expect(parseXml(phone.body).children[0].children.map((c) => c.text)).toEqual(['400', 'phone: 手机号格式不正确，应为 11 位手机号码']);
  });

  it('a POST without a contact, a place, a known jurisdiction or a description is refused, and nothing is written', async () => {
    const count = async () => Number((await env.deps.database.db.selectFrom('hazard').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const { phone: _p, email: _e, ...noContact } = ours();
    const res = await post('json', noContact);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: 'phone: 请留下联系方式：phone 或 email' }]);
    const { lat: _a, long: _b, ...noCoords } = ours({ address_string: '' });
    expect((await post('json', noCoords)).json()).toEqual([{ code: 400, description: 'address_string: 请提供位置：lat 和 long，或 address_string' }]);
    expect((await post('json', ours({ jurisdiction_id: 'C09X' }))).json()).toEqual([{ code: 404, description: '未知的 jurisdiction_id“C09X”' }]);
    const { jurisdiction_id: _j, ...noJurisdiction } = ours();
    expect((await post('json', noJurisdiction)).json()).toEqual([{ code: 400, description: 'jurisdiction_id: 请提供 jurisdiction_id（村、社区或网格的组织编码）' }]);
    expect((await post('json', ours({ description: '' }))).statusCode).toBe(400);
    expect((await post('json', ours({ lat: '91' }))).json()[0].description).toBe('lat: 参数 lat 无效');
    // A branch is no jurisdiction for hazards.
    expect((await post('json', ours({ jurisdiction_id: 'C01A1' }))).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('files the specification’s sample POST (with our service and village) as an anonymous hazard report, answered like the sample', async () => {
    const res = await post('json', ours({ phone: '13912345678', email: 'smit333@sfgov.edu' }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toHaveLength(1);
    sameShape(body[0], SPEC_POST_RESPONSE[0]);
    expect(body[0]).toMatchObject({ service_request_id: expect.stringMatching(/^hz-\d+$/), service_notice: '已收到隐患报告，将在 7 天内处理', account_id: null });
    const id = Number(body[0].service_request_id.slice(3));
    const row = await env.deps.database.db.selectFrom('hazard').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_id: grid, category: 'blocked_drain', status: 'reported', source: 'open311', reported_by: null, reporter_name: 'smithjohn', latitude: 37.76524078, longitude: -122.4212043, contact_phone_masked: '139****5678', media_url: 'http://mysite.com/images/1234.jpg' });
    expect(row.contact_phone_enc).not.toContain('13912345678');
    expect(env.deps.cipher.decrypt(row.contact_phone_enc!)).toBe('13912345678');
    expect(env.deps.cipher.decrypt(row.contact_email_enc!)).toBe('smit333@sfgov.edu');
    // The grid's worker is told, and sees the masked contact in the triage queue.
    const told = await env.deps.database.db.selectFrom('notification').select('link').where('user_id', '=', gridWorker.id).where('kind', '=', 'hazard.reported').execute();
    expect(told.map((n) => n.link)).toContain(`/hazards/${id}`);
    const staff = (await worker.get(`/api/hazards/${id}`)).json();
    expect(staff.reporter).toEqual({ id: null, name: 'smithjohn', phone: '139****5678', email: 's***@sfgov.edu' });
    const audit = await env.deps.database.db.selectFrom('audit_log').select('after_json').where('entity_type', '=', 'hazard').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.after_json).not.toMatch(/13912345678|sfgov|smith/);

    const xml = await post('xml', ours({ service_code: 'hazard.fire_risk' }));
    expect(xml.statusCode).toBe(201);
    expect(xmlShape(xml.body)).toEqual({ root: 'service_requests', items: [{ name: 'request', fields: Object.keys(SPEC_POST_RESPONSE[0]) }] });
  });

  it('GET requests: the sample’s fields in JSON and XML, filtered as specified, never the reporter’s personal data', async () => {
    const filed = (await post('json', ours({ service_code: 'hazard.unsafe_building', first_name: '秀英', last_name: '王', phone: '13611112222', email: 'wang@example.cn' }))).json()[0].service_request_id as string;
    const other = (await post('json', ours({ service_code: 'hazard.fire_risk' }))).json()[0].service_request_id as string;
    const hid = Number(filed.slice(3));
    const all = await anon.get('/open311/v2/requests.json');
    expect(all.statusCode).toBe(200);
    const list = all.json() as Array<Record<string, unknown>>;
    for (const r of list) {
      sameShape(r, SPEC_REQUEST);
      expect(['open', 'closed']).toContain(r.status);
      expect(r.requested_datetime).toMatch(W3C);
      expect(r.updated_datetime).toMatch(W3C);
    }
    expect(all.body).not.toMatch(/13611112222|136\*|wang@|秀英|smith|john/);
    const mine = list.find((r) => r.service_request_id === filed)!;
    expect(mine).toMatchObject({ status: 'open', status_notes: '待分派', service_code: 'hazard.unsafe_building', service_name: '危房', agency_responsible: '东庄一网格', address: '东庄一组水塘边', lat: 37.76524078, long: -122.4212043 });

    const xml = await anon.get(`/open311/v2/requests.xml?service_request_id=${filed},${other}`);
    const shape = xmlShape(xml.body);
    expect(shape.root).toBe('service_requests');
    expect(shape.items.map((i) => i.name)).toEqual(['request', 'request']);
    for (const item of shape.items) expect(item.fields).toEqual(xmlShape(SPEC_REQUEST_XML).items[0].fields);
    expect(xml.body).not.toMatch(/13611112222|wang@|秀英/);

    // The triage rejects it: the request is closed, with the reason told.
    await worker.post(`/api/hazards/${hid}/reject`, { reason: '已列入改造计划' });
    const one = await anon.get(`/open311/v2/requests/${filed}.json`);
    expect(one.json()).toEqual([expect.objectContaining({ service_request_id: filed, status: 'closed', status_notes: '不予受理：已列入改造计划' })]);
    const oneXml = parseXml((await anon.get(`/open311/v2/requests/${filed}.xml`)).body);
    expect(oneXml.children[0].children.find((c) => c.name === 'status')!.text).toBe('closed');

    const ids = (res: { json(): Array<{ service_request_id: string }> }) => res.json().map((r) => r.service_request_id);
    expect(ids(await anon.get('/open311/v2/requests.json?status=closed'))).toEqual([filed]);
    expect(ids(await anon.get('/open311/v2/requests.json?status=open'))).not.toContain(filed);
    expect(ids(await anon.get('/open311/v2/requests.json?service_code=hazard.unsafe_building,hazard.slope_crack'))).toEqual([filed]);
    expect(ids(await anon.get('/open311/v2/requests.json?service_code=001'))).toEqual([]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(ids(await anon.get(`/open311/v2/requests.json?start_date=${encodeURIComponent(future)}`))).toEqual([]);
    expect(ids(await anon.get(`/open311/v2/requests.json?end_date=${encodeURIComponent('2010-01-01T00:00:00Z')}`))).toEqual([]);
    expect(ids(await anon.get('/open311/v2/requests.json?jurisdiction_id=C01A'))).toContain(filed);
    expect((await anon.get('/open311/v2/requests.json?start_date=yesterday')).json()).toEqual([{ code: 400, description: 'start_date: 参数 start_date 无效' }]);
    expect((await anon.get('/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
    expect((await anon.get('/open311/v2/requests.json?jurisdiction_id=C09X')).statusCode).toBe(404);
  });

  it('form bodies are taken by Open311 only: a cross-site HTML form cannot post to the JSON API', async () => {
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: `login=${gridWorker.username}&password=Passw0rd!`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(login.statusCode).toBe(400);
    expect(login.cookies).toEqual([]);
  });

  it('an unknown request, an unknown kind or format is "not found" in the error shape', async () => {
    for (const url of ['/open311/v2/requests/hz-999999.json', '/open311/v2/requests/xx-1.json', '/open311/v2/requests/638344.json']) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual([{ code: 404, description: '未找到该记录，或您无权访问' }]);
    }
    expect((await anon.get('/open311/v2/requests/hz-1.html')).statusCode).toBe(404);
    expect(xmlShape((await anon.get('/open311/v2/requests/hz-999999.xml')).body)).toEqual(xmlShape(SPEC_ERRORS_XML));
  });

  it('floods are refused: five reports an hour from one phone, and a client’s hourly share whatever its addresses', async () => {
    // A registered client files for many residents from one server: its address is not what counts.
    const ip = freshIp();
    for (let i = 0; i < 8; i++) expect((await post('json', ours(), ip)).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await post('json', ours({ phone: '13700007777' }))).statusCode).toBe(201);
    const sixth = await post('json', ours({ phone: '137 0000 7777' }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual([{ code: 429, description: '该电话提交过于频繁，请 60 分钟后再试' }]);
    const en = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams({ api_key: apiKey, ...ours({ phone: '137 0000 7777' }) }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp(), 'accept-language': 'en' } });
    expect(en.statusCode).toBe(429);
    expect(en.json()[0].description).toBe('Too many reports from this phone. Please try again in 60 minutes.');
    // A second client with its hour's share used up (as the throttle store counts it) is refused, from any address; the first files on.
    const other = await w.as.admin.post('/api/open311/clients', { name: '12345 热线测试', contact: '热线办' });
    expect(other.statusCode, other.body).toBe(201);
    const now = env.deps.now();
    for (let i = 0; i < CLIENT_PER_HOUR; i++) await env.deps.throttle.fail(`open311:client:${other.json().client.id}`, now, { maxFailures: CLIENT_PER_HOUR, windowSeconds: 3600, lockSeconds: 3600 });
    const busy = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams({ ...ours(), api_key: other.json().apiKey }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() } });
    expect(busy.statusCode).toBe(429);
    expect(busy.json()).toEqual([{ code: 429, description: `该应用本小时提交已达上限（${CLIENT_PER_HOUR} 件），请 60 分钟后再试` }]);
    expect((await post('json', ours())).statusCode).toBe(201);
  });

  it('resident-supplied text leaves as text: escaped in XML, never markup', async () => {
    const filed = (await post('json', ours({ description: '<script>alert(1)</script> & 堵塞', address_string: '"东庄" <一组>' }))).json()[0].service_request_id;
    const xml = (await anon.get(`/open311/v2/requests/${filed}.xml`)).body;
    expect(xml).not.toContain('<script>');
    const request = parseXml(xml).children[0];
    expect(request.children.find((c) => c.name === 'description')!.text).toBe('<script>alert(1)</script> & 堵塞');
    expect(request.children.find((c) => c.name === 'address')!.text).toBe('"东庄" <一组>');
  });

  it('help requests too: filed through the help module (a name and a mobile phone required), followed without any personal detail', async () => {
    const noName = await post('json', ours({ service_code: 'help.repair', first_name: '', last_name: '' }));
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toEqual([{ code: 400, description: 'name: 请填写您的称呼' }]);
    const { phone: _p, ...emailOnly } = ours({ service_code: 'help.repair' });
    expect((await post('json', emailOnly)).json()).toEqual([{ code: 400, description: 'phone: 请留下联系电话，方便党员与您联系' }]);
    const res = await post('json', ours({ service_code: 'help.repair', first_name: '大爷', last_name: '刘', phone: '13655556666', description: '家里空调坏了，不制冷', address_string: '东庄一组 8 号' }));
    expect(res.statusCode, res.body).toBe(201);
    sameShape(res.json()[0], SPEC_POST_RESPONSE[0]);
    const filed = res.json()[0];
    expect(filed.service_request_id).toMatch(/^hl-\d+$/);
    expect(filed.service_notice).toMatch(/^已收到求助，将在 48 小时内办理。回执码 [A-Z0-9]{10}，可凭回执码查询进度$/);
    const row = await env.deps.database.db.selectFrom('help_request').selectAll().where('id', '=', Number(filed.service_request_id.slice(3))).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ category: 'repair', source: 'open311', resident_name: '刘大爷', phone_masked: '136****6666', status: 'received' });

    const one = await anon.get(`/open311/v2/requests/${filed.service_request_id}.json`);
    expect(one.statusCode).toBe(200);
    sameShape(one.json()[0], SPEC_REQUEST);
    expect(one.json()[0]).toMatchObject({ service_request_id: filed.service_request_id, status: 'open', service_code: 'help.repair', service_name: '维修', description: null, address: null, lat: null, long: null, agency_responsible: '东庄村' });
    expect(one.body).not.toMatch(/刘|13655556666|空调|8 号/);
    expect(xmlShape((await anon.get(`/open311/v2/requests/${filed.service_request_id}.xml`)).body).items[0].fields).toEqual(Object.keys(SPEC_REQUEST));
    const ids = (r: { json(): Array<{ service_request_id: string }> }) => r.json().map((x) => x.service_request_id);
    expect(ids(await anon.get('/open311/v2/requests.json?service_code=help.repair'))).toEqual([filed.service_request_id]);
    expect(ids(await anon.get('/open311/v2/requests.json?status=open'))).toContain(filed.service_request_id);
    expect(ids(await anon.get('/open311/v2/requests.json?status=closed'))).not.toContain(filed.service_request_id);
    expect(ids(await anon.get(`/open311/v2/requests.json?service_request_id=${filed.service_request_id},hz-999999`))).toEqual([filed.service_request_id]);
  });

  // ——— service discovery ———

  it('service discovery: the specification’s fields and nesting, in JSON and XML, pointing at this server as the client reached it', async () => {
    const headers = { host: 'xf.example.cn:8443', 'x-forwarded-proto': 'https' };
    const json = await env.app.inject({ method: 'GET', url: '/open311/discovery.json', headers });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const d = json.json();
    expect(Object.keys(d)).toEqual(Object.keys(SPEC_DISCOVERY));
    expect(d.endpoints).toHaveLength(1);
    expect(Object.keys(d.endpoints[0])).toEqual(Object.keys(SPEC_DISCOVERY.endpoints[0]));
    expect(d).toEqual({
      changeset: SERVICES_CHANGED.at, contact: '如需帮助或报告问题，请联系本平台的系统管理员', key_service: '提交请求需要 API 密钥：请向本平台的系统管理员申请，由其登记您的客户端后发放',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://xf.example.cn:8443/open311/v2', changeset: SERVICES_CHANGED.at, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
    // The endpoint it names is the one serving the services.
    expect((await anon.get(`${new URL(d.endpoints[0].url).pathname}/services.json`)).statusCode).toBe(200);

    const xml = await env.app.inject({ method: 'GET', url: '/open311/discovery.xml', headers });
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const ours = discoveryShape(xml.body);
    const spec = discoveryShape(SPEC_DISCOVERY_XML);
    expect(ours).toEqual({ ...spec, endpoints: [{ ...spec.endpoints[0], formats: ['format', 'format'] }] });
    const endpoint = parseXml(xml.body).children.find((c) => c.name === 'endpoints')!.children[0];
    expect(Object.fromEntries(endpoint.children.filter((c) => c.name !== 'formats').map((c) => [c.name, c.text]))).toEqual({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://xf.example.cn:8443/open311/v2', changeset: SERVICES_CHANGED.at, type: 'production' });
    expect(endpoint.children.find((c) => c.name === 'formats')!.children.map((f) => f.text)).toEqual(['text/xml', 'application/json']);

    // In English for an English client; a host header that is no host name does not end up in the document.
    const en = await env.app.inject({ method: 'GET', url: '/open311/discovery.json', headers: { 'accept-language': 'en', host: 'evil.example/<b>' } });
    expect(en.json()).toMatchObject({ contact: 'For help or to report a problem, contact the administrators of this platform.', endpoints: [{ url: 'http://localhost/open311/v2' }] });
  });

  it('service discovery names the public address the operator configured, whatever the request came with', async () => {
    const before = process.env.XIANFENG_PUBLIC_URL;
    process.env.XIANFENG_PUBLIC_URL = 'https://xf.gov.cn/county/';
    try {
      const d = (await env.app.inject({ method: 'GET', url: '/open311/discovery.json', headers: { host: '10.0.0.5:3000' } })).json();
      expect(d.endpoints[0].url).toBe('https://xf.gov.cn/county/open311/v2');
      const urls = (await w.as.admin.get('/api/open311/clients')).json().urls;
      expect(urls).toEqual({ discovery: 'https://xf.gov.cn/county/open311/discovery.json', endpoint: 'https://xf.gov.cn/county/open311/v2' });
    } finally {
      if (before === undefined) delete process.env.XIANFENG_PUBLIC_URL;
      else process.env.XIANFENG_PUBLIC_URL = before;
    }
  });

  // ——— API keys ———

  /** POSTs ours() as JSON or form, with the given api_key or none. */
  const fileWith = (key: string | undefined, opts: { lang?: string; json?: boolean; form?: Record<string, string> } = {}) => {
    const { api_key: _k, ...form } = { ...ours(), ...opts.form };
    const body = key === undefined ? form : { ...form, api_key: key };
    return env.app.inject({
      method: 'POST', url: '/open311/v2/requests.json',
      payload: opts.json ? body : new URLSearchParams(body).toString(),
      headers: { 'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp(), 'accept-language': opts.lang ?? 'zh-CN' },
    });
  };
  const hazardCount = async () => Number((await env.deps.database.db.selectFrom('hazard').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('filing needs the api_key of a registered client: without one, or with an unknown one, nothing is filed (403, in the caller’s language); reading stays public', async () => {
    const before = await hazardCount();
    const none = await fileWith(undefined);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual([{ code: 403, description: '请提供 api_key：提交请求需要本平台系统管理员发放的 API 密钥' }]);
    expect((await fileWith(undefined, { lang: 'en' })).json()).toEqual([{ code: 403, description: 'An api_key is required to file a request; the administrators of this platform issue them.' }]);
    expect((await fileWith('')).statusCode).toBe(403);
    const unknown = await fileWith(`xf311_${'A'.repeat(32)}`);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toEqual([{ code: 403, description: 'api_key 无效或已停用，请求未提交' }]);
    // The key is checked before anything else: a bad key learns nothing about the other fields.
    expect((await fileWith('nope', { form: { lat: '91', service_code: '001' } })).statusCode).toBe(403);
    expect(await hazardCount()).toBe(before);
    // A JSON body carries the key as well as a form does.
    expect((await fileWith(apiKey, { json: true })).statusCode).toBe(201);
    expect(await hazardCount()).toBe(before + 1);
    for (const url of ['/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/discovery.xml']) expect((await anon.get(url)).statusCode, url).toBe(200);
  });

  it('the system administrator registers a client: its key shown once, kept only as a hash; each filing names its client in the audit log; a revoked key files nothing more', async () => {
    const db = env.deps.database.db;
    const res = await w.as.admin.post('/api/open311/clients', { name: '县 12345 热线', contact: '热线办 王主任 0536-7212345', note: '市民热线工单转入' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { client: c, apiKey: key } = res.json();
    expect(key).toMatch(/^xf311_[A-Za-z0-9_-]{32}$/);
    expect(c).toMatchObject({ name: '县 12345 热线', contact: '热线办 王主任 0536-7212345', note: '市民热线工单转入', keyHint: `${key.slice(0, 10)}…`, active: true, revokedAt: null, lastUsedAt: null, createdBy: w.users.admin.username });

    // Only its hash is stored; the contact is encrypted; neither the key nor the contact is in the audit log.
    const row = await db.selectFrom('open311_client').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(crypto.createHash('sha256').update(key).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(row.contact_enc).not.toContain('王主任');
    const created = await db.selectFrom('audit_log').select(['action', 'after_json', 'actor_user_id']).where('entity_type', '=', 'open311_client').where('entity_id', '=', String(c.id)).execute();
    expect(created).toEqual([{ action: 'open311.client.create', actor_user_id: w.users.admin.id, after_json: expect.stringContaining('县 12345 热线') }]);
    expect(created[0].after_json).not.toMatch(new RegExp(`${key}|王主任|7212345`));
    // The list never shows the key again.
    const list = await w.as.admin.get('/api/open311/clients');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key);
    expect(list.json().items.find((x: { id: number }) => x.id === c.id)).toMatchObject({ keyHint: c.keyHint, active: true });

    // A hazard report and a help request filed with it: each audit entry names the client.
    const hz = (await fileWith(key)).json()[0].service_request_id as string;
    const hl = (await fileWith(key, { form: { service_code: 'help.policy', phone: '13655550001' } })).json()[0].service_request_id as string;
    const auditOf = async (type: string, id: string) => JSON.parse((await db.selectFrom('audit_log').select('after_json').where('entity_type', '=', type).where('entity_id', '=', id.slice(3)).executeTakeFirstOrThrow()).after_json!);
    expect(await auditOf('hazard', hz)).toMatchObject({ source: 'open311', open311Client: { id: c.id, name: '县 12345 热线' } });
    expect(await auditOf('help_request', hl)).toMatchObject({ source: 'open311', open311Client: { id: c.id, name: '县 12345 热线' } });
    expect((await w.as.admin.get('/api/open311/clients')).json().items.find((x: { id: number }) => x.id === c.id).lastUsedAt).toMatch(W3C);

    // One name per client in use; the form's fields are checked with messages in the user's language.
    const twice = await w.as.admin.post('/api/open311/clients', { name: '县 12345 热线', contact: '另一个人' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'georeport.client_name_taken', message: '已有名为“县 12345 热线”的在用客户端' });
    const noContact = await w.as.admin.post('/api/open311/clients', { name: '无联系人' });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.details).toEqual([{ field: 'contact', code: 'georeport.client_contact_required', message: '请填写联系人或联系方式' }]);

    // Revoked: its key files nothing more, revoking again is a conflict, the name is free again.
    const revoked = await w.as.admin.post(`/api/open311/clients/${c.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: c.id, active: false, revokedAt: expect.stringMatching(W3C), revokedBy: w.users.admin.username });
    const before = await hazardCount();
    const refused = await fileWith(key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([{ code: 403, description: 'api_key 无效或已停用，请求未提交' }]);
    expect(await hazardCount()).toBe(before);
    const again = await w.as.admin.post(`/api/open311/clients/${c.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该客户端的密钥已停用');
    const audit = await db.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).where('entity_type', '=', 'open311_client').where('entity_id', '=', String(c.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['open311.client.create', 'open311.client.revoke']);
    expect(JSON.parse(audit[1].after_json!)).toMatchObject({ revokedAt: expect.stringMatching(W3C) });
    const successor = await w.as.admin.post('/api/open311/clients', { name: '县 12345 热线', contact: '热线办' });
    expect(successor.statusCode).toBe(201);
    expect(successor.json().apiKey).not.toBe(key);
    expect((await w.as.admin.post('/api/open311/clients/999999/revoke')).statusCode).toBe(404);
    // The list: clients in use first.
    const items = (await w.as.admin.get('/api/open311/clients')).json().items as Array<{ id: number; active: boolean }>;
    const states = items.map((x) => x.active);
    expect(states).toContain(false);
    expect(states).toEqual([...states].sort((a, b) => Number(b) - Number(a)));
  });

  it('only the system administrator manages clients: a county’s party affairs worker, who manages the county’s accounts, is refused', async () => {
    for (const [method, url, body] of [['GET', '/api/open311/clients', undefined], ['POST', '/api/open311/clients', { name: '越权客户端', contact: '某人' }], ['POST', `/api/open311/clients/${client.id}/revoke`, {}]] as const) {
      const res = await w.as.countyAdmin.request(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'georeport.admin_only', message: '只有系统管理员可以管理 Open311 客户端' });
    }
    expect((await w.as.secretaryA.get('/api/open311/clients')).statusCode).toBe(403);
    const still = (await w.as.admin.get('/api/open311/clients')).json().items.find((x: { id: number }) => x.id === client.id);
    expect(still.active).toBe(true);
  });

  // ——— jurisdiction ———

  it('jurisdiction_id lists the whole subtree of any unit — county, town, village, grid; an unknown code is the specification’s 404', async () => {
    const hzGrid = (await post('json', ours({ jurisdiction_id: 'C01A-G1', service_code: 'hazard.road_damage' }))).json()[0].service_request_id as string;
    const hzB = (await post('json', ours({ jurisdiction_id: 'C01B', service_code: 'hazard.road_damage', address_string: '西庄村口' }))).json()[0].service_request_id as string;
    const hlA = (await post('json', ours({ jurisdiction_id: 'C01A', service_code: 'help.farming', first_name: '大娘', last_name: '周', phone: '13655550002' }))).json()[0].service_request_id as string;
    const ids = async (code: string, format: 'json' | 'xml' = 'json') => {
      const res = await anon.get(`/open311/v2/requests.${format}?jurisdiction_id=${encodeURIComponent(code)}`);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
      return format === 'json'
        ? (res.json() as Array<{ service_request_id: string }>).map((r) => r.service_request_id)
        : parseXml(res.body).children.map((r) => r.children.find((f) => f.name === 'service_request_id')!.text);
    };
    for (const code of ['C', 'C01']) expect(await ids(code), code).toEqual(expect.arrayContaining([hzGrid, hzB, hlA]));
    const villageA = await ids('C01A');
    expect(villageA).toEqual(expect.arrayContaining([hzGrid, hlA]));
    expect(villageA).not.toContain(hzB);
    const grid = await ids('C01A-G1');
    expect(grid).toContain(hzGrid);
    expect(grid).not.toContain(hlA);
    expect(grid).not.toContain(hzB);
    const villageB = await ids('C01B', 'xml');
    expect(villageB).toContain(hzB);
    expect(villageB).not.toContain(hzGrid);
    expect(villageB).not.toContain(hlA);
    // A party branch is a unit too: nothing is filed there.
    expect(await ids('C01A1')).toEqual([]);
    // Combined with the other filters.
    expect(await anon.get('/open311/v2/requests.json?jurisdiction_id=C01&service_code=help.farming').then((r) => r.json().map((x: { service_request_id: string }) => x.service_request_id))).toEqual([hlA]);
    const unknown = await anon.get('/open311/v2/requests.json?jurisdiction_id=C09X');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: '未知的 jurisdiction_id“C09X”' }]);
    const unknownXml = await anon.get('/open311/v2/requests.xml?jurisdiction_id=C09X');
    expect(unknownXml.statusCode).toBe(404);
    expect(xmlShape(unknownXml.body)).toEqual(xmlShape(SPEC_ERRORS_XML));
  });

  // ——— personal data ———

  it('nothing personal leaves through the public answers: not the reporter’s name, phone or e-mail — not even where written into the text — nor the names of those who handled it', async () => {
    const db = env.deps.database.db;
    await db.updateTable('app_user').set({ display_name: '赵卫国' }).where('id', '=', gridWorker.id).execute();
    await db.updateTable('app_user').set({ display_name: '孙桂兰' }).where('id', '=', w.users.resident.id).execute();
    // A resident through a client, who writes her name and numbers into the description and place.
    const open311Report = (await post('json', ours({
      service_code: 'hazard.blocked_drain', first_name: '秀英', last_name: '王', phone: '13611113333', email: 'wang.xiuying@example.cn',
      description: '王秀英家门口的化粪池盖板坏了，有事打 136 1111 3333 或 0536-7654321', address_string: '东庄一组王秀英家门口',
    }))).json()[0].service_request_id as string;
    // The grid worker turns it down, naming himself, her and her number.
    const rejected = await worker.post(`/api/hazards/${open311Report.slice(3)}/reject`, { reason: '赵卫国已核实：王秀英（13611113333）反映的盖板属私人院内设施' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    // A resident with an account reports in the app, signing with her name.
    const inApp = await w.as.resident.post('/api/hazards', { unitId: w.units.villageA, category: 'fire_risk', place: '孙桂兰家柴房', description: '孙桂兰：柴房电线老化，电话 13900002222' });
    expect(inApp.statusCode, inApp.body).toBe(201);
    const appReport = `hz-${inApp.json().id}`;
    // A help request, with a name and a phone.
    const help = (await post('json', ours({ service_code: 'help.elderly_care', first_name: '桂芳', last_name: '刘', phone: '13677778888', description: '刘桂芳老人独居，电话 13677778888', address_string: '东庄三组刘桂芳家' }))).json()[0].service_request_id as string;

    const ids = [open311Report, appReport, help].join(',');
    const urls = [
      '/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/v2/requests.json?jurisdiction_id=C01A', '/open311/v2/requests.xml?jurisdiction_id=C', '/open311/v2/requests.json?status=closed',
      `/open311/v2/requests.json?service_request_id=${ids}`, `/open311/v2/requests.xml?service_request_id=${ids}`,
      ...[open311Report, appReport, help].flatMap((id) => [`/open311/v2/requests/${id}.json`, `/open311/v2/requests/${id}.xml`]),
    ];
    const bodies: string[] = [];
    for (const url of urls) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
    }
    const everything = bodies.join('\n');
    for (const id of [open311Report, appReport, help]) expect(everything, id).toContain(id);
    expect(everything).not.toMatch(/王秀英|秀英|赵卫国|卫国|孙桂兰|桂兰|刘桂芳|桂芳|xiuying|wang\.|136\s?1111\s?3333|13611113333|7654321|13900002222|13677778888|5555000/);

    // The text is still told, with the personal parts blanked.
    const [rejectedNow] = (await anon.get(`/open311/v2/requests/${open311Report}.json`)).json();
    expect(rejectedNow).toMatchObject({
      status: 'closed', description: '***家门口的化粪池盖板坏了，有事打 *** 或 ***', address: '东庄一组***家门口',
      status_notes: '不予受理：***已核实：***（***）反映的盖板属私人院内设施',
    });
    expect((await anon.get(`/open311/v2/requests/${appReport}.json`)).json()[0]).toMatchObject({ description: '***：柴房电线老化，电话 ***', address: '***家柴房' });
    // Only the public answers are blanked: the grid's staff see what was written.
    expect((await worker.get(`/api/hazards/${open311Report.slice(3)}`)).json().description).toBe('王秀英家门口的化粪池盖板坏了，有事打 136 1111 3333 或 0536-7654321');
  });
});
