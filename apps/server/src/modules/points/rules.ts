// The rules catalogue and the points settings of a unit, both inherited down the tree: a unit's own
// rule of a code overrides its ancestors' rule of that code (and may switch it off).
import { DEFAULT_RULES, validateRule, type PeriodKind, type PointsRule, type RuleAccount } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { settingsFor } from './ledger.ts';
import * as repo from './repo.ts';

export function presentRule(r: repo.RuleRow, forUnitId?: number) {
  return {
    id: r.id,
    unitId: r.unit_id,
    code: r.code,
    name: r.name,
    description: r.description,
    account: r.account as RuleAccount,
    pointsMin: r.points_min,
    pointsMax: r.points_max,
    capPerPeriod: r.cap_per_period,
    cycleDays: r.cycle_days,
    maxPerCycle: r.max_per_cycle,
    needsEvidence: r.needs_evidence === 1,
    needsApproval: r.needs_approval === 1,
    veto: r.veto === 1,
    active: r.active === 1,
    /** Defined by an ancestor unit, not by the unit asked about. */
    inherited: forUnitId !== undefined && r.unit_id !== forUnitId,
  };
}

export function asDomainRule(r: repo.RuleRow): PointsRule {
  return {
    account: r.account as RuleAccount, pointsMin: r.points_min, pointsMax: r.points_max, capPerPeriod: r.cap_per_period, cycleDays: r.cycle_days,
    maxPerCycle: r.max_per_cycle, needsEvidence: r.needs_evidence === 1, needsApproval: r.needs_approval === 1, veto: r.veto === 1,
  };
}

/** The rules in force for a unit: per code, the nearest definition (switched-off ones included). */
export async function effectiveRules(db: Db, unitId: number) {
  const rows = await repo.rulesAbove(db, unitId);
  const byCode = new Map<string, repo.RuleRow>();
  for (const r of rows) if (!byCode.has(r.code)) byCode.set(r.code, r);
  return [...byCode.values()];
}

/** The rule, if it is the one in force for the unit and switched on. */
export async function ruleInForce(db: Db, unitId: number, ruleId: number) {
  const rule = (await effectiveRules(db, unitId)).find((r) => r.id === ruleId);
  return rule && rule.active === 1 ? rule : undefined;
}

export async function listRules(ctx: RequestCtx, unitId: number, includeInactive: boolean) {
  await requireUnitAccess(ctx.deps.database.db, ctx.auth, 'points.read', unitId);
  const rules = await effectiveRules(ctx.deps.database.db, unitId);
  return { items: rules.filter((r) => includeInactive || r.active === 1).map((r) => presentRule(r, unitId)) };
}

export interface RuleInput {
  code: string;
  name: string;
  description?: string;
  account: RuleAccount;
  pointsMin: number;
  pointsMax: number;
  capPerPeriod?: number | null;
  cycleDays?: number | null;
  maxPerCycle?: number | null;
  needsEvidence?: boolean;
  needsApproval?: boolean;
  veto?: boolean;
  active?: boolean;
}

function rowValues(input: RuleInput) {
  const rule: PointsRule = {
    account: input.account, pointsMin: input.pointsMin, pointsMax: input.pointsMax, capPerPeriod: input.capPerPeriod ?? null, cycleDays: input.cycleDays ?? null,
    maxPerCycle: input.maxPerCycle ?? null, needsEvidence: input.needsEvidence ?? false, needsApproval: input.needsApproval ?? true, veto: input.veto ?? false,
  };
  const issues = validateRule(rule);
  if (issues.length) throw invalid(issues);
  return {
    code: input.code, name: input.name, description: input.description ?? '', account: rule.account, points_min: rule.pointsMin, points_max: rule.pointsMax,
    cap_per_period: rule.capPerPeriod, cycle_days: rule.cycleDays, max_per_cycle: rule.maxPerCycle, needs_evidence: rule.needsEvidence ? 1 : 0,
    needs_approval: rule.needsApproval ? 1 : 0, veto: rule.veto ? 1 : 0, active: input.active === false ? 0 : 1,
  };
}

