// A deterministic, realistic demo county (or, with scale 'city', a city-sized tree for benchmarks):
// party committees, villages and communities, branches and groups, members with valid ID numbers,
// and one login per role. Same seed, same county, on both databases.
import { SAMPLE_AREA_CODES, DEFAULT_SPECIALTIES, EDUCATION_LEVELS, makeIdNumber, todayYmd } from '@xianfeng/domain';
import type { Deps } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { hashPassword } from '../auth/password.ts';
import * as unitRepo from '../units/repo.ts';
import { generateWarningDemo } from './warnings.ts';
import { generateDeliberationDemo } from './deliberation.ts';
import { generateHelpDemo } from './help.ts';
import { generateHazardDemo } from './hazards.ts';
import { generateMediationDemo } from './mediation.ts';
import { generateOpen311Demo, type Open311Demo } from './open311.ts';
import * as memberRepo from '../members/repo.ts';
import { checkedMemberRow } from '../members/service.ts';
import { BULK_TABLES } from '../members/repo.ts';
import { refreshStatistics } from '../../db/dialect.ts';
import { generatePointsDemo } from './points.ts';
import { generateCampaignDemo } from './campaigns.ts';
import { POINTS_BULK_TABLES } from '../points/bulk.ts';

export const DEMO_PASSWORD = 'Xianfeng2026';

/** mulberry32: small, fast and good enough for plausible demo data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健亮建国志文海峰林东德兴旺春生福庆永成宝山';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀英玲桂兰红梅燕琴云莲凤洁萍雪琳慧婷颖晶倩月淑珍春花荣';
const TOWN_NAMES = ['城关', '羊口', '桑梓', '清水', '石桥', '双河', '白沙', '龙泉', '杨柳', '新安', '柏林', '大营', '平安', '东湖', '西岭', '南山', '北塘', '金田', '凤凰', '长岭'];
const VILLAGE_PREFIX = ['东', '西', '南', '北', '前', '后', '上', '下', '大', '小', '新', '老', '李', '王', '张', '刘', '马', '杨', '陈', '赵', '高', '石', '柳', '杏', '桃', '枣', '河', '湖', '山', '岭'];
const VILLAGE_SUFFIX = ['庄', '村', '屯', '营', '店', '集', '坡', '沟', '洼', '寨', '湾', '岗', '口', '桥', '铺'];
const COMMUNITY_NAMES = ['幸福', '和平', '光明', '阳光', '友谊', '团结', '胜利', '建设', '民主', '文化', '新华', '朝阳', '振兴', '康乐', '兴华'];
const OCCUPATIONS = ['农民', '农民', '农民', '个体经营', '退休', '村干部', '教师', '医生', '工人', '企业职工', '公务员', '学生', '外出务工', '合作社负责人'];

function personName(r: Rng, gender: 'male' | 'female') {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = r.chance(0.35) ? r.pick([...pool]) : r.pick([...pool]) + r.pick([...pool]);
  return r.pick([...SURNAMES]) + given;
}

function ymd(y: number, m: number, d: number) {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomDate(r: Rng, fromYear: number, toYear: number) {
  return ymd(r.int(fromYear, toYear), r.int(1, 12), r.int(1, 28));
}

interface Shape {
  towns: number;
  villagesPerTown: [number, number];
  /** Share of villages that are communities (社区) with grids. */
  communityShare: number;
  membersPerBranch: [number, number];
}

const SHAPES: Record<'county' | 'city', Shape> = {
  county: { towns: 12, villagesPerTown: [14, 20], communityShare: 0.15, membersPerBranch: [6, 74] },
  // About 12,000 units and 200,000 members: a city of the size the issue names.
  city: { towns: 120, villagesPerTown: [26, 32], communityShare: 0.2, membersPerBranch: [8, 90] },
};

export interface DemoResult {
  units: number;
  members: number;
  logins: Array<{ role: string; login: string; password: string; unit: string }>;
  /** The demo's Open311 client in use, with its API key (printed once, like the logins). */
  open311?: Open311Demo;
}

