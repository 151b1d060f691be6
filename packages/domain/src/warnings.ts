// The county–town–village warning cascade (三级联动): hazard types, the four warning levels and
// their CAP severities, acknowledgement deadlines and the escalation plan, evacuation figures,
// alarms and recovery targets. Pure rules: the server stores, schedules and notifies.

export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** Level → the national names (蓝色预警 = IV, 一般) and the CAP severity the national system uses. */
export const WARNING_LEVEL_INFO: Readonly<Record<WarningLevel, { zh: string; en: string; grade: string; capSeverity: CapSeverity; rank: number }>> = {
  blue: { zh: '蓝色', en: 'Blue', grade: 'IV', capSeverity: 'Minor', rank: 1 },
  yellow: { zh: '黄色', en: 'Yellow', grade: 'III', capSeverity: 'Moderate', rank: 2 },
  orange: { zh: '橙色', en: 'Orange', grade: 'II', capSeverity: 'Severe', rank: 3 },
  red: { zh: '红色', en: 'Red', grade: 'I', capSeverity: 'Extreme', rank: 4 },
};

export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';

export function isWarningLevel(value: unknown): value is WarningLevel {
  return typeof value === 'string' && (WARNING_LEVELS as readonly string[]).includes(value);
}

/** An imported CAP alert's severity becomes a level; Unknown is treated as the lowest (blue). */
export function levelFromCapSeverity(severity: string): WarningLevel {
  const found = WARNING_LEVELS.find((l) => WARNING_LEVEL_INFO[l].capSeverity === severity);
  return found ?? 'blue';
}

/** Recognizes the level from a Chinese event name such as 台风红色预警 when the severity is missing. */
export function levelFromText(text: string): WarningLevel | undefined {
  return WARNING_LEVELS.find((l) => text.includes(WARNING_LEVEL_INFO[l].zh));
}

export const HAZARD_TYPES = [
  { value: 'typhoon', zh: '台风', en: 'Typhoon', capCategory: 'Met' },
  { value: 'rainstorm', zh: '暴雨', en: 'Rainstorm', capCategory: 'Met' },
  { value: 'flood', zh: '洪水', en: 'Flood', capCategory: 'Met' },
  { value: 'landslide', zh: '山体滑坡/地质灾害', en: 'Landslide / geological hazard', capCategory: 'Geo' },
  { value: 'heat', zh: '高温', en: 'Heat wave', capCategory: 'Met' },
  { value: 'cold', zh: '寒潮', en: 'Cold wave', capCategory: 'Met' },
  { value: 'gale', zh: '大风', en: 'Gale', capCategory: 'Met' },
  { value: 'thunderstorm', zh: '雷电', en: 'Thunderstorm', capCategory: 'Met' },
  { value: 'snow', zh: '暴雪', en: 'Snowstorm', capCategory: 'Met' },
  { value: 'earthquake', zh: '地震', en: 'Earthquake', capCategory: 'Geo' },
  { value: 'forest_fire', zh: '森林火险', en: 'Forest fire', capCategory: 'Fire' },
  { value: 'other', zh: '其他', en: 'Other', capCategory: 'Other' },
] as const;
export type HazardType = (typeof HAZARD_TYPES)[number]['value'];
export const HAZARD_TYPE_VALUES: readonly HazardType[] = HAZARD_TYPES.map((h) => h.value);

export function isHazardType(value: unknown): value is HazardType {
  return typeof value === 'string' && (HAZARD_TYPE_VALUES as readonly string[]).includes(value);
}

/** Guesses the hazard of an imported alert from its event text (台风…, Thunderstorm…); else 'other'. */
export function hazardFromText(text: string): HazardType {
  const lower = text.toLowerCase();
  const found = HAZARD_TYPES.find((h) => h.value !== 'other' && (text.includes(h.zh.split('/')[0]!) || lower.includes(h.en.split(' ')[0]!.toLowerCase())));
  return found?.value ?? 'other';
}

export function hazardLabel(hazard: string, locale: 'zh-CN' | 'en'): string {
  const h = HAZARD_TYPES.find((x) => x.value === hazard);
  if (!h) return hazard;
  return locale === 'en' ? h.en : h.zh;
}

