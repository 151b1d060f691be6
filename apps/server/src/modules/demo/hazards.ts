// The demo village's hazard reports (隐患排查): hazards in every state of their lifecycle — just
// reported, assigned, fixed and awaiting verification, verified by a second person, reopened,
// rejected, one raised to an alarm, one filed by a resident through Open311 — some of them
// overdue; and a few households of the first grid imported from a spreadsheet. Written through the
// same services as the API, with the clock set to when each thing happened.
import type { HazardCategory } from '@xianfeng/domain';
import type { Auth, Deps, RequestCtx } from '../../core/context.ts';
import { act, reportHazard } from '../hazards/hazards.ts';
import { raiseToAlarm } from '../hazards/raise.ts';
import { hazardProvider } from '../open311/hazards-provider.ts';
import { markUsed } from '../open311/repo.ts';
import { importHouseholds } from '../rolls/households.ts';

export interface HazardDemoInput {
  villageId: number;
  /** The registered Open311 client the resident's report comes through. */
  open311Client: { id: number; name: string };
  log(m: string): void;
}

const HOUR = 3_600_000;

/** A CSV text as Excel writes it (RFC 4180 quoting), fed through the importer like an upload. */
function csvText(headers: string[], rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export async function generateHazardDemo(deps: Deps, input: HazardDemoInput) {
  const db = deps.database.db;
  const now = deps.now().getTime();
  const userOf = async (username: string) => db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  const grantsOf = async (userId: number) => (await db.selectFrom('role_grant').select(['role', 'unit_id']).where('user_id', '=', userId).execute()).map((g) => ({ role: g.role, unitId: g.unit_id }) as Auth['grants'][number]);
  const people = { resident: await userOf('resident'), member: await userOf('member'), grid: await userOf('grid'), secretary: await userOf('secretary') };
  if (!people.resident || !people.member || !people.grid || !people.secretary) {
    input.log('  hazards: skipped (the demo accounts are missing)');
    return;
  }
  const { resident, member, grid, secretary } = people as { [K in keyof typeof people]: NonNullable<(typeof people)[K]> };
  const as = async (who: { id: number; display_name: string }, hoursAgo: number): Promise<RequestCtx> => {
    const at = new Date(now - hoursAgo * HOUR);
    return { deps: { ...deps, now: () => at }, auth: { userId: who.id, displayName: who.display_name, memberId: null, grants: await grantsOf(who.id), sessionId: 'demo', csrfToken: '', mustChangePassword: false }, locale: 'zh-CN', ip: '127.0.0.1' };
  };
  const village = await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', '=', input.villageId).executeTakeFirstOrThrow();
  const gridUnit = await db.selectFrom('unit').select(['id', 'code', 'name']).where('parent_id', '=', input.villageId).where('kind', '=', 'grid').orderBy('id').executeTakeFirst();
  const where = gridUnit?.id ?? village.id;
  const report = async (who: typeof resident, hoursAgo: number, category: HazardCategory, place: string, description: string, coords?: [number, number]) =>
    (await reportHazard(await as(who, hoursAgo), { unitId: where, category, place, description, latitude: coords?.[0] ?? null, longitude: coords?.[1] ?? null })).id;
  const step = async (who: typeof resident, hoursAgo: number, id: number, action: 'assign' | 'fix' | 'verify' | 'reopen' | 'reject', note: string, assigneeId?: number) =>
    act(await as(who, hoursAgo), id, action, { note, ...(assigneeId ? { assign: { assigneeId, note } } : {}) });

  // Just reported, on time.
  await report(resident, 2, 'blocked_drain', '二组水塘边排水沟', '排水沟被落叶和垃圾堵住，下雨会漫到路上', [36.9172, 118.7441]);
  // Reported ten days ago and never triaged: overdue.
  await report(member, 240, 'fire_risk', '三组柴草堆', '柴草堆紧挨着厨房，电线从上面穿过');
  // Assigned to the member, on time.
  const a = await report(resident, 30, 'road_damage', '村东桥头', '桥面护栏松动，有一段已断开');
  await step(grid, 28, a, 'assign', '请本周内联系施工队加固', member.id);
  // Assigned to the grid worker five days ago, still not fixed: overdue.
  const b = await report(resident, 130, 'slope_crack', '三组后山', '后山坡出现一米多长的裂缝，雨后变宽', [36.9203, 118.7398]);
  await step(secretary, 126, b, 'assign', '先设警示带，联系国土所来看', grid.id);
  // Fixed by the member, awaiting verification.
  const c = await report(grid, 72, 'electrical', '一组 12 号门前', '电线杆上的线路老化，有火花');
  await step(grid, 70, c, 'assign', '请联系供电所', member.id);
  await step(member, 20, c, 'fix', '供电所已更换老化线路');
  // Fixed by the member, verified by the grid worker (a second person).
  const d = await report(resident, 400, 'blocked_drain', '村委会后排水渠', '排水渠淤泥堆积');
  await step(grid, 396, d, 'assign', '组织党员志愿者清淤', member.id);
  await step(member, 330, d, 'fix', '已组织 6 名党员清淤，疏通约 80 米');
  await step(grid, 320, d, 'verify', '现场查看，排水通畅');
  // Fixed by the grid worker, reopened by the secretary: the fix did not hold.
  const e = await report(member, 200, 'unsafe_building', '二组 9 号旧仓库', '旧仓库墙体开裂，屋顶有瓦片掉落');
  await step(secretary, 198, e, 'assign', '先拉警戒线，禁止进入', grid.id);
  await step(grid, 150, e, 'fix', '已拉警戒线并张贴警示');
  await step(secretary, 100, e, 'reopen', '警戒线已被风吹断，须加固并联系产权人');
  // Rejected: not a hazard.
  const f = await report(resident, 50, 'other', '村口广场', '广场上有人挖坑');
  await step(grid, 48, f, 'reject', '系路灯基础施工，已设围挡，非隐患');
  // A cracked slope that turned dangerous overnight: raised to the warning cascade.
  const g = await report(resident, 8, 'slope_crack', '一组后山', '后山裂缝一夜之间扩大，有小股泥水流出', [36.9188, 118.7412]);
  await raiseToAlarm(await as(grid, 7), g, '裂缝扩大，请求镇里派人研判');
  // A resident without an account, through the county's Open311 client.
  const viaOpen311 = await as(resident, 5);
  await hazardProvider.create(viaOpen311, {
    serviceCode: 'hazard.blocked_drain', jurisdiction: { id: where, name: gridUnit?.name ?? village.name }, lat: null, long: null, addressString: '一组公厕后',
    description: '化粪池盖板破损，小孩容易踩空', mediaUrl: null, name: '李女士', phone: '13912340000', email: null, client: input.open311Client,
  });
  await markUsed(db, input.open311Client.id, viaOpen311.deps.now().toISOString());

  // A few households of the first grid, imported as a secretary would from the grid's spreadsheet.
  const sheet = csvText(['所在网格', '地址', '户主', '联系电话', '人数', '优先转移人员', '人员类别', '登记理由'], [
    [gridUnit?.code ?? village.code, `${village.name}四组 2 号`, '郑卫东', '13812345601', '3', '', '', ''],
    [gridUnit?.code ?? village.code, `${village.name}四组 5 号`, '吴秀兰', '13812345602', '1', '吴秀兰', '独居老人', '85 岁独居，子女在外地'],
    [gridUnit?.code ?? village.code, `${village.name}四组 8 号`, '冯建军', '', '4', '冯小雨', '留守儿童', '父母在外务工'],
  ]);
  const imported = await importHouseholds(await as(secretary, 1), { buffer: Buffer.from(sheet, 'utf8'), filename: '四组住户.csv' }, { dryRun: false });
  input.log(`  hazards: 9 hazards in every state; ${imported.imported} households imported${imported.ok ? '' : ` (refused: ${imported.errors.map((x) => x.message).join('; ')})`}`);
}
