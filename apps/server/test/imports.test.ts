import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '@xianfeng/domain';
import { DATABASES, login, PASSWORD, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';
import { csvWithRows, workbookWithRowsAsync } from './sheets.ts';

const HEADERS = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长'];
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

let seq = 301;
function id(birth: string, gender: 'male' | 'female') {
  seq += 2;
  return makeIdNumber('411221', birth, seq, gender);
}

describe.each(DATABASES)('roll import and export (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
  });
  afterAll(() => env?.close());

  it('accepts real-world mess: full-width digits, stray spaces, lowercase x, every date form and Excel dates', async () => {
    let withX = '';
    for (let s = 1; !withX.endsWith('X'); s += 2) withX = makeIdNumber('411221', '1975-06-30', s, 'male');
    const rows = [
      [' 刘 备 ', '男', '汉族', new Date(Date.UTC(1970, 0, 5)), id('1970-01-05', 'male'), '138 0013 8000', '1995.07.01', '正式党员', 'C01A1', '大学本科', '电工、驾驶'],
      ['关羽', '男', '回族', '1975年6月30日', withX.toLowerCase(), '', '2000-7-1', '正式', 'C01A1', '大专', ''],
      ['貂蝉', '女', '汉族', '1988/03/12', toFullWidth(id('1988-03-12', 'female')), toFullWidth('13900001111'), '20100701', '预备党员', '东庄村党支部', '', '矛盾调解,电工'],
    ];
    const file = await workbookWithRowsAsync(HEADERS, rows);
    const dry = await w.as.secretaryA.upload('/api/imports/members?dryRun=1', 'roll.xlsx', file);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, total: 3, imported: 0, errors: [] });
    expect(dry.json().preview).toHaveLength(3);
    const before = (await w.as.secretaryA.get('/api/members?pageSize=100')).json().total;
    expect((await w.as.secretaryA.get('/api/members?pageSize=100')).json().total).toBe(before);
    const real = await w.as.secretaryA.upload('/api/imports/members', 'roll.xlsx', file);
    expect(real.json()).toMatchObject({ ok: true, imported: 3 });
    const list = (await w.as.secretaryA.get('/api/members?pageSize=100')).json();
    expect(list.total).toBe(before + 3);
    const liu = list.items.find((m: { name: string }) => m.name === '刘备');
    expect(liu).toMatchObject({ birthDate: '1970-01-05', joinDate: '1995-07-01', mobile: '138****8000', specialties: ['电工', '驾驶'] });
  });

  it('reports every wrong row with its row number, column and a message, and imports nothing', async () => {
    const dup = id('1980-02-02', 'female');
    const rows = [
      ['甲', '女', '汉族', '1980-02-02', dup, '', '2005-01-01', '正式党员', 'C01A1', '', ''],
      ['乙', '女', '汉族', '1980-02-02', dup, '', '2005-01-01', '正式党员', 'C01A1', '', ''],
      ['丙', '男', '汉族', '1980-02-30', id('1981-01-01', 'male'), '', '2005-01-01', '正式党员', 'C01A1', '', ''],
      ['丁', '男', '汉族', '1990-01-01', id('1990-01-01', 'male'), '12345', '2005-01-01', '正式党员', 'C01A1', '', ''],
      ['', '男', '汉族', '1990-01-01', id('1990-01-01', 'male'), '', '2010-01-01', '正式党员', '火星支部', '', ''],
      ['戊', '男', '汉族', '1970-01-01', id('1970-01-01', 'male').slice(0, 17) + '0', '', '2000-01-01', '正式党员', 'C01A1', '', ''],
    ];
    const res = await w.as.secretaryA.upload('/api/imports/members', 'bad.csv', csvWithRows(HEADERS, rows));
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    const at = (row: number, column: string) => report.errors.filter((e: { row: number; column: string }) => e.row === row && e.column === column);
    expect(at(3, '身份证号')[0].message).toContain('2');
    expect(at(4, '出生日期')).toHaveLength(1);
    expect(at(5, '入党日期')).toHaveLength(1);
    expect(at(5, '手机号')).toHaveLength(1);
    expect(at(6, '姓名')).toHaveLength(1);
    expect(at(6, '所在支部')).toHaveLength(1);
    expect(at(7, '身份证号')).toHaveLength(1);
    for (const e of report.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const names = (await w.as.admin.get('/api/members?pageSize=100')).json().items.map((m: { name: string }) => m.name);
    expect(names).not.toContain('甲');
  });

  it('reports an ID number already in the registry', async () => {
    const existing = id('1966-06-06', 'male');
    const first = await w.as.admin.upload('/api/imports/members', 'a.csv', csvWithRows(HEADERS, [['孙一', '男', '汉族', '1966-06-06', existing, '', '1990-01-01', '正式党员', 'C01A1', '', '']]));
    expect(first.json().ok).toBe(true);
    const second = await w.as.admin.upload('/api/imports/members', 'b.csv', csvWithRows(HEADERS, [['孙二', '男', '汉族', '1966-06-06', existing, '', '1990-01-01', '正式党员', 'C01B1', '', '']]));
    expect(second.json().errors).toEqual([expect.objectContaining({ row: 2, column: '身份证号' })]);
  });

  it('treats a unit of the neighbouring village as unknown', async () => {
    const res = await w.as.secretaryA.upload('/api/imports/members?dryRun=1', 'x.csv', csvWithRows(HEADERS, [['周七', '男', '汉族', '1980-01-01', id('1980-01-01', 'male'), '', '2005-01-01', '正式党员', 'C01B1', '', '']]));
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 2, column: '所在支部' })]);
  });

  it('names a missing header', async () => {
    const res = await w.as.admin.upload('/api/imports/members', 'x.csv', csvWithRows(['姓名', '性别'], [['甲', '男']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('身份证号');
  });

  it('reads a GBK-encoded CSV as saved by Chinese Excel', async () => {
    // Only the header and ASCII/CJK text in GB18030: build it by hand for two headers we can encode.
    const res = await w.as.admin.upload('/api/imports/members', 'x.csv', Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0xcd, 0xf5, 0x0d, 0x0a])); // 姓名 / 王
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('性别');
  });

  it('imports units with Chinese type names, parents before children, and refuses unknown parents', async () => {
    const ok = await w.as.countyAdmin.upload('/api/imports/units', 'u.csv', csvWithRows(['组织编码', '组织名称', '组织类型', '上级组织编码'], [
      ['C01C1', '南庄村党支部', '党支部', 'C01C'],
      ['C01C', '南庄村', '村', 'C01'],
      ['C01C1G', '南庄村第一党小组', '党小组', 'C01C1'],
    ]));
    expect(ok.json()).toMatchObject({ ok: true, imported: 3 });
    const tree = await w.as.countyAdmin.get('/api/units?q=南庄');
    expect(tree.json().map((u: { code: string }) => u.code).sort()).toEqual(['C01C', 'C01C1', 'C01C1G']);
    const bad = await w.as.countyAdmin.upload('/api/imports/units', 'u.csv', csvWithRows(['组织编码', '组织名称', '组织类型', '上级组织编码'], [
      ['C01D', '北庄村', '村', 'NOPE'],
      ['C01E', '', '外星', 'C01'],
      ['C01A', '重复', '村', 'C01'],
    ]));
    const errs = bad.json().errors;
    expect(errs).toContainEqual(expect.objectContaining({ row: 2, column: '上级组织编码' }));
    expect(errs).toContainEqual(expect.objectContaining({ row: 3, column: '组织名称' }));
    expect(errs).toContainEqual(expect.objectContaining({ row: 3, column: '组织类型' }));
    expect(errs).toContainEqual(expect.objectContaining({ row: 4, column: '组织编码' }));
  });

  it('exports the filtered list as .xlsx, masked for a secretary and in full for an administrator who asks', async () => {
    const masked = await w.as.secretaryA.get(`/api/members/export?unitId=${w.units.villageA}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toContain('身份证号');
    const ids = [];
    for (let r = 2; r <= ws.rowCount; r++) ids.push(String(ws.getRow(r).getCell(5).value));
    expect(ids.length).toBeGreaterThan(0);
    for (const v of ids) expect(v).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect((await w.as.secretaryA.get(`/api/members/export?unitId=${w.units.villageA}&unmasked=1`)).statusCode).toBe(403);
    const full = await w.as.countyAdmin.get(`/api/members/export?unitId=${w.units.villageA}&unmasked=1`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0].getRow(2).getCell(5).value)).toMatch(/^\d{17}[\dX]$/);
    const log = await w.as.admin.get('/api/audit?action=member.export_unmasked');
    expect(log.json().total).toBe(1);
  });

  it('offers a template with the expected headers', async () => {
    const res = await w.as.secretaryA.get('/api/imports/members/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
  });

  it('offers a unit template with the four headers', async () => {
    const res = await w.as.countyAdmin.get('/api/imports/units/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['组织编码', '组织名称', '组织类型', '上级组织编码']);
    expect((await w.as.secretaryA.get('/api/imports/units/template')).statusCode).toBe(403);
  });

  it('messages follow the language the user chose', async () => {
    const en = await login(env.app, w.users.secretaryA.username, PASSWORD, 'en');
    const res = await en.upload('/api/imports/members?dryRun=1', 'x.csv', csvWithRows(HEADERS, [['A', 'male', '汉族', '1980-01-01', '123', '', '2005-01-01', 'full', 'C01A1', '', '']]));
    const e = res.json().errors.find((x: { column: string }) => x.column === '身份证号');
    expect(e.message).toMatch(/^[\x20-\x7e“”‘’]+$/);
  });
});
