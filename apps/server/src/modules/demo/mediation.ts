// The demo county's people's mediation (金牌和事佬): three members of the first village and one of
// the second chosen as mediators (two with logins, “mediator” and “mediator2”), and a season of
// disputes in every state of a case's life — one awaiting a mediator, one assigned, one in
// mediation with a session and drafted terms, one settled by an agreement (its 人民调解协议书
// prints), one referred to the judicial office, one visited after its agreement, one closed and one
// withdrawn — written through the same services as the API, with the clock set to when each step
// happened.
import type { CaseAction, Role } from '@xianfeng/domain';
import type { Auth, Db, Deps, RequestCtx } from '../../core/context.ts';
import * as cases from '../mediation/cases.ts';
import { addMediator } from '../mediation/mediators.ts';

export interface MediationDemoInput {
  villageId: number;
  neighbourVillageId: number;
  /** Adds a login account with one grant (and the member it belongs to); returns its id. */
  addUser(trx: Db, login: string, display: string, role: string, unitId: number, memberId: number | null): Promise<number>;
  log(m: string): void;
}

type Party = { role: 'applicant' | 'respondent' | 'third_party'; name: string; relation: string; address: string; phone: string };

interface DemoCase {
  daysAgo: number;
  type: string;
  summary: string;
  parties: Party[];
  /** How far the case got. */
  steps: Array<'assign' | 'conflict' | 'start' | 'session' | 'terms' | CaseAction>;
  /** Handled by the second mediator of the pool (the first, login “mediator”, has the rest). */
  second?: boolean;
  terms?: string[];
  performance?: string;
  referral?: string;
  note?: string;
}

const p = (role: Party['role'], name: string, address: string, phone = '', relation = ''): Party => ({ role, name, relation, address, phone });

const CASES: DemoCase[] = [
  {
    daysAgo: 2, type: 'land', summary: '两户因承包地地界石被移动发生争执，均称对方多占约半垄地。',
    parties: [p('applicant', '欧阳建华', '三组 8 号', '19900001001'), p('respondent', '司马德贵', '三组 9 号', '19900001002')], steps: [],
  },
  {
    daysAgo: 4, type: 'neighbour', summary: '邻居家新养的狗夜间吠叫，申请人多次协商未果。',
    parties: [p('applicant', '上官丽娟', '一组 15 号', '19900001003'), p('respondent', '诸葛长青', '一组 16 号')], steps: ['assign'], second: true,
  },
  {
    daysAgo: 9, type: 'family', summary: '老人赡养费用分担问题，兄弟二人意见不一，老人由长子一家照顾已三年。',
    parties: [p('applicant', '东方秀兰', '二组 3 号', '19900001004', '母亲'), p('respondent', '东方国强', '二组 4 号', '19900001005', '长子'), p('respondent', '东方国富', '县城', '19900001006', '次子')],
    steps: ['conflict', 'assign', 'start', 'session', 'terms'],
    terms: ['兄弟二人自 2026 年起每月各支付母亲赡养费 600 元。', '母亲的医疗费用凭票据由兄弟二人各承担一半。'],
    performance: '每月 5 日前通过银行转账支付给母亲本人。',
  },
  {
    daysAgo: 16, type: 'neighbour', summary: '申请人与被申请人宅基地相邻，被申请人翻建房屋时滴水檐伸入申请人院内，雨天积水，双方多次口角。',
    parties: [p('applicant', '皇甫大山', '一组 21 号', '19900001007', '邻居'), p('respondent', '尉迟小河', '一组 22 号', '19900001008', '邻居')],
    steps: ['assign', 'start', 'session', 'terms', 'agree'],
    terms: ['被申请人于 2026 年 12 月 20 日前自费加装落水管，将雨水引入自家院内排水沟。', '申请人院内因积水损坏的菜地，由被申请人一次性补偿 300 元。', '双方今后翻建房屋，应事先告知对方并按规划留出间距。'],
    performance: '补偿款于协议签订当日当面付清；落水管于 2026 年 12 月 20 日前安装完毕，由村人民调解委员会回访确认。',
  },
  {
    daysAgo: 25, type: 'labour', summary: '申请人在被申请人的养殖场务工四个月，被拖欠工资 9600 元。',
    parties: [p('applicant', '令狐春生', '四组 2 号', '19900001009'), p('respondent', '慕容养殖场（负责人慕容振）', '村东', '19900001010')],
    steps: ['assign', 'start', 'session', 'fail'], second: true, referral: 'judicial_office', note: '被申请人对工作天数有异议，双方分歧较大，已引导申请人至司法所申请法律援助。',
  },
  {
    daysAgo: 40, type: 'property', summary: '小区楼顶水箱漏水，顶楼住户墙面受损，与物业公司就维修责任发生争议。',
    parties: [p('applicant', '长孙美玲', '幸福小区 3 栋 601', '19900001011'), p('respondent', '安居物业服务中心', '幸福小区')],
    steps: ['assign', 'start', 'session', 'terms', 'agree', 'visit'], second: true,
    terms: ['物业服务中心于十日内修复楼顶水箱。', '墙面修复费用 1500 元由物业服务中心承担。'],
    performance: '十日内修复，费用于修复完成后三日内支付。', note: '水箱已修复，墙面已粉刷，双方满意。',
  },
  {
    daysAgo: 60, type: 'damages', summary: '被申请人驾驶三轮车倒车时撞坏申请人院墙。',
    parties: [p('applicant', '宇文德顺', '二组 11 号', '19900001012'), p('respondent', '夏侯小军', '二组 14 号', '19900001013')],
    steps: ['assign', 'start', 'terms', 'agree', 'visit', 'close'],
    terms: ['被申请人赔偿申请人院墙修复费用 800 元。'], performance: '协议签订之日起七日内付清。', note: '赔偿已付清，院墙已修好。',
  },
  {
    daysAgo: 12, type: 'other', summary: '申请人称被申请人在村微信群中发表不实言论，要求道歉。',
    parties: [p('applicant', '公孙玉梅', '三组 5 号'), p('respondent', '端木海', '三组 7 号')], steps: ['withdraw'], note: '双方已自行和解，申请人撤回调解申请。',
  },
];

