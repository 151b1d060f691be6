// The demo county's warning cascade: GB/T 2260 area codes on the tree; grids with a grid worker,
// households and people to move first in the first village; two shelters; a duty officer in the
// first town; and last season's typhoon (“桦加沙”) from issue to cancel — acknowledgements,
// a reminder and an escalation, evacuation figures, a household check-off, an alarm and the
// outages of the recovery — written through the same services as the API where they exist, with
// the clock set to when each thing happened.
import { maskMobile } from '@xianfeng/domain';
import type { Auth, Db, Deps, RequestCtx } from '../../core/context.ts';
import { acknowledge } from '../warnings/ack.ts';
import { cancelWarning, issueWarning } from '../warnings/issue.ts';
import * as warningRepo from '../warnings/repo.ts';
import { runDueWork } from '../../worker.ts';
import { DEMO_SETTING } from '../warnings/drill.ts';
import type { rng } from './generate.ts';

type Rng = ReturnType<typeof rng>;

const HOUSEHOLDS: Array<[string, string, number, Array<[string, string, string]>]> = [
  ['一组 3 号', '王秀英', 1, [['王秀英', 'elderly_alone', '82 岁独居，行动不便']]],
  ['一组 7 号', '李建国', 4, [['李小宇', 'left_behind_child', '父母在外务工，随祖父生活']]],
  ['一组 12 号', '张桂兰', 2, [['张桂兰', 'disabled', '下肢残疾，需轮椅']]],
  ['二组 2 号', '刘芳', 3, [['刘芳', 'pregnant', '孕 32 周']]],
  ['二组 9 号', '陈德明', 2, [['陈德明', 'bedridden', '中风卧床']]],
  ['二组 15 号', '赵永福', 5, []],
  ['三组 1 号', '孙玉梅', 1, [['孙玉梅', 'elderly_alone', '79 岁独居，房屋临近山脚']]],
  ['三组 6 号', '周海', 3, []],
];

function actingAs(deps: Deps, userId: number, name: string, grants: Auth['grants'], at: Date): RequestCtx {
  return { deps: { ...deps, now: () => at }, auth: { userId, displayName: name, memberId: null, grants, sessionId: 'demo', csrfToken: '', mustChangePassword: false }, locale: 'zh-CN', ip: '127.0.0.1' };
}

export interface WarningDemoInput {
  countyId: number;
  townId: number;
  villageId: number;
  /** Adds a login account with one grant; returns its id. */
  addUser(trx: Db, login: string, display: string, role: string, unitId: number): Promise<number>;
  addUnit(trx: Db, code: string, name: string, kind: string, parentId: number): Promise<number>;
  log(m: string): void;
}

/** Area codes in the shape of GB/T 2260: county 370799, towns 370799 + 3 digits, villages + 3 more. */
async function assignAreaCodes(db: Db, countyId: number) {
  await db.updateTable('unit').set({ area_code: '370799' }).where('id', '=', countyId).execute();
  const towns = await db.selectFrom('unit').select(['id']).where('parent_id', '=', countyId).orderBy('id').execute();
  for (const [t, town] of towns.entries()) {
    const townCode = `370799${String(100 + t + 1)}`;
    await db.updateTable('unit').set({ area_code: townCode }).where('id', '=', town.id).execute();
    const villages = await db.selectFrom('unit').select('id').where('parent_id', '=', town.id).where('kind', 'in', ['village', 'community']).orderBy('id').execute();
    for (const [v, village] of villages.entries()) await db.updateTable('unit').set({ area_code: `${townCode}${String(200 + v + 1)}` }).where('id', '=', village.id).execute();
  }
}

