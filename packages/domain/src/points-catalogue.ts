// The catalogues a unit starts from: a rules catalogue in the common shape (a yearly base of about
// 100 — organization life ~30, obligations ~20 (dues, keeping commitments), study, serving the
// people — plus capped bonuses and deductions tied to the ten don'ts), the common list 十为十不为,
// and 23 personal service tasks in the Yangkou style. Units adopt them and then edit their copy.
import type { PointsRule, RuleAccount } from './points.ts';

export interface CatalogueRule extends PointsRule {
  code: string;
  name: string;
  description: string;
}

const rule = (code: string, name: string, account: RuleAccount, points: number | [number, number], more: Partial<PointsRule> & { description?: string } = {}): CatalogueRule => {
  const [pointsMin, pointsMax] = Array.isArray(points) ? points : [points, points];
  return {
    code, name, account, pointsMin, pointsMax, description: more.description ?? '',
    capPerPeriod: more.capPerPeriod ?? null, cycleDays: more.cycleDays ?? null, maxPerCycle: more.maxPerCycle ?? null,
    needsEvidence: more.needsEvidence ?? false, needsApproval: more.needsApproval ?? true, veto: more.veto ?? false,
  };
};

export const DEFAULT_RULES: readonly CatalogueRule[] = [
  // 基础分: organization life (三会一课) ~30.
  rule('JC01', '参加支部党员大会', 'base', 3, { capPerPeriod: 12, cycleDays: 30, maxPerCycle: 1, description: '按时参加支部党员大会（每季度至少一次）' }),
  rule('JC02', '参加党小组会', 'base', 1, { capPerPeriod: 10, cycleDays: 20, maxPerCycle: 1, description: '按时参加党小组会' }),
  rule('JC03', '参加主题党日与党课', 'base', 1, { capPerPeriod: 8, cycleDays: 25, maxPerCycle: 1, description: '参加每月主题党日、听党课' }),
  // Obligations ~20.
  rule('JC04', '按时足额交纳党费', 'base', 1, { capPerPeriod: 12, cycleDays: 28, maxPerCycle: 1, needsApproval: false, description: '按月按时足额交纳党费' }),
  rule('JC05', '承诺践诺', 'base', [2, 4], { capPerPeriod: 8, cycleDays: 90, maxPerCycle: 1, needsEvidence: true, description: '公开承诺事项按期兑现' }),
  // Study ~10, serving the people ~10.
  rule('JC06', '参加集中学习', 'base', 1, { capPerPeriod: 10, cycleDays: 7, maxPerCycle: 1, description: '参加集中学习或专题学习' }),
  rule('JC07', '联系服务群众', 'base', 2, { capPerPeriod: 10, cycleDays: 14, maxPerCycle: 1, needsEvidence: true, description: '走访联系户、帮办实事' }),
  // 加分: capped, evidence required.
  rule('JF01', '防汛抢险值守', 'bonus', [3, 10], { capPerPeriod: 30, cycleDays: 1, maxPerCycle: 1, needsEvidence: true, description: '参加防汛抢险、巡堤值守' }),
  rule('JF02', '志愿服务', 'bonus', 2, { capPerPeriod: 20, cycleDays: 1, maxPerCycle: 1, needsEvidence: true, description: '参加志愿服务活动' }),
  rule('JF03', '成功调解矛盾纠纷', 'bonus', [3, 5], { capPerPeriod: 20, needsEvidence: true, description: '调解邻里、家庭等矛盾纠纷并达成协议' }),
  rule('JF04', '完成个人任务清单任务', 'bonus', [1, 20], { capPerPeriod: 60, needsEvidence: true, description: '认领并完成个人任务清单中的服务任务（由书记核验）' }),
  rule('JF05', '建言献策被采纳', 'bonus', 2, { capPerPeriod: 10, description: '提出的意见建议被村（社区）采纳' }),
  rule('JF06', '受到表彰奖励', 'bonus', [5, 20], { capPerPeriod: 40, needsEvidence: true, description: '受到乡镇级以上表彰' }),
  // Booked when a resident confirms a help request the member answered (see help.ts, HELP_POINTS_RULE).
  rule('QZ01', '群众求助服务', 'bonus', [2, 5], { capPerPeriod: 40, needsEvidence: false, description: '接单并办结群众求助，经群众确认后加分（按评价 2–5 分）' }),
  // 扣分: tied to the ten don'ts.
  rule('KF01', '无故不参加组织生活', 'deduction', 3, { description: '无正当理由不参加三会一课' }),
  rule('KF02', '未按时交纳党费', 'deduction', 2, { description: '无正当理由未按时足额交纳党费' }),
  rule('KF03', '违反“十不为”', 'deduction', [2, 10], { description: '有“十不为”所列行为，视情节扣分' }),
  rule('KF04', '承诺事项未兑现', 'deduction', 2, { description: '公开承诺事项无正当理由未兑现' }),
  // 一票否决.
  rule('FJ01', '受到党纪处分', 'deduction', 0, { veto: true, needsEvidence: true, description: '受到党纪处分，当期积分为零' }),
  rule('FJ02', '违法犯罪', 'deduction', 0, { veto: true, needsEvidence: true, description: '有违法犯罪行为，当期积分为零' }),
];

