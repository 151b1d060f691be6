// Importing households from Excel or CSV, through the API on both databases: a dry run reports
// every wrong row in the user's language and writes nothing; a good file is written all at once,
// phones encrypted and masked, people to move first with the reason they are recorded, an audit
// entry per household; a grid of the neighbouring village is unknown to the importer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { HOUSEHOLD_IMPORT_HEADERS } from '@xianfeng/domain';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';
import { csvWithRows, workbookWithRowsAsync } from './sheets.ts';

const HEADERS = [...HOUSEHOLD_IMPORT_HEADERS];

describe.each(DATABASES)('household import (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let gridA1: number;
  let gridB1: number;
  let worker: Client;
  const db = () => env.deps.database.db;
  const count = async (table: 'household' | 'vulnerable_person') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const f = factories(env);
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    await f.unit('C01A-G2', 'grid', w.units.villageA, '东庄二网格');
    gridB1 = await f.unit('C01B-G1', 'grid', w.units.villageB, '西庄一网格');
    worker = await login(env.app, (await f.user('grid_worker', gridA1)).username);
  });
  afterAll(() => env?.close());

  it('serves a template with the Chinese headers', async () => {
    const res = await worker.get('/api/imports/households/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect((await w.as.resident.get('/api/imports/households/template')).statusCode).toBe(403);
  });

  it('a dry run lists every wrong row in the user’s language and writes nothing', async () => {
    const before = await count('household');
    const file = csvWithRows(HEADERS, [
      ['C01A-G1', '东庄一组 1 号', '王大爷', '13800138000', '2', '王大爷', '独居老人', ''],
      ['C01B-G1', '西庄一组 1 号', '李四', '', '1'],
      ['C01A1', '东庄党支部旁', '赵六', '', '1'],
      ['C01A-G1', '东庄一组 2 号', '钱七', '123', '1'],
    ]);
    const res = await worker.upload('/api/imports/households?dryRun=1', 'households.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, dryRun: true, total: 4, imported: 0 });
    expect(res.json().errors).toEqual([
      { row: 2, column: '登记理由', message: '登记需优先转移人员时须说明理由' },
      // The neighbouring village's grid is unknown here, not "forbidden": it is never revealed.
      { row: 3, column: '所在网格', message: '找不到组织“C01B-G1”' },
      { row: 4, column: '所在网格', message: '找不到组织“C01A1”' },
      { row: 5, column: '联系电话', message: '手机号格式不正确，应为 11 位手机号码' },
    ]);
    // The grid worker keeps households of their own grid only; a branch is no place for them.
    const secretary = await w.as.secretaryA.upload('/api/imports/households?dryRun=1', 'h.csv', csvWithRows(HEADERS, [['C01A1', '东庄党支部旁', '赵六']]));
    expect(secretary.json().errors).toEqual([{ row: 2, column: '所在网格', message: '“C01A1”不是网格、村或社区，住户须登记在网格、村或社区下' }]);
    const en = await login(env.app, w.users.secretaryA.username, undefined, 'en');
    const english = await en.upload('/api/imports/households?dryRun=1', 'h.csv', csvWithRows(HEADERS, [['C01A-G1', '东庄一组 3 号', '孙八', '', '0']]));
    expect(english.json().errors).toEqual([{ row: 2, column: '人数', message: 'The number of people must be a whole number from 1 to 99.' }]);
    expect(await count('household')).toBe(before);
  });

  it('a file with one wrong row writes nothing even without dryRun', async () => {
    const before = await count('household');
    const res = await worker.upload('/api/imports/households', 'h.csv', csvWithRows(HEADERS, [['C01A-G1', '东庄一组 4 号', '周九'], ['C01A-G1', '东', '吴十']]));
    expect(res.json()).toMatchObject({ ok: false, dryRun: false, imported: 0 });
    expect(await count('household')).toBe(before);
  });

  it('imports a good Excel file at once: phones encrypted and masked, people to move first with their reason, audited', async () => {
    const before = { households: await count('household'), people: await count('vulnerable_person') };
    const file = await workbookWithRowsAsync(HEADERS, [
      ['C01A-G1', '东庄一组 5 号', '郑大娘', '139 0000 1111', 3, '郑大娘、郑小宝', '独居老人', '子女在外务工'],
      ['东庄二网格', '东庄二组 1 号', '冯叔', '', '', '', '', ''],
      ['C01A', '东庄村村部东侧', '陈伯', '13700001234', 1, '陈伯', '重病卧床', '长期卧床'],
    ]);
    const dry = await w.as.secretaryA.upload('/api/imports/households?dryRun=1', 'households.xlsx', file);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, total: 3, imported: 0, errors: [] });
    expect(dry.json().preview[0]).toMatchObject({ row: 2, unit: '东庄一网格', phone: '139****1111', people: 3, vulnerable: '郑大娘（独居老人）、郑小宝（独居老人）' });
    expect(await count('household')).toBe(before.households);

    const res = await w.as.secretaryA.upload('/api/imports/households', 'households.xlsx', file);
    expect(res.json()).toMatchObject({ ok: true, dryRun: false, total: 3, imported: 3 });
    expect(await count('household')).toBe(before.households + 3);
    expect(await count('vulnerable_person')).toBe(before.people + 3);

    const row = await db().selectFrom('household').selectAll().where('address', '=', '东庄一组 5 号').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_id: gridA1, head_name: '郑大娘', people: 3, phone_masked: '139****1111' });
    expect(row.phone_enc).not.toContain('13900001111');
    expect(env.deps.cipher.decrypt(row.phone_enc!)).toBe('13900001111');
    const list = (await worker.get(`/api/households?unitId=${gridA1}`)).json();
    const imported = list.items.find((h: { id: number }) => h.id === row.id);
    expect(imported.vulnerable.map((p: { name: string; category: string; reason: string }) => [p.name, p.category, p.reason])).toEqual([['郑大娘', 'elderly_alone', '子女在外务工'], ['郑小宝', 'elderly_alone', '子女在外务工']]);
    const audits = await db().selectFrom('audit_log').selectAll().where('action', '=', 'households.import').execute();
    expect(audits).toHaveLength(3);
    for (const a of audits) expect(a.after_json).not.toMatch(/1390000111|13700001234/);
  });

  it('nobody without household.write imports, and the neighbouring village cannot place households in village A', async () => {
    const file = csvWithRows(HEADERS, [['C01A-G1', '东庄一组 9 号', '越权']]);
    expect((await w.as.resident.upload('/api/imports/households', 'h.csv', file)).statusCode).toBe(403);
    expect((await w.as.memberA.upload('/api/imports/households', 'h.csv', file)).statusCode).toBe(403);
    const b = await w.as.secretaryB.upload('/api/imports/households', 'h.csv', file);
    expect(b.json()).toMatchObject({ ok: false, imported: 0 });
    const mine = await w.as.secretaryB.upload('/api/imports/households', 'h.csv', csvWithRows(HEADERS, [['C01B-G1', '西庄一组 9 号', '西庄人']]));
    expect(mine.json()).toMatchObject({ ok: true, imported: 1 });
    const row = await db().selectFrom('household').select('unit_id').where('address', '=', '西庄一组 9 号').executeTakeFirstOrThrow();
    expect(row.unit_id).toBe(gridB1);
  });

  it('refuses a file without the required headers, naming them', async () => {
    const res = await worker.upload('/api/imports/households', 'h.csv', csvWithRows(['地址', '户主'], [['东庄一组 10 号', '某']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'error.import_header_missing', message: '缺少表头“所在网格”' });
  });
});
