// The demo's help requests (群众求助) and members serving where they live (双报到): members whose
// branches are in the neighbouring village register in the first village with their specialties
// and evening hours, and the first village's residents have asked for help over the last weeks —
// a request in every state, written through the same services as the API with the clock set to
// when each step happened, so matching, notifications, points and statistics are all real.
import type { HelpCategory } from '@xianfeng/domain';
import type { Auth, Db, Deps, RequestCtx } from '../../core/context.ts';
import { runDueJobs } from '../../core/jobs.ts';
import { runMatching } from '../help/matching.ts';
import { act, fileHelpRequest, MATCH_JOB, residentActByReceipt } from '../help/requests.ts';
import { register } from '../help/residence.ts';

export interface HelpDemoInput {
  /** The village residents ask in (its own branch's members serve it too). */
  villageId: number;
  /** A neighbouring village whose members live in the first one. */
  neighbourVillageId: number;
  /** Adds a login account with one grant, linked to a member; returns its id. */
  addUser(trx: Db, login: string, display: string, role: string, unitId: number, memberId: number | null): Promise<number>;
  log(m: string): void;
}

const RESIDENT_SPECIALTIES = [['电工', '家电维修'], ['水暖维修'], ['医疗护理', '心理疏导'], ['种植技术', '养殖技术'], ['法律咨询'], ['计算机网络', '驾驶']];

/** Requests of the village, oldest first: [days ago, category, description, place, name, phone, how far it got]. */
const REQUESTS: Array<[number, HelpCategory, string, string, string, string, 'received' | 'accepted' | 'in_progress' | 'resolved' | 'confirmed' | 'closed' | 'reopened']> = [
  [24, 'repair', '家里空调不制冷，老人怕热', '一组 3 号', '王秀英', '13905310001', 'confirmed'],
  [20, 'elderly_care', '老伴住院，需要有人帮忙照看几天', '二组 9 号', '陈德明', '13905310002', 'confirmed'],
  [16, 'farming', '桃树叶子卷曲发黄，不知道是什么病', '三组果园', '周海', '13905310003', 'confirmed'],
  [12, 'policy', '想咨询城乡居民医保怎么续缴', '一组 7 号', '李建国', '13905310004', 'closed'],
  [9, 'paperwork', '帮忙在手机上办理养老金资格认证', '二组 2 号', '刘芳', '13905310005', 'reopened'],
  [6, 'repair', '院里水管冻裂漏水', '三组 1 号', '孙玉梅', '13905310006', 'resolved'],
  [3, 'elderly_care', '独居老人需要每周送一次药', '一组 12 号', '张桂兰', '13905310007', 'in_progress'],
  [2, 'other', '帮忙把旧家具搬到楼下', '二组 15 号', '赵永福', '13905310008', 'accepted'],
  [0.2, 'repair', '厨房电灯不亮，开关有焦味', '三组 6 号', '周海', '13905310009', 'received'],
];

function ctxAt(deps: Deps, at: Date, auth: Auth | null): RequestCtx {
  return { deps: { ...deps, now: () => at }, auth, locale: 'zh-CN', ip: null };
}

