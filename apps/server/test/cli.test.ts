// The `xianfeng` command as an administrator uses it: a real process on a SQLite file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { makeIdNumber } from '@xianfeng/domain';
import { csvWithRows } from './sheets.ts';

const bin = path.resolve(import.meta.dirname, '../bin/xianfeng.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-cli-'));
const env = { ...process.env, DATABASE_URL: path.join(dir, 'x.db'), XIANFENG_ADMIN_PASSWORD: 'Admin2026cli', LOG_LEVEL: 'silent' };

function xianfeng(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const UNIT_HEADERS = ['组织编码', '组织名称', '组织类型', '上级组织编码'];
const MEMBER_HEADERS = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长'];

describe('xianfeng command line', () => {
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'units.csv'), csvWithRows(UNIT_HEADERS, [['K', '中共测试县委员会', '县委', ''], ['K01', '中共城关镇委员会', '乡镇党委', 'K'], ['K01A', '城关村党支部', '党支部', 'K01']]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates a new database and generates its key file beside it', () => {
    const r = xianfeng('migrate');
    expect(r.code, r.err).toBe(0);
    expect(fs.existsSync(path.join(dir, 'x.db.key'))).toBe(true);
  });

  it('imports units, then members with --dry-run and --json, and exits non-zero on a wrong file', () => {
    expect(xianfeng('import', 'units', path.join(dir, 'units.csv')).code).toBe(0);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, csvWithRows(MEMBER_HEADERS, [['王芳', '女', '汉族', '1985-03-12', makeIdNumber('370783', '1985-03-12', 12, 'female'), '13800138000', '2008-07-01', '正式党员', 'K01A', '大学本科', '电工']]));
    const dry = xianfeng('import', 'members', good, '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toEqual({ ok: true, imported: 0, errors: [] });
    const real = xianfeng('import', 'members', good, '--json');
    expect(JSON.parse(real.out)).toEqual({ ok: true, imported: 1, errors: [] });
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, csvWithRows(MEMBER_HEADERS, [['李四', '男', '汉族', '1985-03-12', '370783198503120000', '', '2008-07-01', '正式党员', 'K01A', '', '']]));
    const failed = xianfeng('import', 'members', bad, '--json');
    expect(failed.code).not.toBe(0);
    const report = JSON.parse(failed.out);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ row: 2, column: '身份证号' });
  });

  it('creates a user with a role on a unit, and resets a password', () => {
    const r = xianfeng('user', 'create', '--role', 'secretary', '--unit', 'K01A', '--phone', '13911112222', '--name', '张书记');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/initial password: \w{10}/);
    const reset = xianfeng('user', 'reset-password', '--login', '13911112222');
    expect(reset.out).toMatch(/temporary password: \w{10}/);
  });

  it('registers an Open311 client application and prints its key once, keeping only its hash', () => {
    const r = xianfeng('open311', 'key', '--name', '随手拍小程序', '--contact', '县融媒体中心 李工');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^xf311_[A-Za-z0-9_-]{32}\n$/);
    const key = r.out.trim();
    const db = new Database(path.join(dir, 'x.db'), { readonly: true });
    const row = db.prepare('select * from open311_client where name = ?').get('随手拍小程序') as Record<string, unknown>;
    const audit = db.prepare("select actor_name, after_json from audit_log where action = 'open311.client.create'").all() as Array<{ actor_name: string; after_json: string }>;
    db.close();
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(audit).toEqual([{ actor_name: '命令行 (CLI)', after_json: expect.stringContaining('随手拍小程序') }]);
    expect(audit[0].after_json).not.toContain(key);
    const twice = xianfeng('open311', 'key', '--name', '随手拍小程序');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('已有名为“随手拍小程序”的在用客户端');
    expect(xianfeng('open311', 'key').code).toBe(2);
  });

  it('exports members of a unit as .xlsx, masked', async () => {
    const out = path.join(dir, 'out.xlsx');
    expect(xianfeng('export', 'members', '--unit', 'K', '--out', out).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('王芳');
    expect(String(wb.worksheets[0].getRow(2).getCell(5).value)).toMatch(/^3707\*{10}\d{3}[\dX]$/);
  });

  it('backs up the database consistently, with its key', () => {
    const out = path.join(dir, 'backup.db');
    const r = xianfeng('backup', out);
    expect(r.code, r.err).toBe(0);
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('select count(*) as n from member').get()).toEqual({ n: 1 });
    copy.close();
    expect(fs.readFileSync(`${out}.key`, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'x.db.key'), 'utf8'));
  });

  it('fills an empty database with the demo county, and refuses a database that has data', () => {
    const demoEnv = { ...env, DATABASE_URL: path.join(dir, 'demo.db') };
    const r = spawnSync(process.execPath, [bin, 'demo'], { env: demoEnv, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('secretary2');
    expect(r.stdout).toMatch(/「随手拍小程序」api_key: xf311_[A-Za-z0-9_-]{32}/);
    const db = new Database(path.join(dir, 'demo.db'), { readonly: true });
    const units = (db.prepare('select count(*) as n from unit').get() as { n: number }).n;
    const members = (db.prepare('select count(*) as n from member').get() as { n: number }).n;
    db.close();
    expect(units).toBeGreaterThan(400);
    expect(members).toBeGreaterThan(8000);
    const again = spawnSync(process.execPath, [bin, 'demo'], { env: demoEnv, encoding: 'utf8' });
    expect(again.status).not.toBe(0);

    // The demo's points: a year of ledger, every figure consistent with it…
    const verified = spawnSync(process.execPath, [bin, 'verify', 'points', '--json'], { env: demoEnv, encoding: 'utf8' });
    expect(verified.status, verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThan(100_000);
    const points = new Database(path.join(dir, 'demo.db'));
    const count = (q: string) => (points.prepare(q).get() as { n: number }).n;
    expect(count("select count(*) as n from points_claim where status = 'pending'")).toBeGreaterThan(50);
    expect(count('select count(*) as n from shop_order')).toBeGreaterThan(100);
    expect(count('select count(*) as n from plaque_award')).toBeGreaterThan(50);
    // Campaigns: this year's five stars in notice with an open objection; last year's five stars and commendations closed.
    expect(count("select count(*) as n from campaign where status = 'notice'")).toBe(1);
    expect(count("select count(*) as n from objection where state = 'open'")).toBe(1);
    expect(count('select count(*) as n from member_star where star_count > 0')).toBeGreaterThan(5);
    expect(count("select count(*) as n from commendation where certificate_no like '____-___-___'")).toBeGreaterThan(5);
    expect(count("select count(*) as n from candidate c where not exists (select 1 from candidate_event e where e.candidate_id = c.id and e.to_state = c.state)")).toBe(0);
    // …until someone edits a figure behind the ledger's back.
    points.prepare('update points_balance set balance = balance + 5 where rowid = 1').run();
    points.close();
    const drift = spawnSync(process.execPath, [bin, 'verify', 'points'], { env: demoEnv, encoding: 'utf8' });
    expect(drift.status).toBe(1);
    expect(drift.stdout).toContain('不一致');
  }, 180_000);
});