/** The usual Chinese title: 台风红色预警. */
export function warningTitle(hazard: string, level: WarningLevel, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const info = WARNING_LEVEL_INFO[level];
  if (locale === 'en') return `${hazardLabel(hazard, 'en')} ${info.en.toLowerCase()} warning`;
  return `${hazardLabel(hazard, 'zh-CN').split('/')[0]}${info.zh}预警`;
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement deadlines and escalation

/** Minutes a unit has to acknowledge (签收), per level; configurable by the administrator. */
export type AckDeadlines = Readonly<Record<WarningLevel, number>>;
export const DEFAULT_ACK_DEADLINES: AckDeadlines = { red: 10, orange: 20, yellow: 30, blue: 60 };

export function validateAckDeadlines(value: Record<string, unknown>): value is Record<WarningLevel, number> {
  return WARNING_LEVELS.every((l) => Number.isInteger(value[l]) && (value[l] as number) >= 1 && (value[l] as number) <= 24 * 60);
}

/**
 * What happens to a unit that stays silent: at half its deadline its own responsible people are
 * reminded; at the deadline it is marked overdue and the parent unit's duty officers and the
 * unit's backup contacts are told. Steps are numbered so a step is done at most once per unit.
 */
export const ESCALATION_STEPS = [
  { step: 1, kind: 'reminder', atFraction: 0.5 },
  { step: 2, kind: 'escalation', atFraction: 1 },
] as const;
export type EscalationKind = (typeof ESCALATION_STEPS)[number]['kind'];

/** When each escalation step falls due for a warning issued (or raised in level) at `fromIso`. */
export function escalationSchedule(fromIso: string, level: WarningLevel, deadlines: AckDeadlines = DEFAULT_ACK_DEADLINES) {
  const start = Date.parse(fromIso);
  const minutes = deadlines[level];
  return ESCALATION_STEPS.map((s) => ({ step: s.step, kind: s.kind, dueAt: new Date(start + s.atFraction * minutes * 60_000).toISOString() }));
}

export function ackDeadline(fromIso: string, level: WarningLevel, deadlines: AckDeadlines = DEFAULT_ACK_DEADLINES): string {
  return new Date(Date.parse(fromIso) + deadlines[level] * 60_000).toISOString();
}

// ---------------------------------------------------------------------------------------------
// A warning's life

export const WARNING_STATUSES = ['active', 'cancelled', 'expired'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** The status a warning shows at `nowIso`: a cancelled one stays cancelled; past its expiry it has expired. */
export function effectiveStatus(w: { status: string; expiresAt: string | null }, nowIso: string): WarningStatus {
  if (w.status === 'cancelled') return 'cancelled';
  if (w.expiresAt && w.expiresAt <= nowIso) return 'expired';
  return 'active';
}

export type WarningInputIssue = 'warning.no_area' | 'warning.expiry_before_effective' | 'warning.expired_already';

/** The rules a warning's times and areas must satisfy, whether typed in or imported. */
export function checkWarningInput(input: { unitIds: readonly number[]; effectiveAt: string; expiresAt: string | null }, nowIso: string): WarningInputIssue[] {
  const issues: WarningInputIssue[] = [];
  if (input.unitIds.length === 0) issues.push('warning.no_area');
  if (input.expiresAt) {
    if (input.expiresAt <= input.effectiveAt) issues.push('warning.expiry_before_effective');
    else if (input.expiresAt <= nowIso) issues.push('warning.expired_already');
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Penetration figures (how far a warning has reached), computed from each unit's times

export interface UnitAckFact {
  kind: string;
  notifiedAt: string;
  ackedAt: string | null;
  overdue: boolean;
}

export interface Penetration {
  units: number;
  acknowledged: number;
  /** 0–100, one decimal. */
  percent: number;
  overdue: number;
  /** Seconds from notification to acknowledgement. */
  medianSeconds: number | null;
  slowestSeconds: number | null;
}

export function penetration(facts: readonly UnitAckFact[]): Penetration {
  const seconds = facts
    .filter((f) => f.ackedAt)
    .map((f) => Math.max(0, (Date.parse(f.ackedAt!) - Date.parse(f.notifiedAt)) / 1000))
    .sort((a, b) => a - b);
  const n = seconds.length;
  const median = n === 0 ? null : n % 2 ? seconds[(n - 1) / 2]! : (seconds[n / 2 - 1]! + seconds[n / 2]!) / 2;
  return {
    units: facts.length,
    acknowledged: n,
    percent: facts.length ? Math.round((n / facts.length) * 1000) / 10 : 0,
    overdue: facts.filter((f) => f.overdue && !f.ackedAt).length,
    medianSeconds: median === null ? null : Math.round(median),
    slowestSeconds: n ? Math.round(seconds[n - 1]!) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Evacuation (转移)

export const VULNERABLE_CATEGORIES = [
  { value: 'elderly_alone', zh: '独居老人', en: 'Elderly living alone' },
  { value: 'disabled', zh: '残疾人', en: 'Disabled' },
  { value: 'pregnant', zh: '孕妇', en: 'Pregnant woman' },
  { value: 'left_behind_child', zh: '留守儿童', en: 'Child left behind' },
  { value: 'bedridden', zh: '重病卧床', en: 'Seriously ill, bedridden' },
  { value: 'other', zh: '其他需帮扶', en: 'Other, needs help' },
] as const;
export type VulnerableCategory = (typeof VULNERABLE_CATEGORIES)[number]['value'];
export const VULNERABLE_CATEGORY_VALUES: readonly VulnerableCategory[] = VULNERABLE_CATEGORIES.map((c) => c.value);

export interface EvacuationFigures {
  toMove: number;
  moved: number;
  refused: number;
}

export type EvacuationIssue = 'evacuation.negative' | 'evacuation.moved_exceeds' | 'evacuation.total_exceeds';

/** A village's report must add up: nobody moved or refusing who was not counted as to be moved. */
export function checkEvacuation(f: EvacuationFigures): EvacuationIssue[] {
  if ([f.toMove, f.moved, f.refused].some((n) => !Number.isInteger(n) || n < 0)) return ['evacuation.negative'];
  if (f.moved > f.toMove) return ['evacuation.moved_exceeds'];
  if (f.moved + f.refused > f.toMove) return ['evacuation.total_exceeds'];
  return [];
}

export const CHECK_STATUSES = ['pending', 'moved', 'refused', 'not_home'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Bottom-up alarms (上报)

export const ALARM_KINDS = [
  { value: 'landslide_sign', zh: '山体滑坡前兆', en: 'Landslide precursors' },
  { value: 'dyke_seepage', zh: '堤坝渗漏/管涌', en: 'Dyke seepage or piping' },
  { value: 'trapped', zh: '群众被困', en: 'People trapped' },
  { value: 'flooding', zh: '内涝积水', en: 'Flooding' },
  { value: 'building_danger', zh: '房屋险情', en: 'Building in danger' },
  { value: 'road_blocked', zh: '道路中断', en: 'Road cut off' },
  { value: 'fire', zh: '火情', en: 'Fire' },
  { value: 'other', zh: '其他险情', en: 'Other danger' },
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number]['value'];
export const ALARM_KIND_VALUES: readonly AlarmKind[] = ALARM_KINDS.map((k) => k.value);

export const ALARM_STATUSES = ['open', 'handling', 'promoted', 'closed'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** An alarm must say where: coordinates, or a place description someone can find. */
export function alarmHasLocation(a: { latitude?: number | null; longitude?: number | null; place?: string | null }): boolean {
  const hasCoords = typeof a.latitude === 'number' && typeof a.longitude === 'number' && Math.abs(a.latitude) <= 90 && Math.abs(a.longitude) <= 180;
  return hasCoords || (typeof a.place === 'string' && a.place.trim().length >= 2);
}

// ---------------------------------------------------------------------------------------------
// Recovery (灾后恢复)

export const OUTAGE_KINDS = [
  { value: 'road', zh: '道路', en: 'Roads', defaultHours: 24 },
  { value: 'power', zh: '电力', en: 'Power', defaultHours: 36 },
  { value: 'water', zh: '供水', en: 'Water', defaultHours: 48 },
  { value: 'comms', zh: '通信', en: 'Communications', defaultHours: 24 },
] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number]['value'];
export const OUTAGE_KIND_VALUES: readonly OutageKind[] = OUTAGE_KINDS.map((k) => k.value);
export type RecoveryTargets = Readonly<Record<OutageKind, number>>;
export const DEFAULT_RECOVERY_TARGETS: RecoveryTargets = Object.fromEntries(OUTAGE_KINDS.map((k) => [k.value, k.defaultHours])) as Record<OutageKind, number>;

export interface OutageState {
  hoursOut: number;
  targetHours: number;
  restored: boolean;
  overdue: boolean;
}

/** How long an outage has lasted (until restored, or until now) against its target. */
export function outageState(o: { kind: OutageKind; startedAt: string; restoredAt: string | null }, nowIso: string, targets: RecoveryTargets = DEFAULT_RECOVERY_TARGETS): OutageState {
  const end = Date.parse(o.restoredAt ?? nowIso);
  const hoursOut = Math.max(0, (end - Date.parse(o.startedAt)) / 3_600_000);
  const targetHours = targets[o.kind];
  return { hoursOut: Math.round(hoursOut * 10) / 10, targetHours, restored: o.restoredAt !== null, overdue: hoursOut > targetHours };
}

/**
 * Restoration over time for the chart: for each hour since the first outage began, how many
 * outages of each kind were still open.
 */
export function restorationCurve(outages: ReadonlyArray<{ kind: OutageKind; startedAt: string; restoredAt: string | null }>, nowIso: string, stepHours = 1) {
  if (outages.length === 0) return [];
  const start = Math.min(...outages.map((o) => Date.parse(o.startedAt)));
  const lastEvent = Math.max(Date.parse(nowIso) < start ? start : Math.min(Date.parse(nowIso), Math.max(...outages.map((o) => Date.parse(o.restoredAt ?? nowIso)))), start);
  const points: Array<{ hour: number; at: string; open: Record<OutageKind, number> }> = [];
  const step = stepHours * 3_600_000;
  for (let t = start, hour = 0; t <= lastEvent + step - 1 && points.length < 24 * 30; t += step, hour += stepHours) {
    const open = Object.fromEntries(OUTAGE_KIND_VALUES.map((k) => [k, 0])) as Record<OutageKind, number>;
    for (const o of outages) {
      if (Date.parse(o.startedAt) <= t && (o.restoredAt === null || Date.parse(o.restoredAt) > t)) open[o.kind] += 1;
    }
    points.push({ hour, at: new Date(t).toISOString(), open });
  }
  return points;
}

export function validateRecoveryTargets(value: Record<string, unknown>): value is Record<OutageKind, number> {
  return OUTAGE_KIND_VALUES.every((k) => typeof value[k] === 'number' && (value[k] as number) > 0 && (value[k] as number) <= 24 * 30);
}

// ---------------------------------------------------------------------------------------------
// GB/T 2260 area codes and CAP identifiers

/** A GB/T 2260 administrative division code: 6 digits (county level), or 9/12 with town/village parts. */
export function isAreaCode(value: string): boolean {
  return /^\d{6}(\d{3}(\d{3})?)?$/.test(value);
}

/**
 * The national warning release system's identifier shape:
 * `<6-digit area code><org code>_<YYYYMMDDhhmmss>_<n>`, with the time in China.
 */
export function capIdentifier(areaCode: string, orgCode: string, sentIso: string, serial: number): string {
  const local = new Date(Date.parse(sentIso) + 8 * 3_600_000).toISOString();
  const stamp = local.slice(0, 19).replace(/[-T:]/g, '');
  const area = isAreaCode(areaCode) ? areaCode.slice(0, 6) : '000000';
  return `${area}${orgCode.replace(/[^0-9A-Za-z]/g, '')}_${stamp}_${serial}`;
}

/** CAP date-times carry an explicit offset and never "Z": China is +08:00. */
export function capDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}
