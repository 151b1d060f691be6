// `xianfeng`: the command-line face of the server, for administrators of a county installation.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { isPeriod, ROLES, type Role } from '@xianfeng/domain';
import { loadConfig } from '../config.ts';
import { createDeps } from '../deps.ts';
import { buildApp } from '../app.ts';
import { ensureAdmin } from '../modules/bootstrap/admin.ts';
import type { Deps, RequestCtx } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { message } from '@xianfeng/domain';
import { importMembers, importUnits, exportMembers } from '../modules/rolls/service.ts';
import { createUser, resetPassword } from '../modules/users/service.ts';
import { findUserByLogin } from '../modules/auth/service.ts';
import { generateDemo } from '../modules/demo/generate.ts';
import { verify } from '../modules/points/ledger.ts';
import { writePreviewWorkbook } from '../modules/stars/preview.ts';
import { startWorker } from '../worker.ts';
import { exportMessage, importCap } from '../modules/warnings/cap-exchange.ts';
import { registerClient } from '../modules/open311/clients.ts';
import { newClientArgs } from '../modules/open311/schemas.ts';
import { parseInput } from '../core/http.ts';

const HELP = `先锋 Xianfeng — 命令行 / command line

  xianfeng serve                          start the web app and API (PORT, DATABASE_URL, …)
  xianfeng migrate                        bring the database schema up to date
  xianfeng demo [--scale county|city]     fill an empty database with a demo county and print logins
  xianfeng user create --role ROLE --unit CODE (--phone P | --username U) [--name N] [--password PW]
  xianfeng user reset-password --login LOGIN
  xianfeng import units FILE [--dry-run] [--json]
  xianfeng import members FILE [--dry-run] [--json]
  xianfeng export members --unit CODE --out FILE [--unmasked]
  xianfeng backup OUT                     consistent copy of the (running) SQLite database and its key
  xianfeng verify points [--json]         recompute every points figure from the ledger; exit 1 on any drift
  xianfeng stars preview --unit CODE --period 2026 --out FILE.xlsx
                                          the stars every member of a subtree would get now, as .xlsx
  xianfeng cap import FILE [--unit CODE] [--json]
                                          import a CAP 1.2 alert as a warning; prints its id
  xianfeng cap export WARNING_ID [--message ID]
                                          print a warning's (latest) CAP 1.2 message as XML
  xianfeng open311 key --name NAME [--contact C] [--note N]
                                          register an Open311 client application; prints its API key (once)
`;

/** The command line acts as a system administrator; its audit entries name it. */
function cliCtx(deps: Deps): RequestCtx {
  return {
    deps,
    locale: process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN',
    ip: null,
    auth: { userId: 0, displayName: '命令行 (CLI)', memberId: null, grants: [{ role: 'admin', unitId: null }], sessionId: 'cli', csrfToken: '', mustChangePassword: false },
  };
}

async function unitIdByCode(deps: Deps, code: string) {
  const unit = await deps.database.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst();
  if (!unit) throw new Error(`unknown unit code: ${code}`);
  return unit.id;
}

