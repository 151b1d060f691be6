// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) on both databases: the samples of
// the specification — its POST request and its responses — are the yardstick. Our answers must
// carry the same fields in the same shapes, in JSON and in XML (well-formed: parsed back with
// saxes), errors as a list of { code, description }; a POST files an anonymous hazard report
// with its contact encrypted, limited per client address and phone; nothing public shows who
// reported anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { HAZARD_CATEGORIES, HELP_CATEGORIES } from '@xianfeng/domain';
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
  });
});

describe.each(DATABASES)('Open311 GeoReport v2 (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let grid: number;
  let gridWorker: { id: number; username: string };
  let worker: Client;
  let anon: Client;
  let ipSerial = 10;
  /** A fresh client address per test, so the per-address rate limit of one test does not leak into another. */
  const freshIp = () => `198.51.100.${ipSerial++}`;
  const post = (format: 'json' | 'xml', form: Record<string, string>, ip = freshIp()) =>
    env.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });
  let contactSerial = 1000;
  /**
   * The specification's sample POST, with our service code, village and a mainland mobile number;
   * each call a contact of its own, so the per-contact rate limit counts only where a test means it.
   */
  const ours = (overrides: Record<string, string> = {}): Record<string, string> => {
    const n = contactSerial++;
    return {
      ...Object.fromEntries(new URLSearchParams(SPEC_POST)),
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

  it('the specification’s own POST is refused in its error shape: unknown service, then a phone that is no mobile number', async () => {
    const raw = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: SPEC_POST, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() } });
    expect(raw.statusCode).toBe(404);
    expect(raw.json()).toEqual([{ code: 404, description: '未知的服务编码“001”' }]);
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

  it('floods are refused: five reports an hour from one address, and five from one phone whatever the address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await post('json', ours({ phone: `1380000${String(1000 + i)}` }), ip)).statusCode).toBe(201);
    const sixth = await post('json', ours({ phone: '13800009999' }), ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual([{ code: 429, description: '该电话或地址提交过于频繁，请 60 分钟后再试' }]);
    for (let i = 0; i < 5; i++) expect((await post('json', ours({ phone: '13700007777' }))).statusCode).toBe(201);
    const en = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams(ours({ phone: '137 0000 7777' })).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp(), 'accept-language': 'en' } });
    expect(en.statusCode).toBe(429);
    expect(en.json()[0].description).toBe('Too many reports from this phone or address. Please try again in 60 minutes.');
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
});
