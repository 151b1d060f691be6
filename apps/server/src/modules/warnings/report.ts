// The report after the event (预警处置报告), in the reader's language and in the reader's part of
// the warning: the facts, penetration by level, the units late or silent, evacuation, alarms,
// the recovery and the timeline — as a printable PDF and as .xlsx with every unit's row.
import { beijingDateTime, hazardLabel, OUTAGE_KINDS, outageState, WARNING_LEVEL_INFO, type Locale, type OutageKind, type WarningLevel } from '@xianfeng/domain';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import type { DossierData } from '../../pdf/dossier.ts';
import { addTable, newWorkbook, workbookBuffer } from '../rolls/sheet.ts';
import { recoveryTargets } from './settings.ts';
import { dashboardFigures, timeline, warningScope } from './view.ts';

const T = {
  'zh-CN': {
    heading: '预警处置报告', level: '预警级别', hazard: '灾种', issuer: '发布单位', issued: '发布时间', effective: '生效时间', expires: '解除/失效时间', status: '状态',
    exercise: '演练', actual: '实战', reached: '覆盖单位', acknowledged: '已签收', rate: '签收率', median: '签收用时中位数', slowest: '最慢签收', overdue: '逾期未签收',
    toMove: '应转移', moved: '已转移', refused: '拒绝转移', occupants: '安置人数', alarms: '上报险情', tiers: '各级签收情况', tier: '层级', units: '单位数',
    lateUnits: '逾期或未签收单位', unit: '单位', parent: '上级', kind: '类型', notified: '通知时间', ackAt: '签收时间', seconds: '用时（秒）',
    evacuation: '转移情况', alarmList: '险情上报', place: '地点', description: '情况', alarmStatus: '状态', raisedAt: '上报时间',
    recovery: '灾后恢复', outageKind: '类别', started: '中断时间', restored: '恢复时间', hours: '中断时长（小时）', target: '目标（小时）', onTime: '是否按时',
    yes: '是', no: '否', open: '未恢复', timelineTitle: '处置时间线', at: '时间', event: '事项', who: '人员', page: '第 {n} 页，共 {total} 页', none: '—',
    statuses: { active: '生效中', cancelled: '已解除', expired: '已过期' }, minutes: (s: number) => `${Math.floor(s / 60)} 分 ${s % 60} 秒`,
    tierNames: { county: '县（市）', town: '乡镇', village: '村（社区）', branch: '支部', grid: '网格', other: '其他' } as Record<string, string>,
    summary: '概况', all: '全部单位',
  },
  en: {
    heading: 'Warning report', level: 'Level', hazard: 'Hazard', issuer: 'Issued by', issued: 'Issued', effective: 'Effective', expires: 'Cancelled / expires', status: 'Status',
    exercise: 'Exercise', actual: 'Actual', reached: 'Units reached', acknowledged: 'Acknowledged', rate: 'Acknowledged %', median: 'Median time to acknowledge', slowest: 'Slowest', overdue: 'Overdue',
    toMove: 'To move', moved: 'Moved', refused: 'Refused', occupants: 'In shelters', alarms: 'Alarms', tiers: 'Penetration by level', tier: 'Level', units: 'Units',
    lateUnits: 'Units late or silent', unit: 'Unit', parent: 'Parent', kind: 'Kind', notified: 'Notified', ackAt: 'Acknowledged', seconds: 'Seconds',
    evacuation: 'Evacuation', alarmList: 'Alarms', place: 'Place', description: 'Description', alarmStatus: 'Status', raisedAt: 'Raised',
    recovery: 'Recovery', outageKind: 'Kind', started: 'Out since', restored: 'Restored', hours: 'Hours out', target: 'Target (h)', onTime: 'On time',
    yes: 'yes', no: 'no', open: 'open', timelineTitle: 'Timeline', at: 'Time', event: 'What happened', who: 'Who', page: 'Page {n} of {total}', none: '—',
    statuses: { active: 'active', cancelled: 'cancelled', expired: 'expired' }, minutes: (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`,
    tierNames: { county: 'County', town: 'Township', village: 'Village / community', branch: 'Branch', grid: 'Grid', other: 'Other' } as Record<string, string>,
    summary: 'Summary', all: 'All units',
  },
};

/** Beijing time, as people there read it. */
async function gather(ctx: RequestCtx, warningId: number) {
  const db = ctx.deps.database.db;
  const scope = await warningScope(db, ctx, warningId);
  const w = scope.warning;
  const now = nowIso(ctx.deps);
  const figures = await dashboardFigures(db, scope, now);
  const issuer = await db.selectFrom('unit').select('name').where('id', '=', w.unit_id).executeTakeFirstOrThrow();
  let units = db
    .selectFrom('warning_unit')
    .innerJoin('unit', 'unit.id', 'warning_unit.unit_id')
    .leftJoin('unit as parent', 'parent.id', 'warning_unit.parent_id')
    .select(['unit.name', 'unit.kind', 'parent.name as parentName', 'warning_unit.notified_at', 'warning_unit.acked_at', 'warning_unit.ack_seconds', 'warning_unit.overdue_at'])
    .where('warning_unit.warning_id', '=', warningId);
  if (scope.within) units = units.where('warning_unit.unit_id', 'in', scope.within);
  const unitRows = await units.orderBy('unit.id').execute();
  let evac = db.selectFrom('evacuation_report').innerJoin('unit', 'unit.id', 'evacuation_report.unit_id').select(['unit.name', 'evacuation_report.to_move', 'evacuation_report.moved', 'evacuation_report.refused', 'evacuation_report.updated_at']).where('evacuation_report.warning_id', '=', warningId);
  if (scope.within) evac = evac.where('evacuation_report.unit_id', 'in', scope.within);
  let alarms = db
    .selectFrom('alarm')
    .innerJoin('unit', 'unit.id', 'alarm.unit_id')
    .select(['unit.name', 'alarm.kind', 'alarm.place', 'alarm.description', 'alarm.status', 'alarm.raised_at'])
    .where('alarm.raised_at', '>=', w.issued_at)
    .where('alarm.raised_at', '<=', w.cancelled_at ?? w.expires_at ?? now)
    .where('alarm.unit_id', 'in', (eb) => eb.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId));
  if (scope.within) alarms = alarms.where('alarm.unit_id', 'in', scope.within);
  let outages = db.selectFrom('outage').innerJoin('unit', 'unit.id', 'outage.unit_id').select(['unit.name', 'outage.kind', 'outage.started_at', 'outage.restored_at']).where('outage.warning_id', '=', warningId);
  if (scope.within) outages = outages.where('outage.unit_id', 'in', scope.within);
  return {
    w, now, figures, issuer: issuer.name, units: unitRows,
    evacuation: await evac.orderBy('unit.id').execute(),
    alarms: await alarms.orderBy('alarm.raised_at').execute(),
    outages: await outages.orderBy('outage.started_at').execute(),
    targets: await recoveryTargets(db),
    events: await timeline(ctx, warningId, { limit: 500 }),
  };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

function title(g: Gathered, locale: Locale) {
  return `${g.w.headline} · ${T[locale].heading}`;
}

function facts(g: Gathered, locale: Locale) {
  const t = T[locale];
  const f = g.figures;
  const level = WARNING_LEVEL_INFO[g.w.level as WarningLevel];
  return [
    { label: t.level, value: locale === 'en' ? `${level.en} (${level.grade})` : `${level.zh}（${level.grade}级）` },
    { label: t.hazard, value: hazardLabel(g.w.hazard, locale) },
    { label: t.issuer, value: g.issuer },
    { label: t.status, value: `${t.statuses[f.status]}${g.w.exercise ? ` · ${t.exercise}` : ''}` },
    { label: t.issued, value: beijingDateTime(g.w.issued_at) },
    { label: t.expires, value: beijingDateTime(g.w.cancelled_at ?? g.w.expires_at) || t.none },
    { label: t.reached, value: String(f.total.units) },
    { label: t.acknowledged, value: `${f.total.acknowledged}（${f.total.percent}%）` },
    { label: t.median, value: f.total.medianSeconds === null ? t.none : t.minutes(f.total.medianSeconds) },
    { label: t.slowest, value: f.total.slowestSeconds === null ? t.none : t.minutes(f.total.slowestSeconds) },
    { label: t.overdue, value: String(f.total.overdue) },
    { label: t.alarms, value: String(g.alarms.length) },
    { label: `${t.toMove} / ${t.moved} / ${t.refused}`, value: `${f.evacuation.toMove} / ${f.evacuation.moved} / ${f.evacuation.refused}` },
    { label: t.occupants, value: `${f.evacuation.occupants} / ${f.evacuation.capacity}` },
  ];
}

function outageRow(g: Gathered, o: Gathered['outages'][number], locale: Locale) {
  const t = T[locale];
  const state = outageState({ kind: o.kind as OutageKind, startedAt: o.started_at, restoredAt: o.restored_at }, g.now, g.targets);
  const kind = OUTAGE_KINDS.find((k) => k.value === o.kind);
  return [o.name, (locale === 'en' ? kind?.en : kind?.zh) ?? o.kind, beijingDateTime(o.started_at), o.restored_at ? beijingDateTime(o.restored_at) : t.open, String(state.hoursOut), String(state.targetHours), state.overdue ? t.no : t.yes];
}

/** One timeline entry as a sentence of the report. */
function eventText(e: Gathered['events'][number], locale: Locale) {
  const d = e.detail as Record<string, unknown>;
  const t = T[locale];
  const unit = e.unitName ?? '';
  const n = (k: string) => Number(d[k] ?? 0);
  const outage = () => {
    const kind = OUTAGE_KINDS.find((k) => k.value === d.kind);
    return (locale === 'en' ? kind?.en : kind?.zh) ?? String(d.kind);
  };
  const zh: Record<string, () => string> = {
    issued: () => `发布预警${Array.isArray(d.areas) ? `，覆盖${(d.areas as string[]).join('、')}` : ''}`,
    updated: () => `更新预警${d.raised ? `，级别提高为${WARNING_LEVEL_INFO[d.level as WarningLevel]?.zh ?? ''}` : ''}`,
    cancelled: () => `解除预警：${String(d.reason ?? '')}`,
    fanout_done: () => `已送达 ${n('units')} 个单位`,
    acknowledged: () => `${unit} 签收，用时 ${t.minutes(n('seconds'))}${d.simulated ? '（模拟）' : ''}`,
    reminder: () => `提醒 ${n('units')} 个未签收单位`,
    escalated: () => `${n('units')} 个单位逾期未签收，已通知上级值班人员和备用联系人`,
    evacuation_reported: () => `${unit} 报告转移：应转移 ${n('toMove')} 人，已转移 ${n('moved')} 人，拒绝 ${n('refused')} 人`,
    shelter_updated: () => `${unit} 安置点现有 ${n('occupants')} 人`,
    household_checked: () => `${unit} 核对住户转移情况`,
    alarm_raised: () => `${unit} 上报险情：${String(d.place ?? '')}`,
    outage_reported: () => `${unit} ${outage()}中断`,
    outage_restored: () => `${unit} ${outage()}恢复，历时 ${n('hours')} 小时`,
  };
  const en: Record<string, () => string> = {
    issued: () => `Issued${Array.isArray(d.areas) ? ` for ${(d.areas as string[]).join(', ')}` : ''}`,
    updated: () => `Updated${d.raised ? `, level raised to ${WARNING_LEVEL_INFO[d.level as WarningLevel]?.en ?? ''}` : ''}`,
    cancelled: () => `Cancelled: ${String(d.reason ?? '')}`,
    fanout_done: () => `Delivered to ${n('units')} units`,
    acknowledged: () => `${unit} acknowledged after ${t.minutes(n('seconds'))}${d.simulated ? ' (simulated)' : ''}`,
    reminder: () => `${n('units')} silent units reminded`,
    escalated: () => `${n('units')} units overdue; their parents' duty officers and backup contacts told`,
    evacuation_reported: () => `${unit} reports evacuation: ${n('moved')} of ${n('toMove')} moved, ${n('refused')} refused`,
    shelter_updated: () => `${unit}: ${n('occupants')} people in a shelter`,
    household_checked: () => `${unit} checked households`,
    alarm_raised: () => `${unit} raised an alarm: ${String(d.place ?? '')}`,
    outage_reported: () => `${unit}: ${outage()} out`,
    outage_restored: () => `${unit}: ${outage()} restored after ${n('hours')} h`,
  };
  return ((locale === 'en' ? en : zh)[e.kind] ?? (() => `${e.kind} ${unit}`))();
}

export async function reportPdf(ctx: RequestCtx, warningId: number): Promise<{ name: string; pdf: Buffer }> {
  const g = await gather(ctx, warningId);
  const t = T[ctx.locale];
  const late = g.units.filter((u) => u.overdue_at !== null || u.acked_at === null);
  const data: DossierData = {
    heading: title(g, ctx.locale),
    generatedAt: beijingDateTime(g.now),
    facts: facts(g, ctx.locale),
    labels: { page: t.page },
    sections: [
      { title: t.tiers, columns: [t.tier, t.units, t.acknowledged, t.rate, t.median, t.slowest, t.overdue], rows: g.figures.tiers.map((r) => ({ cells: [t.tierNames[r.tier] ?? r.tier, String(r.units), String(r.acknowledged), `${r.percent}%`, r.medianSeconds === null ? t.none : t.minutes(r.medianSeconds), r.slowestSeconds === null ? t.none : t.minutes(r.slowestSeconds), String(r.overdue)] })) },
      { title: t.lateUnits, columns: [t.unit, t.parent, t.notified, t.ackAt], rows: late.slice(0, 300).map((u) => ({ cells: [u.name, u.parentName ?? '', beijingDateTime(u.notified_at), beijingDateTime(u.acked_at) || t.none] })) },
      { title: t.evacuation, columns: [t.unit, t.toMove, t.moved, t.refused], rows: g.evacuation.map((e) => ({ cells: [e.name, String(e.to_move), String(e.moved), String(e.refused)] })) },
      { title: t.alarmList, columns: [t.raisedAt, t.unit, t.place, t.description, t.alarmStatus], rows: g.alarms.map((a) => ({ cells: [beijingDateTime(a.raised_at), a.name, a.place, a.description, a.status] })) },
      { title: t.recovery, columns: [t.unit, t.outageKind, t.started, t.restored, t.hours, t.target, t.onTime], rows: g.outages.map((o) => ({ cells: outageRow(g, o, ctx.locale) })) },
      { title: t.timelineTitle, columns: [t.at, t.event, t.who], rows: g.events.map((e) => ({ cells: [beijingDateTime(e.at), eventText(e, ctx.locale), e.actorName ?? ''] })) },
    ],
  };
  // pdfkit and its fonts load with the first PDF, not with every server process.
  const { renderDossier } = await import('../../pdf/dossier.ts');
  return { name: title(g, ctx.locale), pdf: await renderDossier(data) };
}

export async function reportXlsx(ctx: RequestCtx, warningId: number): Promise<{ name: string; buffer: Buffer }> {
  const g = await gather(ctx, warningId);
  const t = T[ctx.locale];
  const wb = await newWorkbook();
  const summary = addTable(wb, t.summary, [{ header: t.summary, width: 28 }, { header: ' ', width: 48 }]);
  for (const f of facts(g, ctx.locale)) summary.addRow([f.label, f.value]);
  const tiers = addTable(wb, t.tiers, [{ header: t.tier }, { header: t.units }, { header: t.acknowledged }, { header: t.rate }, { header: t.median, width: 20 }, { header: t.slowest, width: 20 }, { header: t.overdue }]);
  for (const r of g.figures.tiers) tiers.addRow([t.tierNames[r.tier] ?? r.tier, r.units, r.acknowledged, r.percent / 100, r.medianSeconds, r.slowestSeconds, r.overdue]);
  tiers.getColumn(4).numFmt = '0.0%';
  const units = addTable(wb, t.all, [{ header: t.unit, width: 30 }, { header: t.kind }, { header: t.parent, width: 30 }, { header: t.notified, width: 18 }, { header: t.ackAt, width: 18 }, { header: t.seconds }, { header: t.overdue }]);
  for (const u of g.units) units.addRow([u.name, u.kind, u.parentName ?? '', beijingDateTime(u.notified_at), beijingDateTime(u.acked_at), u.ack_seconds, u.overdue_at ? t.yes : t.no]);
  const evac = addTable(wb, t.evacuation, [{ header: t.unit, width: 30 }, { header: t.toMove }, { header: t.moved }, { header: t.refused }]);
  for (const e of g.evacuation) evac.addRow([e.name, e.to_move, e.moved, e.refused]);
  const alarms = addTable(wb, t.alarmList, [{ header: t.raisedAt, width: 18 }, { header: t.unit, width: 24 }, { header: t.place, width: 24 }, { header: t.description, width: 50 }, { header: t.alarmStatus }]);
  for (const a of g.alarms) alarms.addRow([beijingDateTime(a.raised_at), a.name, a.place, a.description, a.status]);
  const recovery = addTable(wb, t.recovery, [{ header: t.unit, width: 24 }, { header: t.outageKind }, { header: t.started, width: 18 }, { header: t.restored, width: 18 }, { header: t.hours }, { header: t.target }, { header: t.onTime }]);
  for (const o of g.outages) recovery.addRow(outageRow(g, o, ctx.locale));
  const events = addTable(wb, t.timelineTitle, [{ header: t.at, width: 18 }, { header: t.event, width: 70 }, { header: t.who, width: 20 }]);
  for (const e of g.events) events.addRow([beijingDateTime(e.at), eventText(e, ctx.locale), e.actorName ?? '']);
  return { name: title(g, ctx.locale), buffer: await workbookBuffer(wb) };
}
