// CAP 1.2 in and out through the API and the command line, on both databases: the four OASIS
// examples import and export back with the same identifier, sender, sent, status, msgType, scope,
// references, info blocks and areas; a warning issued here exports its Alert, Update, Cancel and
// each unit's Ack as CAP that the official schema accepts; geocodes find units; bad documents are
// refused naming the line and element, and nothing is written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseCap } from '../src/modules/cap/parse.ts';
import { parseReferences } from '../src/modules/cap/model.ts';
import { DATABASES, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const XSD = { fileName: 'CAP-v1.2.xsd', contents: readFileSync(new URL('../src/modules/cap/CAP-v1.2.xsd', import.meta.url), 'utf8') };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/cap/${name}`, import.meta.url), 'utf8');
const EXAMPLES = ['oasis-example1-hsas.xml', 'oasis-example2-thunderstorm.xml', 'oasis-example3-earthquake.xml', 'oasis-example4-amber-two-languages.xml'];

async function schemaErrors(xml: string) {
  const result = await validateXML({ xml: { fileName: 'alert.xml', contents: xml }, schema: XSD });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Posts an XML document as it is, the way a relay of the national system would. */
function postXml(c: Client, url: string, xml: string) {
  return c.request('POST', url, xml, { 'content-type': 'application/cap+xml' });
}

describe.each(DATABASES)('CAP 1.2 import and export (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const bad = await w.as.admin.patch(`/api/units/${w.units.villageA}`, { areaCode: '37078' });
    expect(bad.json().error.details[0]).toMatchObject({ field: 'areaCode', code: 'unit.area_code_format' });
    const set = await w.as.admin.patch(`/api/units/${w.units.villageA}`, { areaCode: '370783101201' });
    expect(set.json().areaCode).toBe('370783101201');
  });
  afterAll(async () => env?.close());

  for (const name of EXAMPLES) {
    it(`imports ${name} and exports the same alert`, async () => {
      const original = parseCap(fixture(name));
      const res = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, fixture(name));
      expect(res.statusCode, res.body).toBe(201);
      const { warningId, identifier, coveredIssuingSubtree } = res.json();
      expect(identifier).toBe(original.identifier);
      // None of the examples names a place of this county: the importing unit's subtree is covered.
      expect(coveredIssuingSubtree).toBe(true);
      const out = await w.as.countyAdmin.get(`/api/warnings/${warningId}/cap`);
      expect(out.statusCode).toBe(200);
      expect(out.headers['content-type']).toContain('application/cap+xml');
      expect(await schemaErrors(out.body)).toEqual([]);
      const back = parseCap(out.body);
      expect(back).toStrictEqual(original);
      expect(back.infos.map((i) => i.language)).toEqual(original.infos.map((i) => i.language));
    });
  }

  it('keeps an imported exercise apart and reads the level from the severity', async () => {
    const list = (await w.as.countyAdmin.get('/api/warnings?status=all')).json();
    const thunder = list.items.find((i: { headline: string }) => i.headline === 'SEVERE THUNDERSTORM WARNING');
    expect(thunder).toMatchObject({ level: 'orange', hazard: 'thunderstorm', exercise: false, status: 'expired' });
    // An alert of 2003 is a record: nobody is asked to acknowledge it.
    expect(thunder.units).toBe(0);
  });

  it('matches GB/T 2260 geocodes to units and fans the warning out to them', async () => {
    const xml = fixture('oasis-example2-thunderstorm.xml')
      .replace('KSTO1055887203', 'XF-GEOCODE-1')
      .replace(/<expires>[^<]*<\/expires>/, '<expires>2099-01-01T00:00:00+08:00</expires>')
      .replace(/<geocode>[\s\S]*?<\/geocode>/, '<geocode><valueName>GB/T 2260</valueName><value>370783101201</value></geocode>');
    const res = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, xml);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ matchedUnits: 1, coveredIssuingSubtree: false });
    const detail = (await w.as.secretaryA.get(`/api/warnings/${res.json().warningId}`)).json();
    expect(detail.areas.map((a: { name: string }) => a.name)).toEqual(['东庄村']);
    expect(detail.myUnits).toEqual([expect.objectContaining({ unitId: w.units.villageA, acknowledgedAt: null })]);
    expect((await w.as.secretaryB.get(`/api/warnings/${res.json().warningId}`)).statusCode).toBe(404);
  });

  it('applies an imported Update and Cancel to the warning they reference', async () => {
    const alert = fixture('oasis-example2-thunderstorm.xml').replace('KSTO1055887203', 'XF-UPD-1').replace(/<expires>[^<]*<\/expires>/, '<expires>2099-01-01T00:00:00+08:00</expires>');
    const first = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, alert);
    expect(first.statusCode, first.body).toBe(201);
    const sent = parseCap(alert).sent;
    const update = alert
      .replace('<identifier>XF-UPD-1</identifier>', '<identifier>XF-UPD-2</identifier>')
      .replace('<msgType>Alert</msgType>', `<msgType>Update</msgType>`)
      .replace('<scope>Public</scope>', `<scope>Public</scope>\n  <references>KSTO@NWS.NOAA.GOV,XF-UPD-1,${sent}</references>`)
      .replace('<severity>Severe</severity>', '<severity>Extreme</severity>');
    const up = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, update);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().warningId).toBe(first.json().warningId);
    const detail = (await w.as.countyAdmin.get(`/api/warnings/${first.json().warningId}`)).json();
    expect(detail).toMatchObject({ level: 'red', version: 2 });
    expect(detail.messages.map((m: { identifier: string }) => m.identifier)).toEqual(['XF-UPD-1', 'XF-UPD-2']);
    const cancel = update.replace('XF-UPD-2', 'XF-UPD-3').replace('<msgType>Update</msgType>', '<msgType>Cancel</msgType>');
    expect((await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, cancel)).statusCode).toBe(201);
    expect((await w.as.countyAdmin.get(`/api/warnings/${first.json().warningId}`)).json().status).toBe('cancelled');
  });

  it('exports a warning issued here as Alert, Update, Cancel and Ack that the schema accepts', async () => {
    const issued = await w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'typhoon', level: 'orange', description: '台风“海葵”逼近，请做好防御准备。', instruction: '加固门窗，转移低洼地带群众。', areaUnitIds: [w.units.villageA] });
    expect(issued.statusCode, issued.body).toBe(201);
    const id = issued.json().id;
    expect((await w.as.secretaryA.post(`/api/warnings/${id}/units/${w.units.villageA}/ack`)).statusCode).toBe(200);
    const ack = await w.as.secretaryA.get(`/api/warnings/${id}/units/${w.units.villageA}/ack/cap`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(await schemaErrors(ack.body)).toEqual([]);
    const ackDoc = parseCap(ack.body);
    expect((await w.as.secretaryA.get(`/api/warnings/${id}/units/${w.units.villageB}/ack/cap`)).statusCode).toBe(404);
    expect((await w.as.countyAdmin.post(`/api/warnings/${id}/update`, { version: 1, level: 'red' })).statusCode).toBe(200);
    // A raised level is acknowledged anew: until then there is no Ack to export.
    expect((await w.as.secretaryA.get(`/api/warnings/${id}/units/${w.units.villageA}/ack/cap`)).statusCode).toBe(404);
    expect((await w.as.countyAdmin.post(`/api/warnings/${id}/cancel`, { version: 2, reason: '台风已减弱为热带风暴' })).statusCode).toBe(200);
    const messages = (await w.as.countyAdmin.get(`/api/warnings/${id}`)).json().messages as Array<{ id: number; msgType: string }>;
    expect(messages.map((m) => m.msgType)).toEqual(['Alert', 'Update', 'Cancel']);
    const docs = [];
    for (const m of messages) {
      const res = await w.as.countyAdmin.get(`/api/warnings/${id}/messages/${m.id}/cap`);
      expect(await schemaErrors(res.body), res.body).toEqual([]);
      docs.push(parseCap(res.body));
    }
    const [alert, update, cancel] = docs;
    expect(alert).toMatchObject({ status: 'Actual', msgType: 'Alert', scope: 'Public' });
    expect(alert!.infos[0]).toMatchObject({ language: 'zh-CN', event: '台风橙色预警', severity: 'Severe', areas: [{ areaDesc: '东庄村', geocodes: [{ valueName: 'GB/T 2260', value: '370783101201' }] }] });
    expect(alert!.sent).toMatch(/\+08:00$/);
    expect(update!.infos[0]!.severity).toBe('Extreme');
    expect(parseReferences(update!.references).map((r) => r.identifier)).toEqual([alert!.identifier]);
    expect(parseReferences(cancel!.references).map((r) => r.identifier)).toEqual([alert!.identifier, update!.identifier]);
    expect(ackDoc).toMatchObject({ msgType: 'Ack', references: `${alert!.sender},${alert!.identifier},${alert!.sent}`, infos: [] });
  });

  it('refuses hostile and broken documents naming the line and element; nothing is written', async () => {
    const before = await env.deps.database.db.selectFrom('warning').select('id').execute();
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>`;
    const refused = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, xxe);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('cap.doctype_forbidden');
    const truncated = fixture('oasis-example1-hsas.xml').slice(0, 600);
    const broken = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, truncated);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toMatch(/^第 \d+ 行（元素 \w+）附近 XML 格式错误/);
    const missing = fixture('oasis-example1-hsas.xml').replace(/<sender>[^<]*<\/sender>/, '');
    const noSender = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, missing);
    expect(noSender.json().error).toMatchObject({ code: 'cap.missing_element', details: { element: 'sender' } });
    const again = await postXml(w.as.countyAdmin, `/api/warnings/import-cap?unitId=${w.units.county}`, fixture('oasis-example1-hsas.xml'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('cap.duplicate');
    const upload = await w.as.countyAdmin.upload(`/api/warnings/import-cap?unitId=${w.units.county}`, 'a.xml', Buffer.from('not xml at all'));
    expect(upload.statusCode).toBe(400);
    expect(await env.deps.database.db.selectFrom('warning').select('id').execute()).toEqual(before);
  });

  it('refuses a neighbour importing for village A, and a resident', async () => {
    expect((await postXml(w.as.secretaryB, `/api/warnings/import-cap?unitId=${w.units.villageA}`, fixture('oasis-example1-hsas.xml'))).statusCode).toBe(404);
    expect((await postXml(w.as.resident, `/api/warnings/import-cap?unitId=${w.units.villageA}`, fixture('oasis-example1-hsas.xml'))).statusCode).toBe(403);
  });
});