/** `points`: also a year of points (default: for the county, not for the city — benchmarks ask for it). */
export async function generateDemo(deps: Deps, opts: { scale?: 'county' | 'city'; seed?: number; points?: boolean; log?: (m: string) => void } = {}): Promise<DemoResult> {
  const db = deps.database.db;
  const shape = SHAPES[opts.scale ?? 'county'];
  const r = rng(opts.seed ?? 20261128);
  const log = opts.log ?? (() => {});
  if (await db.selectFrom('unit').select('id').limit(1).executeTakeFirst()) {
    throw new AppError(409, 'error.demo_not_empty');
  }
  const now = deps.now().toISOString();
  const today = todayYmd(deps.now());
  const todayYear = Number(today.slice(0, 4));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const specialties = [...DEFAULT_SPECIALTIES];
  const knownSpecialties = new Set<string>(specialties);
  const educations = EDUCATION_LEVELS.map((e) => (typeof e === 'string' ? e : e.value));
  let units = 0;
  let members = 0;
  const seq = new Map<string, number>();

  const addUnit = async (trx: typeof db, code: string, name: string, kind: string, parentId: number | null) => {
    units++;
    return unitRepo.insertUnit(trx, { code, name, kind, parent_id: parentId, phone: `0536-${String(5000000 + units).slice(-7)}`, founded_on: randomDate(r, 1950, 2015), now });
  };

  const makeMembers = async (trx: typeof db, unitId: number, n: number) => {
    const rows = [];
    for (let i = 0; i < n; i++) {
      const gender = r.chance(0.68) ? 'male' : 'female';
      const birthYear = r.int(todayYear - 88, todayYear - 20);
      const birthDate = randomDate(r, birthYear, birthYear);
      const area = r.pick(SAMPLE_AREA_CODES).code;
      const key = `${area}${birthDate}`;
      const s = (seq.get(key) ?? r.int(1, 400)) + 2;
      seq.set(key, s);
      const idNumber = makeIdNumber(area, birthDate, s % 1000, gender);
      const joinYear = Math.min(todayYear, r.int(birthYear + 19, Math.max(birthYear + 19, Math.min(todayYear, birthYear + 55))));
      let joinDate = randomDate(r, joinYear, joinYear);
      if (joinDate > today) joinDate = today;
      const probationary = joinDate > ymd(todayYear - 1, Number(today.slice(5, 7)), Math.min(28, Number(today.slice(8, 10))));
      const status = probationary ? 'probationary' : 'full';
      const input = {
        unitId,
        name: personName(r, gender),
        gender,
        ethnicity: r.chance(0.94) ? '汉族' : r.pick(['回族', '满族', '蒙古族', '壮族', '苗族', '土家族']),
        birthDate,
        idNumber,
        mobile: r.chance(0.85) ? `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}` : null,
        joinDate,
        status: status as 'full' | 'probationary',
        fullMemberDate: status === 'full' ? (() => { const y = Number(joinDate.slice(0, 4)) + 1; return `${y}${joinDate.slice(4)}` <= today ? `${y}${joinDate.slice(4)}` : null; })() : null,
        education: r.pick(educations),
        occupation: r.pick(OCCUPATIONS),
        specialties: r.chance(0.6) ? [...new Set([r.pick(specialties), ...(r.chance(0.3) ? [r.pick(specialties)] : [])])] : [],
      };
      const { row, issues } = await checkedMemberRow(trx, deps.cipher, input, today, now, knownSpecialties);
      if (issues.length) throw new Error(`demo generator made an invalid member: ${JSON.stringify(issues)} ${JSON.stringify(input)}`);
      rows.push(row);
    }
    await memberRepo.insertMembers(trx, rows);
    await unitRepo.adjustMemberCount(trx, unitId, n, rows.filter((m) => m.status === 'full').length);
    members += n;
  };

  const addUser = async (trx: typeof db, username: string, displayName: string, role: string, unitId: number, memberId: number | null = null) => {
    const { id } = await trx
      .insertInto('app_user')
      .values({ username, display_name: displayName, phone_enc: null, phone_hash: null, phone_masked: null, password_hash: passwordHash, member_id: memberId, must_change_password: 0, disabled_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_grant').values({ user_id: id, role, unit_id: unitId, granted_by: null, created_at: now }).execute();
    return id;
  };

  const county = await db.transaction().execute(async (trx) => addUnit(trx, 'QH', opts.scale === 'city' ? '中共清河市委员会' : '中共清河县委员会', 'county_committee', null));
  const firstVillages: number[] = [];
  let firstTown = 0;
  let firstBranch = 0;
  for (let t = 0; t < shape.towns; t++) {
    const townName = `${TOWN_NAMES[t % TOWN_NAMES.length]}${t >= TOWN_NAMES.length ? Math.floor(t / TOWN_NAMES.length) + 1 : ''}`;
    await db.transaction().execute(async (trx) => {
      const townCode = `QH${String(t + 1).padStart(3, '0')}`;
      const town = await addUnit(trx, townCode, `中共${townName}${t === 0 ? '街道' : '镇'}委员会`, 'town_committee', county);
      if (t === 0) firstTown = town;
      const villages = r.int(...shape.villagesPerTown);
      for (let v = 0; v < villages; v++) {
        const community = r.chance(shape.communityShare);
        const vName = community ? `${r.pick(COMMUNITY_NAMES)}社区` : `${r.pick(VILLAGE_PREFIX)}${r.pick(VILLAGE_PREFIX)}${r.pick(VILLAGE_SUFFIX)}村`;
        const vCode = `${townCode}${String(v + 1).padStart(3, '0')}`;
        const village = await addUnit(trx, vCode, `${townName}${vName}`, community ? 'community' : 'village', town);
        if (t === 0 && firstVillages.length < 2) firstVillages.push(village);
        // Most villages have one branch; large ones a general branch with two or three branches.
        const big = r.chance(0.2);
        const branchParent = big ? await addUnit(trx, `${vCode}Z`, `中共${townName}${vName}总支部委员会`, 'general_branch', village) : village;
        const branches = big ? r.int(2, 3) : 1;
        for (let b = 0; b < branches; b++) {
          const label = big ? `第${'一二三'[b]}` : '';
          const branch = await addUnit(trx, `${vCode}${big ? `Z${b + 1}` : 'B'}`, `中共${townName}${vName}${label}支部委员会`, 'branch', branchParent);
          if (t === 0 && v === 0 && b === 0) firstBranch = branch;
          const n = r.chance(0.04) ? r.int(1, 2) : r.int(...shape.membersPerBranch);
          await makeMembers(trx, branch, n);
          if (r.chance(0.5)) await addUnit(trx, `${vCode}${big ? `Z${b + 1}` : 'B'}G1`, `${vName}${label}第一党小组`, 'group', branch);
          // About one branch in twenty has not filled its secretary post: the home page warns.
          if (!r.chance(0.05) && opts.scale !== 'city') await addUser(trx, `sj_${vCode}${big ? `z${b + 1}` : ''}`.toLowerCase(), `${vName}${label}书记`, 'secretary', branch);
        }
        if (community) for (let g = 1; g <= r.int(2, 4); g++) await addUnit(trx, `${vCode}W${g}`, `${vName}第${g}网格`, 'grid', village);
      }
    });
    log(`  ${townName}: ${units} units, ${members} members`);
  }

  // One login per role for trying the system out.
  const logins: DemoResult['logins'] = [];
  await db.transaction().execute(async (trx) => {
    const names = await trx.selectFrom('unit').select(['id', 'name']).where('id', 'in', [county, firstTown, ...firstVillages, firstBranch]).execute();
    const nameOf = (id: number) => names.find((n) => n.id === id)?.name ?? '';
    const firstMember = await trx.selectFrom('member').select(['id', 'name']).where('unit_id', '=', firstBranch).orderBy('id').limit(1).executeTakeFirst();
    const plan: Array<[string, string, string, number, number | null]> = [
      ['unit_admin', 'county', '县委组织部 党务工作者', county, null],
      ['unit_admin', 'town', '镇党委 党务工作者', firstTown, null],
      ['secretary', 'secretary', `${nameOf(firstVillages[0])} 书记`, firstVillages[0], null],
      ['secretary', 'secretary2', `${nameOf(firstVillages[1])} 书记`, firstVillages[1], null],
      ['member', 'member', firstMember?.name ?? '党员', firstBranch, firstMember?.id ?? null],
      ['resident', 'resident', '村民', firstVillages[0], null],
    ];
    for (const [role, login, display, unitId, memberId] of plan) {
      await addUser(trx, login, display, role, unitId, memberId);
      logins.push({ role, login, password: DEMO_PASSWORD, unit: nameOf(unitId) });
    }
  });
  let open311: Open311Demo | undefined;
  if (opts.points ?? opts.scale !== 'city') {
    const countyWorker = await db.selectFrom('app_user').select('id').where('username', '=', 'county').executeTakeFirstOrThrow();
    await generatePointsDemo(deps, r, { countyId: county, actorId: countyWorker.id, today, log });
    await generateCampaignDemo(deps, r, { countyId: county, townId: firstTown, today, log });
    await generateWarningDemo(deps, r, {
      countyId: county, townId: firstTown, villageId: firstVillages[0]!, log,
      addUnit: (trx, code, name, kind, parentId) => addUnit(trx as typeof db, code, name, kind, parentId),
      addUser: (trx, login, display, role, unitId) => addUser(trx as typeof db, login, display, role, unitId),
    });
    await generateDeliberationDemo(deps, { villageId: firstVillages[0]!, log, addUser: (trx, login, display, role, unitId) => addUser(trx as typeof db, login, display, role, unitId) });
    const helpLogins = await generateHelpDemo(deps, { villageId: firstVillages[0]!, neighbourVillageId: firstVillages[1]!, log, addUser: (trx, login, display, role, unitId, memberId) => addUser(trx as typeof db, login, display, role, unitId, memberId) });
    open311 = await generateOpen311Demo(deps, { log });
    await generateHazardDemo(deps, { villageId: firstVillages[0]!, open311Client: open311.client, log });
    logins.push(...(await generateMediationDemo(deps, { villageId: firstVillages[0]!, neighbourVillageId: firstVillages[1]!, log, addUser: (trx, login, display, role, unitId, memberId) => addUser(trx as typeof db, login, display, role, unitId, memberId) })).map((l) => ({ ...l, password: DEMO_PASSWORD })));
    logins.push(...helpLogins.map((l) => ({ ...l, password: DEMO_PASSWORD })));
    for (const [role, login, unit] of [['grid_worker', 'grid', firstVillages[0]], ['duty_officer', 'duty', firstTown]] as const) {
      const name = await db.selectFrom('unit').select('name').where('id', '=', unit!).executeTakeFirstOrThrow();
      logins.push({ role, login, password: DEMO_PASSWORD, unit: role === 'grid_worker' ? `${name.name} 第1网格` : name.name });
    }
  }
  await refreshStatistics(db, deps.database.dialect, [...BULK_TABLES, ...POINTS_BULK_TABLES]);
  log(`demo ready: ${units} units, ${members} members`);
  return { units, members, logins, open311 };
}