/** Imports without --unit are issued in the name of the installation's first top-level unit. */
async function firstRootUnit(deps: Deps) {
  const root = await deps.database.db.selectFrom('unit').select('id').where('parent_id', 'is', null).where('archived_at', 'is', null).orderBy('id').limit(1).executeTakeFirst();
  if (!root) throw new Error('no unit yet: import or create the organization tree first');
  return root.id;
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      unit: { type: 'string' },
      out: { type: 'string' },
      role: { type: 'string' },
      phone: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      login: { type: 'string' },
      unmasked: { type: 'boolean' },
      scale: { type: 'string' },
      period: { type: 'string' },
      message: { type: 'string' },
      contact: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();

  if (command === 'backup') {
    const out = sub;
    if (!out) throw new Error('usage: xianfeng backup OUT');
    if (/^postgres/.test(config.databaseUrl)) throw new Error('backup copies SQLite databases; for PostgreSQL use pg_dump');
    // better-sqlite3's online backup copies a consistent snapshot while the server keeps writing.
    const source = new Database(config.databaseUrl, { readonly: true, fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
    if (fs.existsSync(config.keyFile)) fs.copyFileSync(config.keyFile, `${out}.key`);
    console.log(`backup written to ${path.resolve(out)} (encryption key: ${path.resolve(out)}.key — keep both together)`);
    return 0;
  }

  const deps = await createDeps(config);
  try {
    const ctx = cliCtx(deps);
    switch (command) {
      case 'serve': {
        const admin = await ensureAdmin(deps, config.adminPassword);
        if (admin.created && admin.password) {
          console.log(`\n  首次启动：已创建管理员账号 admin，初始密码 ${admin.password}（只显示这一次，请登录后修改）\n  First start: administrator "admin" created, password ${admin.password} (shown once)\n`);
        }
        const app = await buildApp(deps, { webDist: config.webDist });
        // A thousand residents opening connections in the same instant overflow Node's default queue
        // of 511 pending connections, and a connection dropped there is retried a second later.
        await app.listen({ port: config.port, host: config.host, backlog: 4096 });
        // Always printed, whatever the log level: people starting it need the address, and the
        // tests start servers on port 0 and read the port the system chose from this line.
        const { port } = app.server.address() as AddressInfo;
        console.log(`先锋 listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);
        // Resumes any fan-out a previous process left half-way, then runs timers as they fall due.
        const worker = startWorker(deps);
        const stop = async () => {
          await worker.stop();
          await app.close();
          await deps.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return null;
      }
      case 'migrate':
        console.log('database is up to date');
        return 0;
      case 'demo': {
        await ensureAdmin(deps, config.adminPassword);
        const result = await generateDemo(deps, { scale: values.scale === 'city' ? 'city' : 'county', log: (m) => console.log(m) });
        console.log('\n演示账号 / demo logins (密码 password):');
        for (const l of result.logins) console.log(`  ${l.role.padEnd(11)} ${l.login.padEnd(16)} ${l.password}   ${l.unit}`);
        if (result.open311) console.log(`\nOpen311 客户端 / client「${result.open311.client.name}」api_key: ${result.open311.apiKey}`);
        return 0;
      }
      case 'user': {
        if (sub === 'create') {
          const role = values.role as Role;
          if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
          const unitId = role === 'admin' && !values.unit ? null : await unitIdByCode(deps, values.unit ?? '');
          const result = await createUser(ctx, { role, unitId, phone: values.phone, username: values.username, displayName: values.name ?? values.username ?? values.phone ?? '', password: values.password });
          console.log(`user ${result.user.id} created${result.initialPassword ? `; initial password: ${result.initialPassword}` : ''}`);
          return 0;
        }
        if (sub === 'reset-password') {
          const user = values.login ? await findUserByLogin(deps, values.login) : undefined;
          if (!user) throw new Error('unknown --login');
          const { temporaryPassword } = await resetPassword(ctx, user.id);
          console.log(`temporary password: ${temporaryPassword}`);
          return 0;
        }
        break;
      }
      case 'import': {
        if ((sub === 'units' || sub === 'members') && arg) {
          const file = { buffer: fs.readFileSync(arg), filename: path.basename(arg) };
          const run = sub === 'units' ? importUnits : importMembers;
          const report = await run(ctx, file, { dryRun: !!values['dry-run'] });
          if (values.json) {
            console.log(JSON.stringify({ ok: report.ok, imported: report.imported, errors: report.errors }));
          } else {
            for (const e of report.errors) console.log(`第 ${e.row} 行 [${e.column}] ${e.message}`);
            console.log(report.ok ? (report.dryRun ? `检查通过：${report.total} 行，未写入（--dry-run）` : `已导入 ${report.imported} 条`) : `${report.errors.length} 处错误，未导入任何数据`);
          }
          return report.ok ? 0 : 1;
        }
        break;
      }
      case 'verify': {
        if (sub === 'points') {
          const started = Date.now();
          const report = await verify(deps.database.db, values.json ? undefined : (done, total) => process.stderr.write(`\r${Math.round((done / total) * 100)}%`));
          if (values.json) {
            console.log(JSON.stringify({ ok: report.drifts.length === 0, entries: report.entries, drifts: report.drifts }));
          } else {
            process.stderr.write('\n');
            for (const d of report.drifts.slice(0, 50)) console.log(`党员 ${d.memberId} ${d.kind} ${d.key}: 存储 ${JSON.stringify(d.stored)} ≠ 台账 ${JSON.stringify(d.fromLedger)}`);
            console.log(report.drifts.length === 0
              ? `积分核对无误：${report.entries} 条台账记录，所有积分与余额均与台账一致（${((Date.now() - started) / 1000).toFixed(1)} 秒）`
              : `发现 ${report.drifts.length} 处不一致 / ${report.drifts.length} figures differ from the ledger`);
          }
          return report.drifts.length === 0 ? 0 : 1;
        }
        break;
      }
      case 'stars': {
        if (sub === 'preview' && values.unit && values.out && values.period && isPeriod(values.period)) {
          const unitId = await unitIdByCode(deps, values.unit);
          const started = Date.now();
          const out = fs.createWriteStream(values.out);
          const { total } = await writePreviewWorkbook(deps.database.db, unitId, values.period, out, (done, all) => process.stderr.write(`\r${done} / ${all}`));
          process.stderr.write('\n');
          console.log(`已写入 ${values.out}：${total} 名党员的星级预览（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
          return 0;
        }
        break;
      }
      case 'cap': {
        if (sub === 'import' && arg) {
          const unitId = values.unit ? await unitIdByCode(deps, values.unit) : await firstRootUnit(deps);
          const result = await importCap(ctx, fs.readFileSync(arg), { unitId });
          if (values.json) console.log(JSON.stringify({ ok: true, ...result }));
          else {
            console.log(result.warningId);
            if (result.unmatchedAreas.length) console.error(`未匹配到组织的区域 / areas without a unit: ${result.unmatchedAreas.join('、')}`);
          }
          return 0;
        }
        if (sub === 'export' && arg && /^\d+$/.test(arg)) {
          const m = await exportMessage(ctx, Number(arg), values.message ? Number(values.message) : undefined);
          process.stdout.write(m.xml);
          return 0;
        }
        break;
      }
      case 'open311': {
        if (sub === 'key' && values.name !== undefined) {
          const input = parseInput(newClientArgs, { name: values.name, contact: values.contact, note: values.note }, ctx.locale);
          const { client, apiKey } = await registerClient(ctx, input);
          console.error(`Open311 客户端 ${client.id}「${client.name}」已登记；密钥只显示这一次，请交给客户端开发方 / client registered; the key is shown this once:`);
          // The key alone on standard output, so a script can capture it.
          console.log(apiKey);
          return 0;
        }
        break;
      }
      case 'export': {
        if (sub === 'members' && values.out) {
          const unitId = values.unit ? await unitIdByCode(deps, values.unit) : undefined;
          const buf = await exportMembers(ctx, { unitId, unmasked: !!values.unmasked });
          fs.writeFileSync(values.out, buf);
          console.log(`written ${values.out}`);
          return 0;
        }
        break;
      }
    }
    process.stderr.write(HELP);
    return 2;
  } finally {
    if (command !== 'serve') await deps.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err) => {
    if (err instanceof AppError) {
      const details = Array.isArray(err.details) ? err.details.map((d) => d.message ?? d.field).join('; ') : '';
      console.error(`${message(err.code, 'zh-CN', err.params)}${details ? ` (${details})` : ''}`);
      if (process.argv.includes('--json')) console.log(JSON.stringify({ ok: false, imported: 0, errors: [{ row: 0, column: '', message: message(err.code, 'zh-CN', err.params) }] }));
    } else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