export async function generateHelpDemo(deps: Deps, input: HelpDemoInput) {
  const db = deps.database.db;
  const now = deps.now().getTime();
  const at = (daysAgo: number, plusHours = 0) => new Date(now - daysAgo * 86_400_000 + plusHours * 3_600_000);

  // Six members of the neighbouring village's branches, with accounts, register where they live.
  const neighbours = await db
    .selectFrom('member')
    .innerJoin('unit_closure as uc', 'uc.descendant_id', 'member.unit_id')
    .select(['member.id', 'member.name', 'member.unit_id'])
    .where('uc.ancestor_id', '=', input.neighbourVillageId)
    .orderBy('member.id')
    .limit(RESIDENT_SPECIALTIES.length)
    .execute();
  const grids = await db.selectFrom('unit').select('id').where('parent_id', '=', input.villageId).where('kind', '=', 'grid').orderBy('id').execute();
  const helpers: Auth[] = [];
  for (const [i, m] of neighbours.entries()) {
    const userId = await db.transaction().execute((trx) => input.addUser(trx, `sb${i + 1}`, m.name, 'member', m.unit_id, m.id));
    const auth: Auth = { userId, displayName: m.name, memberId: m.id, grants: [{ role: 'member', unitId: m.unit_id }], sessionId: 'demo', csrfToken: '', mustChangePassword: false };
    await register(ctxAt(deps, at(30), auth), {
      unitId: grids[i % Math.max(1, grids.length)]?.id ?? input.villageId,
      specialties: RESIDENT_SPECIALTIES[i]!,
      hours: i % 2 === 0 ? [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:30' }, { days: [6, 7], from: '09:00', to: '17:00' }] : [],
      note: i % 2 === 0 ? '工作日晚上和周末可上门' : '',
    });
    helpers.push(auth);
  }

  let done = 0;
  for (const [daysAgo, category, description, place, name, phone, reached] of REQUESTS) {
    const filed = await fileHelpRequest(ctxAt(deps, at(daysAgo), null), { unitId: grids[done % Math.max(1, grids.length)]?.id ?? input.villageId, category, description, place, name, phone, source: 'public' });
    // What the server's worker does right after a filing.
    await runDueJobs({ ...deps, now: () => at(daysAgo) }, { [MATCH_JOB]: runMatching });
    done += 1;
    if (reached === 'received') continue;
    if (reached === 'closed') {
      const secretary = await db.selectFrom('role_grant').select('user_id').where('unit_id', '=', input.villageId).where('role', '=', 'secretary').executeTakeFirst();
      if (secretary) {
        const auth: Auth = { userId: secretary.user_id, displayName: '书记', memberId: null, grants: [{ role: 'secretary', unitId: input.villageId }], sessionId: 'demo', csrfToken: '', mustChangePassword: false };
        await act(ctxAt(deps, at(daysAgo, 3), auth), filed.id, 'close', '已电话答复：可在村便民服务站或手机上续缴，已告知办理步骤');
      }
      continue;
    }
    // The best match who is one of the registered members takes it, else the first of them.
    const matched = await db.selectFrom('help_match').select('member_id').where('request_id', '=', filed.id).orderBy('score', 'desc').execute();
    const helper = helpers.find((h) => matched.some((m) => m.member_id === h.memberId)) ?? helpers[done % helpers.length];
    if (!helper) continue;
    await act(ctxAt(deps, at(daysAgo, 1), helper), filed.id, 'accept', '');
    if (reached === 'accepted') continue;
    await act(ctxAt(deps, at(daysAgo, 2), helper), filed.id, 'start', '');
    if (reached === 'in_progress') continue;
    await act(ctxAt(deps, at(daysAgo, 20), helper), filed.id, 'resolve', '已上门处理');
    if (reached === 'resolved') continue;
    if (reached === 'reopened') {
      await residentActByReceipt(ctxAt(deps, at(daysAgo, 30), null), filed.receiptCode, { action: 'reopen', reason: '第二天认证又失败了' });
      continue;
    }
    await residentActByReceipt(ctxAt(deps, at(daysAgo, 26), null), filed.receiptCode, { action: 'confirm', rating: 5 - (done % 2), comment: '党员来得很快，谢谢！' });
  }
  input.log(`  help: ${helpers.length} members registered where they live, ${REQUESTS.length} help requests`);
  // The first of them, for the demo login list: their "matching me" queue has requests.
  const village = await db.selectFrom('unit').select('name').where('id', '=', input.villageId).executeTakeFirstOrThrow();
  return helpers.length ? [{ role: 'member', login: 'sb1', unit: `${village.name}（双报到）` }] : [];
}
