// Durable jobs and timers in the database, the same on SQLite and PostgreSQL: a fan-out to resume,
// an escalation step due at a time. A job is claimed by a conditional UPDATE that sets a lease, so
// of several app servers exactly one runs it; the handler writes its effect and marks the job done
// in one transaction, so a crash either leaves the job pending (to be run again, idempotently) or
// done — never half-done, never done twice.
import type { Selectable } from 'kysely';
import type { ScheduledJobTable } from '../db/schema.ts';
import type { Db, Deps } from './context.ts';

export type Job = Selectable<ScheduledJobTable>;
export type JobHandler = (deps: Deps, job: Job) => Promise<void>;

/**
 * How long a claimed job is held. A long job renews it as it goes (see leaseUntil), so a job of a
 * process that died is taken over by another server within this time.
 */
const LEASE_MS = Number(process.env.XIANFENG_JOB_LEASE_MS) || 15_000;

export function leaseUntil(now: Date | string) {
  return new Date(new Date(now).getTime() + LEASE_MS).toISOString();
}
const RETRY_MS = [5_000, 30_000, 120_000, 600_000];

export interface NewJob { kind: string; refId: number; step?: number; runAt: string; now: string }

/** Schedules jobs (one statement for several); a job already scheduled under the same kind, ref and step is kept. */
export async function scheduleJob(db: Db, ...jobs: NewJob[]) {
  if (!jobs.length) return;
  await db
    .insertInto('scheduled_job')
    .values(jobs.map((job) => ({ kind: job.kind, ref_id: job.refId, step: job.step ?? 0, run_at: job.runAt, status: 'pending', locked_until: null, last_error: null, created_at: job.now, done_at: null })))
    .onConflict((oc) => oc.columns(['kind', 'ref_id', 'step']).doNothing())
    .execute();
}

// A hint, not shared state: jobs left due by foreground work (below) wake this process's worker at
// once instead of at its next tick (which other app servers, and this one after a crash, still
// rely on).
const wakers = new WeakMap<object, () => void>();

/** Lets the worker running on this database be woken. */
export function onWake(database: object, wake: () => void) {
  wakers.set(database, wake);
  return () => wakers.delete(database);
}

/** Runs the worker of this process soon, if one runs here. */
function wakeWorker(deps: Pick<Deps, 'database'>) {
  wakers.get(deps.database)?.();
}

// Foreground work: what people are waiting on in a burst (a thousand residents filing at once).
// Jobs of a deferrable kind (a new request's matching) wait while it is in flight in this process,
// so the burst is answered first and matched right after — the worker is woken when the last of it
// ends — but never longer than MAX_DEFER_MS past their due time, so work arriving without end
// cannot starve them. Other jobs (a warning's fan-out, an escalation) never wait for it.
const MAX_DEFER_MS = 5_000;
const inFlight = new WeakMap<object, number>();

/** Runs `work` as foreground work of this process (see above). */
export async function inForeground<T>(deps: Pick<Deps, 'database'>, work: () => Promise<T>): Promise<T> {
  inFlight.set(deps.database, (inFlight.get(deps.database) ?? 0) + 1);
  try {
    return await work();
  } finally {
    const left = inFlight.get(deps.database)! - 1;
    inFlight.set(deps.database, left);
    if (left === 0) wakeWorker(deps);
  }
}

const foregroundBusy = (database: object) => (inFlight.get(database) ?? 0) > 0;

export async function cancelJobs(db: Db, kind: string, refId: number) {
  await db.updateTable('scheduled_job').set({ status: 'cancelled' }).where('kind', '=', kind).where('ref_id', '=', refId).where('status', '=', 'pending').execute();
}

/** Marks a claimed job done; call inside the transaction that writes the job's effect. */
export async function completeJob(db: Db, jobId: number, now: string) {
  await db.updateTable('scheduled_job').set({ status: 'done', done_at: now, locked_until: null }).where('id', '=', jobId).execute();
}

/** Takes the lease on a pending job; false when another server holds it or it is no longer pending. */
export async function claimJob(db: Db, jobId: number, now: Date): Promise<boolean> {
  const iso = now.toISOString();
  const result = await db
    .updateTable('scheduled_job')
    .set((eb) => ({ locked_until: leaseUntil(now), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', jobId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface RunOptions {
  /** Jobs taken in one pass. */
  limit?: number;
  /** Kinds that wait while foreground work is in flight (see inForeground). */
  deferrable?: ReadonlySet<string>;
}

/** Runs every job due by the deps' clock, oldest first, save deferrable ones held back (see above). Returns how many ran. */
export async function runDueJobs(deps: Deps, handlers: Record<string, JobHandler>, { limit = 100, deferrable }: RunOptions = {}): Promise<number> {
  const now = deps.now();
  const iso = now.toISOString();
  /** A job that may wait: deferrable, foreground work in flight, and not yet overdue by MAX_DEFER_MS. */
  const waits = (job: Pick<Job, 'kind' | 'run_at'>) => !!deferrable?.has(job.kind) && foregroundBusy(deps.database) && deps.now().getTime() - Date.parse(job.run_at) < MAX_DEFER_MS;
  const deferSince = new Date(now.getTime() - MAX_DEFER_MS).toISOString();
  const due = await deps.database.db
    .selectFrom('scheduled_job')
    .selectAll()
    .where('status', '=', 'pending')
    .where('run_at', '<=', iso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
    // Those that may wait are left out of the pass, so they never stand before those that may not.
    .$if(!!deferrable?.size && foregroundBusy(deps.database), (qb) => qb.where((eb) => eb.or([eb('kind', 'not in', [...deferrable!]), eb('run_at', '<=', deferSince)])))
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  let ran = 0;
  for (const job of due) {
    // On SQLite a job's statements never wait for I/O: without this, a pass over a hundred jobs
    // would hold the event loop for all of them while requests queue behind it.
    if (ran > 0) await new Promise((r) => setImmediate(r));
    // Foreground work may have begun during the pass.
    if (waits(job)) continue;
    const handler = handlers[job.kind];
    if (!handler || !(await claimJob(deps.database.db, job.id, now))) continue;
    try {
      await handler(deps, job);
      ran += 1;
    } catch (err) {
      deps.log.error({ err, job: job.id, kind: job.kind }, 'job failed; will retry');
      const delay = RETRY_MS[Math.min(job.attempts, RETRY_MS.length - 1)]!;
      await deps.database.db
        .updateTable('scheduled_job')
        .set({ locked_until: null, last_error: String((err as Error)?.message ?? err).slice(0, 500), run_at: new Date(now.getTime() + delay).toISOString() })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return ran;
}