export interface ConductItem {
  kind: 'do' | 'dont';
  text: string;
  /** For a don't: the deduction rule a recorded violation books under. */
  ruleCode?: string;
}

/** 十为十不为: the floor and the bar of a member's conduct. */
export const DEFAULT_CONDUCT_LIST: readonly ConductItem[] = [
  { kind: 'do', text: '带头学习党的理论和政策' },
  { kind: 'do', text: '带头参加组织生活、按时交纳党费' },
  { kind: 'do', text: '带头遵守村规民约' },
  { kind: 'do', text: '带头发展产业、勤劳致富' },
  { kind: 'do', text: '带头帮扶困难群众' },
  { kind: 'do', text: '带头化解矛盾纠纷' },
  { kind: 'do', text: '带头移风易俗、文明节俭' },
  { kind: 'do', text: '带头爱护环境、美化家园' },
  { kind: 'do', text: '带头参与抢险救灾和志愿服务' },
  { kind: 'do', text: '带头建言献策、支持村级事务' },
  { kind: 'dont', text: '不信谣传谣、不发表错误言论', ruleCode: 'KF03' },
  { kind: 'dont', text: '不无故缺席组织生活', ruleCode: 'KF01' },
  { kind: 'dont', text: '不拖欠党费', ruleCode: 'KF02' },
  { kind: 'dont', text: '不参与赌博和封建迷信活动', ruleCode: 'KF03' },
  { kind: 'dont', text: '不大操大办红白喜事', ruleCode: 'KF03' },
  { kind: 'dont', text: '不违规占地建房', ruleCode: 'KF03' },
  { kind: 'dont', text: '不越级上访、不煽动闹事', ruleCode: 'KF03' },
  { kind: 'dont', text: '不乱堆乱放、不污染环境', ruleCode: 'KF03' },
  { kind: 'dont', text: '不损害集体和群众利益', ruleCode: 'KF03' },
  { kind: 'dont', text: '不违背公开承诺', ruleCode: 'KF04' },
];

export interface CatalogueTask {
  title: string;
  description: string;
  /** Specialties that fit the task (from DEFAULT_SPECIALTIES); empty: anyone. */
  specialties: readonly string[];
  points: number;
  capacity: number;
}

const task = (title: string, description: string, specialties: string[], points: number, capacity: number): CatalogueTask => ({ title, description, specialties, points, capacity });

/** 个人任务清单: 23 service tasks members claim by their specialty. */
export const DEFAULT_TASKS: readonly CatalogueTask[] = [
  task('政策宣讲', '到户宣讲惠民政策、解答群众疑问', ['文艺宣传', '教育辅导'], 3, 5),
  task('矛盾纠纷调解', '参与调解邻里、家庭矛盾纠纷', ['矛盾调解', '法律咨询'], 5, 3),
  task('探望独居老人', '定期探望独居、空巢老人，帮办小事', [], 2, 10),
  task('人居环境巡查', '巡查村内卫生死角、乱堆乱放并督促整改', [], 2, 6),
  task('农业技术帮扶', '指导农户种植、病虫害防治', ['种植技术'], 4, 3),
  task('养殖技术指导', '指导农户科学养殖、疫病防控', ['养殖技术'], 4, 3),
  task('老年人数字助老', '帮老人使用智能手机、办理线上业务', ['计算机网络'], 2, 6),
  task('农机维修服务', '为农户检修农机具', ['农机维修'], 3, 2),
  task('义务电工检修', '为困难户检修线路、排除用电隐患', ['电工'], 3, 2),
  task('水暖维修帮扶', '为困难户维修水管、暖气', ['水暖维修'], 3, 2),
  task('家电义务维修', '为群众义务维修家用电器', ['家电维修'], 2, 3),
  task('健康义诊', '为老人测血压、讲健康知识', ['医疗护理'], 3, 2),
  task('法律咨询', '为群众提供法律咨询、代写文书', ['法律咨询'], 3, 2),
  task('留守儿童辅导', '为留守儿童辅导作业、陪伴成长', ['教育辅导'], 3, 4),
  task('电商带货帮销', '帮助农户直播、网上销售农产品', ['电商直播'], 4, 3),
  task('村务财务监督', '参与村务公开、财务监督', ['财务会计'], 3, 2),
  task('文艺宣传演出', '组织排练、参加文艺宣传活动', ['文艺宣传', '书法绘画'], 2, 8),
  task('防汛巡查值守', '汛期巡堤查险、值班值守', ['防汛抢险'], 4, 6),
  task('应急救护培训', '向群众普及急救知识', ['应急救护', '医疗护理'], 3, 2),
  task('护林防火巡查', '山林防火期巡查、宣传防火知识', ['护林防火'], 3, 4),
  task('心理疏导关爱', '为困难群众、留守人员做心理疏导', ['心理疏导'], 3, 2),
  task('接送就医出行', '为行动不便的老人接送就医', ['驾驶'], 3, 3),
  task('移风易俗劝导', '劝导简办红白喜事、抵制陈规陋习', [], 2, 6),
];