export async function generateWarningDemo(deps: Deps, r: Rng, input: WarningDemoInput) {
  const db = deps.database.db;
  const now = deps.now();
  await assignAreaCodes(db, input.countyId);
  const { grids, gridWorker, duty, countyAdmin } = await db.transaction().execute(async (trx) => {
    const code = (await trx.selectFrom('unit').select('code').where('id', '=', input.villageId).executeTakeFirstOrThrow()).code;
    const vName = (await trx.selectFrom('unit').select('name').where('id', '=', input.villageId).executeTakeFirstOrThrow()).name;
    let grids = (await trx.selectFrom('unit').select('id').where('parent_id', '=', input.villageId).where('kind', '=', 'grid').orderBy('id').execute()).map((g) => g.id);
    if (grids.length === 0) grids = [await input.addUnit(trx, `${code}W1`, `${vName}第1网格`, 'grid', input.villageId), await input.addUnit(trx, `${code}W2`, `${vName}第2网格`, 'grid', input.villageId)];
    const gridWorker = await input.addUser(trx, 'grid', `${vName}第1网格 网格员`, 'grid_worker', grids[0]!);
    const duty = await input.addUser(trx, 'duty', '镇应急办 值班员', 'duty_officer', input.townId);
    const countyAdmin = (await trx.selectFrom('app_user').select('id').where('username', '=', 'county').executeTakeFirstOrThrow()).id;
    // Backup contact of the first village: the town's duty officer's colleague.
    const backup = await input.addUser(trx, 'backup', '镇应急办 备班', 'duty_officer', input.townId);
    await trx.insertInto('unit_backup_contact').values({ unit_id: input.villageId, user_id: backup, created_at: now.toISOString() }).execute();
    // Every village and community of the town has its secretary on duty (the town's are all covered by the typhoon).
    const villages = await trx.selectFrom('unit').select(['id', 'code', 'name']).where('parent_id', '=', input.townId).where('kind', 'in', ['village', 'community']).orderBy('id').execute();
    for (const v of villages) {
      const staffed = await trx.selectFrom('role_grant').select('id').where('unit_id', '=', v.id).where('role', 'in', ['secretary', 'duty_officer']).executeTakeFirst();
      if (!staffed) await input.addUser(trx, `cz_${v.code}`.toLowerCase(), `${v.name} 村党组织书记`, 'secretary', v.id);
    }
    for (const [i, [address, head, people, vulnerable]] of HOUSEHOLDS.entries()) {
      const phone = `139${String(10000000 + i * 7919).slice(-8)}`;
      const { id } = await trx
        .insertInto('household')
        .values({ unit_id: grids[i % 2]!, address: `${vName}${address}`, head_name: head, phone_enc: deps.cipher.encrypt(phone), phone_masked: maskMobile(phone), people, created_at: now.toISOString(), updated_at: now.toISOString(), archived_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [name, category, reason] of vulnerable) {
        await trx.insertInto('vulnerable_person').values({ household_id: id, name, category, reason, note: '', created_by: gridWorker, created_at: now.toISOString(), removed_at: null }).execute();
      }
    }
    await trx.insertInto('shelter').values([
      { unit_id: input.villageId, name: '村小学教学楼', address: `${vName}学校路 1 号`, capacity: 120, created_at: now.toISOString(), archived_at: null },
      { unit_id: input.villageId, name: '村委会综合楼', address: `${vName}村委会`, capacity: 60, created_at: now.toISOString(), archived_at: null },
    ]).execute();
    return { grids, gridWorker, duty, countyAdmin };
  });

  // Last season's typhoon, 80 days ago at 16:00 Beijing time.
  const t0 = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 80, 8, 0, 0);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const county = actingAs(deps, countyAdmin, '县委组织部 党务工作者', [{ role: 'unit_admin', unitId: input.countyId }], at(0));
  const warningId = await issueWarning(county, {
    unitId: input.countyId, hazard: 'typhoon', level: 'red', headline: '台风“桦加沙”红色预警',
    description: '今年第 18 号台风“桦加沙”预计今夜在我县沿海登陆，登陆时中心附近最大风力 15 级，过程累计雨量 250 至 400 毫米。',
    instruction: '立即转移危险区域、低洼地带和临时工棚人员；停止一切户外集体活动；危房、山边房屋住户必须撤离。',
    areaUnitIds: [input.townId], exercise: false,
  });
  const reached = await db.selectFrom('warning_unit').select(['unit_id', 'kind']).where('warning_id', '=', warningId).orderBy('unit_id').execute();
  const ackers = await db.selectFrom('role_grant').select(['user_id', 'unit_id', 'role']).where('unit_id', 'in', reached.map((u) => u.unit_id)).where('role', 'in', ['unit_admin', 'secretary', 'duty_officer', 'grid_worker']).execute();
  // Most units acknowledge within minutes; one village stays silent past its deadline.
  const silent = reached.find((u) => u.kind === 'village' && u.unit_id !== input.villageId)?.unit_id;
  for (const u of reached) {
    if (u.unit_id === silent) continue;
    const person = ackers.find((a) => a.unit_id === u.unit_id);
    if (!person) continue;
    const minute = u.unit_id === input.villageId ? 2 : r.int(1, 9);
    await acknowledge(actingAs(deps, person.user_id, '值守人员', [{ role: person.role as Auth['grants'][number]['role'], unitId: u.unit_id }], at(minute)), warningId, u.unit_id);
  }
  await runDueWork({ ...deps, now: () => at(5) });
  await runDueWork({ ...deps, now: () => at(10) });
  if (silent) {
    const person = ackers.find((a) => a.unit_id === silent);
    if (person) await acknowledge(actingAs(deps, person.user_id, '值守人员', [{ role: 'secretary', unitId: silent }], at(14)), warningId, silent);
  }

  // The first village's evacuation, shelters and check-off, an alarm in the night, the outages.
  const iso = (m: number) => at(m).toISOString();
  const restores: Array<{ kind: string; start: number; end: number }> = [];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('evacuation_report').values({ warning_id: warningId, unit_id: input.villageId, to_move: 46, moved: 44, refused: 2, updated_by: gridWorker, updated_at: iso(150) }).execute();
    await warningRepo.appendEvent(trx, { warningId, unitId: input.villageId, kind: 'evacuation_reported', actorId: gridWorker, detail: { toMove: 46, moved: 44, refused: 2 }, now: iso(150) });
    const shelters = await trx.selectFrom('shelter').select(['id', 'capacity']).where('unit_id', '=', input.villageId).orderBy('id').execute();
    for (const [i, s] of shelters.entries()) {
      const occupants = i === 0 ? 31 : 13;
      await trx.insertInto('shelter_occupancy').values({ warning_id: warningId, shelter_id: s.id, occupants, updated_by: gridWorker, updated_at: iso(160) }).execute();
      await warningRepo.appendEvent(trx, { warningId, unitId: input.villageId, kind: 'shelter_updated', actorId: gridWorker, detail: { shelterId: s.id, occupants }, now: iso(160) });
    }
    const households = await trx.selectFrom('household').select('id').where('unit_id', 'in', grids).orderBy('id').execute();
    for (const [i, h] of households.entries()) {
      await trx.insertInto('evacuation_check').values({ warning_id: warningId, household_id: h.id, status: i === 5 ? 'refused' : 'moved', note: i === 5 ? '房屋为新建砖混结构，户主坚持留守，已签安全告知书' : '', checked_by: gridWorker, checked_at: iso(90 + i * 6) }).execute();
    }
    const raiser = ackers.find((a) => a.unit_id === input.villageId)?.user_id ?? gridWorker;
    const { id: alarmId } = await trx
      .insertInto('alarm')
      .values({ unit_id: input.villageId, kind: 'landslide_sign', place: '村后山三组上方坡面', latitude: 36.85, longitude: 118.79, description: '坡面出现新裂缝约 5 米，有碎石滚落，坡下三组 3 户已紧急转移。', status: 'closed', raised_by: raiser, raised_at: iso(420), handled_by: duty, handled_at: iso(431), note: '镇应急办已派员到场，设置警戒线，三组人员全部转移完毕。', warning_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await warningRepo.appendEvent(trx, { warningId, unitId: input.villageId, kind: 'alarm_raised', actorId: raiser, detail: { alarmId, kind: 'landslide_sign', place: '村后山三组上方坡面' }, now: iso(420) });
    const outages: Array<[string, number, number]> = [['power', 560, 560 + 34 * 60], ['comms', 580, 580 + 11 * 60], ['road', 600, 600 + 20 * 60], ['water', 620, 620 + 50 * 60]];
    for (const [kind, start, end] of outages) {
      await trx.insertInto('outage').values({ unit_id: input.villageId, warning_id: warningId, kind, started_at: iso(start), restored_at: iso(end), note: '', reported_by: gridWorker, created_at: iso(start), updated_at: iso(end) }).execute();
      await warningRepo.appendEvent(trx, { warningId, unitId: input.villageId, kind: 'outage_reported', actorId: gridWorker, detail: { kind }, now: iso(start) });
    }
    restores.push(...outages.map(([kind, start, end]) => ({ kind, start, end })).sort((a, b) => a.end - b.end));
  });
  // The timeline is in the order things happened: restorations before and after the cancel.
  const restored = (o: { kind: string; start: number; end: number }) =>
    warningRepo.appendEvent(db, { warningId, unitId: input.villageId, kind: 'outage_restored', actorId: gridWorker, detail: { kind: o.kind, hours: (o.end - o.start) / 60 }, now: iso(o.end) });
  const cancelAt = 36 * 60;
  for (const o of restores.filter((x) => x.end < cancelAt)) await restored(o);
  const version = (await db.selectFrom('warning').select('version').where('id', '=', warningId).executeTakeFirstOrThrow()).version;
  await cancelWarning({ ...county, deps: { ...deps, now: () => at(cancelAt) } }, warningId, { version, reason: '台风“桦加沙”已减弱并移出我县，解除台风红色预警。' });
  for (const o of restores.filter((x) => x.end >= cancelAt)) await restored(o);
  // Drills started on this installation are answered by simulated villages (see warnings/drill.ts).
  await db.insertInto('system_setting').values({ key: DEMO_SETTING, value: 'true', updated_by: null, updated_at: now.toISOString() }).execute();
  input.log(`  warning cascade: last season's typhoon (${reached.length} units), grids, ${HOUSEHOLDS.length} households, shelters`);
}
