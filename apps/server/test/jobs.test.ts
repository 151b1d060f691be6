// Jobs of a deferrable kind (a new request's matching) wait while foreground work (residents
// filing) is in flight in the same process, at most five seconds past their due time; other jobs
// never wait; the end of the foreground work wakes the worker (core/jobs.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForeground, onWake, runDueJobs, scheduleJob, type JobHandler } from '../src/core/jobs.ts';
import { DATABASES, startTestEnv, type TestEnv } from './harness.ts';

describe.each(DATABASES)('deferrable jobs and foreground work (%s)', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv(kind);
  });
  afterAll(async () => {
    await env.close();
  });

  let ref = 0;
  async function dueJob(jobKind: string, secondsAgo = 0) {
    const now = env.deps.now();
    await scheduleJob(env.deps.database.db, { kind: jobKind, refId: ++ref, runAt: new Date(now.getTime() - secondsAgo * 1000).toISOString(), now: now.toISOString() });
    return ref;
  }
  const DEFERRABLE = { deferrable: new Set(['test.match']) };
  /** Foreground work that lasts until `end` is called. */
  function filing() {
    let end!: () => void;
    const done = inForeground(env.deps, () => new Promise<void>((r) => (end = r)));
    return { end: async () => (end(), await done) };
  }

  it('a deferrable job waits while foreground work is in flight; others run at once, and it runs once the work ends', async () => {
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = { 'test.match': async () => void ran.push('match'), 'test.fanout': async () => void ran.push('fanout') };
    await dueJob('test.match');
    await dueJob('test.fanout');
    const work = filing();
    expect(await runDueJobs(env.deps, handlers, DEFERRABLE)).toBe(1);
    expect(ran).toEqual(['fanout']);
    await work.end();
    expect(await runDueJobs(env.deps, handlers, DEFERRABLE)).toBe(1);
    expect(ran).toEqual(['fanout', 'match']);
  });

  it('waits no longer than five seconds past its due time, and a pass without the option never waits', async () => {
    const ran: number[] = [];
    const handlers: Record<string, JobHandler> = { 'test.match': async (_deps, job) => void ran.push(job.ref_id) };
    const overdue = await dueJob('test.match', 6);
    const fresh = await dueJob('test.match');
    const work = filing();
    await runDueJobs(env.deps, handlers, DEFERRABLE);
    expect(ran).toEqual([overdue]);
    await runDueJobs(env.deps, handlers);
    expect(ran).toEqual([overdue, fresh]);
    await work.end();
  });

  it('the end of the last foreground work wakes the worker, failed or not', async () => {
    let woken = 0;
    const forget = onWake(env.deps.database, () => void woken++);
    try {
      const first = filing();
      const second = filing();
      await first.end();
      expect(woken).toBe(0);
      await second.end();
      expect(woken).toBe(1);
      await expect(inForeground(env.deps, async () => Promise.reject(new Error('bad filing')))).rejects.toThrow('bad filing');
      expect(woken).toBe(2);
      // Nothing is left in flight: a deferrable job runs.
      const ran: string[] = [];
      await dueJob('test.match');
      await runDueJobs(env.deps, { 'test.match': async () => void ran.push('match') }, DEFERRABLE);
      expect(ran).toEqual(['match']);
    } finally {
      forget();
    }
  });
});