describe('xianfeng cap import / export', () => {
  const bin = path.resolve(import.meta.dirname, '../bin/xianfeng.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-cap-'));
  const env = { ...process.env, DATABASE_URL: path.join(dir, 'x.db'), XIANFENG_ADMIN_PASSWORD: 'Admin2026cap', LOG_LEVEL: 'silent' };
  const xianfeng = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', cwd: dir });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a file, prints the id, exports it back; refuses a broken file with the reason', () => {
    fs.writeFileSync(path.join(dir, 'units.csv'), '组织编码,组织名称,组织类型,上级组织编码\nK,中共测试县委员会,县委,\n');
    expect(xianfeng('import', 'units', path.join(dir, 'units.csv')).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'quake.xml'), fixture('oasis-example3-earthquake.xml'));
    const imported = xianfeng('cap', 'import', path.join(dir, 'quake.xml'));
    expect(imported.code, imported.err).toBe(0);
    const id = imported.out.trim();
    expect(id).toMatch(/^\d+$/);
    const exported = xianfeng('cap', 'export', id);
    expect(exported.code, exported.err).toBe(0);
    expect(parseCap(exported.out)).toStrictEqual(parseCap(fixture('oasis-example3-earthquake.xml')));
    fs.writeFileSync(path.join(dir, 'bad.xml'), '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n<identifier>x</identifier>\n');
    const bad = xianfeng('cap', 'import', path.join(dir, 'bad.xml'), '--json');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('XML 格式错误');
  });
});
