// The cascade's durable work: fan-out of a warning to every covered unit and its people, and the
// escalation steps of units that stay silent. Both run as jobs (core/jobs.ts): the issuing request
// runs the fan-out at once, and if the process dies half-way the worker of any app server resumes
// it from its cursor after restart.
import { effectiveStatus, ESCALATION_STEPS, escalationSchedule, type WarningLevel } from '@xianfeng/domain';
import { claimJob, completeJob, leaseUntil, scheduleJob, type Job } from '../../core/jobs.ts';
import { nowIso, type Db, type Deps } from '../../core/context.ts';
import { enqueueWarningEvent } from '../notifications/outbound.ts';
import * as repo from './repo.ts';
import { ackDeadlines } from './settings.ts';

export const FANOUT_JOB = 'warning.fanout';
export const ESCALATE_JOB = 'warning.escalate';

/** Units per fan-out transaction; an operator may lower it on a slow disk. */
const batchSize = () => Number(process.env.XIANFENG_FANOUT_BATCH) || 2000;
/** Test hook: a pause between batches, so the restart test can kill the process mid-fan-out. */
const batchPauseMs = () => Number(process.env.XIANFENG_FANOUT_PAUSE_MS) || 0;

const link = (warningId: number) => `/warnings/${warningId}/ack`;

/**
 * Schedules a fan-out round (`generation` = the warning's version: a new area or a raised level
 * is a new round) and the escalation steps of that round, inside the issuing transaction.
 */
export async function scheduleRound(db: Db, w: { id: number; level: WarningLevel; deadlineFrom: string; generation: number }, now: string) {
  await scheduleJob(db, { kind: FANOUT_JOB, refId: w.id, step: w.generation, runAt: now, now });
  for (const s of escalationSchedule(w.deadlineFrom, w.level, await ackDeadlines(db))) {
    await scheduleJob(db, { kind: ESCALATE_JOB, refId: w.id, step: w.generation * 10 + s.step, runAt: s.dueAt, now });
  }
}

/** Runs a pending fan-out round now, in this request, if no other server has taken it. */
export async function fanOutNow(deps: Deps, warningId: number, generation: number) {
  const job = await deps.database.db
    .selectFrom('scheduled_job')
    .selectAll()
    .where('kind', '=', FANOUT_JOB)
    .where('ref_id', '=', warningId)
    .where('step', '=', generation)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (job && (await claimJob(deps.database.db, job.id, deps.now()))) await runFanout(deps, job);
}

/** Job handler: the fan-out in batches of units, each batch with its cursor in one transaction. */
export async function runFanout(deps: Deps, job: Job) {
  const db = deps.database.db;
  const warning = await repo.getWarning(db, job.ref_id);
  let cursor = job.cursor;
  for (;;) {
    const now = nowIso(deps);
    const done = await db.transaction().execute(async (tx) => {
      if (!warning || warning.status === 'cancelled') {
        await completeJob(tx, job.id, now);
        return true;
      }
      const unitIds = await repo.nextCoveredUnits(tx, warning.id, cursor, batchSize());
      if (unitIds.length === 0) {
        const reached = await tx.selectFrom('warning_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('warning_id', '=', warning.id).executeTakeFirstOrThrow();
        await tx.updateTable('warning').set({ fanout_done_at: now }).where('id', '=', warning.id).execute();
        await repo.appendEvent(tx, { warningId: warning.id, kind: 'fanout_done', detail: { units: Number(reached.n), round: job.step }, now });
        await completeJob(tx, job.id, now);
        return true;
      }
      await repo.insertWarningUnits(tx, warning.id, unitIds, now);
      await repo.notifyResponsible(tx, unitIds, { kind: job.step > 1 ? 'warning.updated' : 'warning.issued', title: warning.headline, warningId: warning.id, link: link(warning.id), dedupePrefix: `w${warning.id}:r${job.step}`, now });
      cursor = unitIds[unitIds.length - 1]!;
      await tx.updateTable('scheduled_job').set({ cursor, locked_until: leaseUntil(now) }).where('id', '=', job.id).execute();
      return false;
    });
    if (done) break;
    if (batchPauseMs()) await new Promise((r) => setTimeout(r, batchPauseMs()));
  }
  if (warning) await deps.events.publish({ topic: 'warning', warningId: warning.id, kind: 'fanout_done', at: nowIso(deps) });
}

/**
 * Job handler: one escalation step of one round for every unit still silent. The conditional
 * update of escalation_step and the notifications' dedupe keys make the step happen at most once
 * per unit even if the job ran again after a crash.
 */
export async function runEscalation(deps: Deps, job: Job) {
  const db = deps.database.db;
  const generation = Math.floor(job.step / 10);
  const step = job.step % 10;
  const spec = ESCALATION_STEPS.find((s) => s.step === step);
  const now = nowIso(deps);
  let affected = 0;
  await db.transaction().execute(async (tx) => {
    const warning = await repo.getWarning(tx, job.ref_id);
    const live = warning && warning.version === generation && effectiveStatus({ status: warning.status, expiresAt: warning.expires_at }, now) === 'active';
    if (live && spec) {
      const silent = repo.silentUnits(tx, warning.id, step);
      const names = await tx
        .selectFrom('warning_unit')
        .innerJoin('unit', 'unit.id', 'warning_unit.unit_id')
        .select(['unit.id', 'unit.name'])
        .where('warning_unit.warning_id', '=', warning.id)
        .where('warning_unit.acked_at', 'is', null)
        .where('warning_unit.escalation_step', '<', step)
        .orderBy('unit.id')
        .limit(20)
        .execute();
      if (names.length > 0) {
        const base = { title: warning.headline, warningId: warning.id, link: link(warning.id), now };
        if (spec.kind === 'reminder') {
          await repo.notifyResponsible(tx, silent, { ...base, kind: 'warning.reminder', dedupePrefix: `w${warning.id}:r${generation}:remind` });
        } else {
          await repo.notifyResponsible(tx, repo.parentsOfSilentUnits(tx, warning.id, step), { ...base, kind: 'warning.escalated', link: `/warnings/${warning.id}`, dedupePrefix: `w${warning.id}:r${generation}:escalate` });
          await repo.notifyBackupContacts(tx, silent, { ...base, kind: 'warning.escalated', dedupePrefix: `w${warning.id}:r${generation}:backup` });
        }
        const result = await tx
          .updateTable('warning_unit')
          .set(spec.kind === 'escalation' ? { escalation_step: step, overdue_at: job.run_at } : { escalation_step: step })
          .where('warning_id', '=', warning.id)
          .where('acked_at', 'is', null)
          .where('escalation_step', '<', step)
          .executeTakeFirst();
        affected = Number(result.numUpdatedRows);
        await repo.appendEvent(tx, { warningId: warning.id, kind: spec.kind === 'reminder' ? 'reminder' : 'escalated', detail: { units: affected, sample: names.map((n) => n.name) }, now });
        if (spec.kind === 'escalation') await enqueueWarningEvent(tx, { warningId: warning.id, event: 'warning.escalated', now, unitIds: names.map((n) => n.id), extra: { overdueUnits: { count: affected, sample: names.map((n) => n.name) } } });
      }
    }
    await completeJob(tx, job.id, now);
  });
  if (affected > 0) await deps.events.publish({ topic: 'warning', warningId: job.ref_id, kind: spec!.kind === 'reminder' ? 'reminder' : 'escalated', at: now });
}

export const cascadeJobs = { [FANOUT_JOB]: runFanout, [ESCALATE_JOB]: runEscalation };