function ctxAt(deps: Deps, at: Date, auth: Auth): RequestCtx {
  return { deps: { ...deps, now: () => at }, auth, locale: 'zh-CN', ip: '127.0.0.1' };
}

/** Chooses the mediators, runs every case through its steps and returns the mediators' logins. */
export async function generateMediationDemo(deps: Deps, input: MediationDemoInput): Promise<Array<{ role: string; login: string; unit: string }>> {
  const db = deps.database.db;
  const now = deps.now().getTime();
  const at = (daysAgo: number, plusHours = 0) => new Date(now - daysAgo * 86_400_000 + plusHours * 3_600_000);
  const partyNames = CASES.flatMap((c) => c.parties.map((x) => x.name));

  const secretaryOf = async (villageId: number, login: string): Promise<Auth> => {
    const u = await db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', login).executeTakeFirstOrThrow();
    return { userId: u.id, displayName: u.display_name, memberId: null, grants: [{ role: 'secretary' as Role, unitId: villageId }], sessionId: 'demo', csrfToken: '', mustChangePassword: false };
  };
  const secretary = await secretaryOf(input.villageId, 'secretary');
  const secretary2 = await secretaryOf(input.neighbourVillageId, 'secretary2');

  /** Members of a village's branches without a login yet, whose names are no party's. */
  const candidates = (villageId: number, n: number) =>
    db.selectFrom('member').innerJoin('unit_closure as uc', 'uc.descendant_id', 'member.unit_id')
      .select(['member.id', 'member.name', 'member.unit_id'])
      .where('uc.ancestor_id', '=', villageId).where('member.status', '=', 'full').where('member.name', 'not in', partyNames)
      .where('member.id', 'not in', db.selectFrom('app_user').select('member_id').where('member_id', 'is not', null).$narrowType<{ member_id: number }>())
      .orderBy('member.id').limit(n).execute();

  const SPECIALTIES = [['邻里纠纷', '土地纠纷'], ['婚姻家庭纠纷', '赡养纠纷'], ['劳资纠纷', '损害赔偿纠纷']];
  const pool: Array<{ mediatorId: number; auth: Auth }> = [];
  const logins: Array<{ role: string; login: string; unit: string }> = [];
  const unitName = async (id: number) => (await db.selectFrom('unit').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  for (const [i, m] of (await candidates(input.villageId, 3)).entries()) {
    const login = i === 0 ? 'mediator' : `mediator_a${i + 1}`;
    const userId = await db.transaction().execute((trx) => input.addUser(trx, login, m.name, 'member', m.unit_id, m.id));
    const mediator = await addMediator(ctxAt(deps, at(90), secretary), { unitId: input.villageId, memberId: m.id, specialties: SPECIALTIES[i]!, areaUnitIds: [input.villageId], note: i === 0 ? '2025 年度“金牌和事佬”' : '' });
    pool.push({ mediatorId: mediator.id, auth: { userId, displayName: m.name, memberId: m.id, grants: [{ role: 'member', unitId: m.unit_id }], sessionId: 'demo', csrfToken: '', mustChangePassword: false } });
    if (i === 0) logins.push({ role: 'mediator', login, unit: await unitName(input.villageId) });
  }
  if (pool.length < 2) {
    input.log('  mediation: the first village has too few members for a mediator pool; skipped');
    return logins;
  }

  let made = 0;
  // Registered oldest first, so that the committee's numbers follow the dates.
  for (const c of [...CASES].sort((x, y) => y.daysAgo - x.daysAgo)) {
    const main = pool[c.second ? 1 : 0]!;
    const other = pool[c.second ? 0 : 1]!;
    const day = (plusHours: number) => at(c.daysAgo, plusHours);
    const created = await cases.registerCase(ctxAt(deps, day(0), secretary), { unitId: input.villageId, type: c.type, summary: c.summary, parties: c.parties });
    let hour = 1;
    for (const s of c.steps) {
      const when = day(hour);
      hour += s === 'agree' ? 48 : s === 'visit' ? 24 * 5 : 2;
      const asMediator = ctxAt(deps, when, main.auth);
      const asSecretary = ctxAt(deps, when, secretary);
      if (s === 'conflict') {
        await cases.declare(asSecretary, created.id, { mediatorId: other.mediatorId, conflict: true, statement: '本人与被申请人系表兄弟关系，申请回避。' });
      } else if (s === 'assign') {
        await cases.declare(asSecretary, created.id, { mediatorId: main.mediatorId, conflict: false, statement: '本人与本案各方当事人不存在亲属关系或其他利害关系，能够公正调解。' });
        await cases.assign(asSecretary, created.id, main.mediatorId);
      } else if (s === 'session') {
        const heldOn = new Date(when.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        await cases.addSession(asMediator, created.id, { heldOn, place: '村委会调解室', attendees: `${c.parties.map((x) => x.name).join('、')}、${main.auth.displayName}`, notes: '听取双方陈述，释法说理，双方同意在互谅互让基础上协商。' });
      } else if (s === 'terms') {
        await cases.saveAgreement(asMediator, created.id, { terms: c.terms ?? [], performance: c.performance ?? '' });
      } else if (s === 'fail') {
        await cases.act(asMediator, created.id, 'fail', { referral: c.referral ?? 'judicial_office', note: c.note ?? '' });
      } else if (s === 'visit') {
        await cases.act(asMediator, created.id, 'visit', { visitOn: new Date(when.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), outcome: c.note ?? '协议已履行。' });
      } else if (s === 'close' || s === 'withdraw') {
        await cases.act(asSecretary, created.id, s, { note: c.note ?? '' });
      } else {
        await cases.act(asMediator, created.id, s, { note: '' });
      }
    }
    made += 1;
  }

  // The neighbouring village: its own mediator with a login, and a case in mediation.
  const [m2] = await candidates(input.neighbourVillageId, 1);
  if (m2) {
    const userId = await db.transaction().execute((trx) => input.addUser(trx, 'mediator2', m2.name, 'member', m2.unit_id, m2.id));
    const auth: Auth = { userId, displayName: m2.name, memberId: m2.id, grants: [{ role: 'member', unitId: m2.unit_id }], sessionId: 'demo', csrfToken: '', mustChangePassword: false };
    const mediator = await addMediator(ctxAt(deps, at(90), secretary2), { unitId: input.neighbourVillageId, memberId: m2.id, specialties: ['邻里纠纷'], areaUnitIds: [input.neighbourVillageId], note: '' });
    const c = await cases.registerCase(ctxAt(deps, at(3), secretary2), { unitId: input.neighbourVillageId, type: 'neighbour', summary: '两户共用的巷道被一方堆放柴草，影响通行。', parties: [p('applicant', '呼延福', '五组 1 号', '19900001020'), p('respondent', '轩辕贵', '五组 2 号')] });
    await cases.declare(ctxAt(deps, at(3, 1), secretary2), c.id, { mediatorId: mediator.id, conflict: false, statement: '本人与本案各方当事人不存在亲属关系或其他利害关系，能够公正调解。' });
    await cases.assign(ctxAt(deps, at(3, 1), secretary2), c.id, mediator.id);
    await cases.act(ctxAt(deps, at(2), auth), c.id, 'start', { note: '' });
    logins.push({ role: 'mediator', login: 'mediator2', unit: await unitName(input.neighbourVillageId) });
    made += 1;
  }
  input.log(`  mediation: ${pool.length + (m2 ? 1 : 0)} mediators, ${made} cases`);
  return logins;
}