/** A rule of the unit's own: new, or overriding an inherited rule of the same code. */
export async function createRule(ctx: RequestCtx, unitId: number, input: RuleInput) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  const values = rowValues(input);
  if (await repo.ruleByCode(db, unitId, input.code)) throw conflict('points.rule_code_taken', { code: input.code }, [{ field: 'code', code: 'points.rule_code_taken', params: { code: input.code } }]);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (trx) => {
    const [{ id }] = await repo.insertRules(trx, [{ unit_id: unitId, ...values, created_at: now, updated_at: now }]);
    await recordAudit(trx, ctx, { entityType: 'points_rule', entityId: id, unitId, action: 'points.rule.create', after: values });
    return id;
  });
  return presentRule((await repo.ruleById(db, id))!, unitId);
}

export async function updateRule(ctx: RequestCtx, id: number, input: Partial<RuleInput>) {
  const db = ctx.deps.database.db;
  const current = await repo.ruleById(db, id);
  if (!current) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'points.manage', current.unit_id);
  const merged = { ...presentRule(current), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as RuleInput;
  const values = rowValues(merged);
  if (values.code !== current.code && (await repo.ruleByCode(db, current.unit_id, values.code))) {
    throw conflict('points.rule_code_taken', { code: values.code }, [{ field: 'code', code: 'points.rule_code_taken', params: { code: values.code } }]);
  }
  const diff = changedFields(current as unknown as Record<string, unknown>, values);
  if (diff.changed) {
    await db.transaction().execute(async (trx) => {
      await repo.updateRule(trx, id, { ...values, updated_at: nowIso(ctx.deps) });
      await recordAudit(trx, ctx, { entityType: 'points_rule', entityId: id, unitId: current.unit_id, action: 'points.rule.update', before: diff.before, after: diff.after });
    });
  }
  return presentRule((await repo.ruleById(db, id))!, current.unit_id);
}

/** The shipped catalogue as rule rows of a unit. */
export function catalogueRows(unitId: number, now: string) {
  return DEFAULT_RULES.map((r) => ({ unit_id: unitId, ...rowValues(r), created_at: now, updated_at: now }));
}

/** Copies the shipped catalogue into the unit (codes it already has are left alone). */
export async function adoptDefaults(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  const now = nowIso(ctx.deps);
  return db.transaction().execute(async (trx) => {
    const own = new Set((await repo.rulesAbove(trx, unitId)).filter((r) => r.unit_id === unitId).map((r) => r.code));
    const rows = catalogueRows(unitId, now).filter((r) => !own.has(r.code));
    await repo.insertRules(trx, rows);
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: unitId, unitId, action: 'points.rule.adopt_defaults', after: { codes: rows.map((r) => r.code) } });
    return { adopted: rows.length };
  });
}

export async function getSettings(ctx: RequestCtx, unitId: number) {
  await requireUnitAccess(ctx.deps.database.db, ctx.auth, 'points.read', unitId);
  const s = await settingsFor(ctx.deps.database.db, unitId);
  return { ...s, inherited: s.unitId !== unitId };
}

export async function saveSettings(ctx: RequestCtx, unitId: number, input: { periodKind: PeriodKind; boardEnabled: boolean; balanceExpires: boolean }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.manage', unitId);
  const before = await settingsFor(db, unitId);
  await db.transaction().execute(async (trx) => {
    await repo.saveSettings(trx, unitId, { period_kind: input.periodKind, board_enabled: input.boardEnabled ? 1 : 0, balance_expires: input.balanceExpires ? 1 : 0 }, nowIso(ctx.deps));
    await recordAudit(trx, ctx, { entityType: 'points_settings', entityId: unitId, unitId, action: 'points.settings.update', before, after: input });
  });
  return getSettings(ctx, unitId);
}
