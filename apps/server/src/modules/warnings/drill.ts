// 演练: a drill is an exercise warning (CAP status Exercise, kept apart in every figure) over a
// unit's subtree, started in one click from the warnings page. On a demo installation the
// villages "answer" by themselves — simulated acknowledgements arrive over a minute, marked as
// such in the timeline — so someone trying 先锋 out can watch the cascade live. On a real
// installation a drill is acknowledged by real people, like any warning.
import { effectiveStatus } from '@xianfeng/domain';
import { nowIso, type Deps, type RequestCtx } from '../../core/context.ts';
import { completeJob, scheduleJob, type Job } from '../../core/jobs.ts';
import { issueWarning } from './issue.ts';
import * as repo from './repo.ts';

export const SIMULATE_JOB = 'warning.simulate';
export const DEMO_SETTING = 'demo.installation';
const ROUNDS = 12;
const ROUND_SECONDS = 5;
/** Share of units that stay silent in a simulation, so reminders and escalation have something to show. */
const SILENT_SHARE = 0.1;

export async function startDrill(ctx: RequestCtx, unitId: number) {
  const id = await issueWarning(ctx, {
    unitId, hazard: 'typhoon', level: 'orange', headline: '防台风应急演练',
    description: '【演练】模拟台风橙色预警：预计 24 小时内受台风影响，沿海和山区有暴雨到大暴雨。本消息为应急演练，请按实战要求签收并报告转移情况。',
    instruction: '【演练】请各村（社区）立即签收，检查安置点，核对需优先转移人员名单。',
    areaUnitIds: [unitId], exercise: true,
  });
  const demo = await ctx.deps.database.db.selectFrom('system_setting').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
  if (demo) {
    const start = ctx.deps.now().getTime();
    for (let round = 1; round <= ROUNDS; round++) {
      await scheduleJob(ctx.deps.database.db, { kind: SIMULATE_JOB, refId: id, step: round, runAt: new Date(start + round * ROUND_SECONDS * 1000).toISOString(), now: nowIso(ctx.deps) });
    }
  }
  return { id, simulated: !!demo };
}

/** Job handler: one round of simulated acknowledgements (a slice of the silent units, chosen by id). */
export async function runSimulation(deps: Deps, job: Job) {
  const db = deps.database.db;
  const now = nowIso(deps);
  let acked = 0;
  await db.transaction().execute(async (tx) => {
    const warning = await repo.getWarning(tx, job.ref_id);
    if (warning && warning.exercise === 1 && effectiveStatus({ status: warning.status, expiresAt: warning.expires_at }, now) === 'active') {
      const all = await tx.selectFrom('warning_unit').select(['unit_id', 'acked_at', 'notified_at']).where('warning_id', '=', warning.id).orderBy('unit_id').execute();
      // A fixed pseudo-random order per warning: each round answers the next slice, the last tenth never does.
      const order = all.map((u) => u.unit_id).sort((a, b) => hash(a * 7919 + warning.id) - hash(b * 7919 + warning.id));
      const answering = order.slice(0, Math.floor(order.length * (1 - SILENT_SHARE)));
      const perRound = Math.ceil(answering.length / ROUNDS);
      const slice = answering.slice((job.step - 1) * perRound, job.step * perRound).filter((id) => !all.find((u) => u.unit_id === id)?.acked_at);
      if (slice.length) {
        for (const unitId of slice) {
          const notifiedAt = all.find((u) => u.unit_id === unitId)!.notified_at;
          const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(notifiedAt)) / 1000));
          const result = await tx.updateTable('warning_unit').set({ acked_at: now, ack_seconds: seconds }).where('warning_id', '=', warning.id).where('unit_id', '=', unitId).where('acked_at', 'is', null).executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) continue;
          acked += 1;
          await repo.appendEvent(tx, { warningId: warning.id, unitId, kind: 'acknowledged', detail: { simulated: true, seconds }, now });
        }
      }
    }
    await completeJob(tx, job.id, now);
  });
  if (acked) await deps.events.publish({ topic: 'warning', warningId: job.ref_id, kind: 'acknowledged', at: now });
}

function hash(n: number) {
  let x = n | 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}
