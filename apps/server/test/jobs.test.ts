// The worker's passes over due jobs wait while foreground work (residents filing) is in flight in
// the same process, and no longer than a second a pass (core/jobs.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inForeground, runDueJobs, scheduleJob, type JobHandler } from '../src/core/jobs.ts';
import { DATABASES, startTestEnv, type TestEnv } from './harness.ts';

describe.each(DATABASES)('worker passes and foreground work (%s)', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv(kind);
  });
  afterAll(async () => {
    await env.close();
  });

  let ref = 0;
  async function dueJob() {
    const now = env.deps.now().toISOString();
    await scheduleJob(env.deps.database.db, { kind: 'test.note', refId: ++ref, runAt: now, now });
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a pass waits until the filings in flight are answered, then runs', async () => {
    const order: string[] = [];
    const handlers: Record<string, JobHandler> = { 'test.note': async () => void order.push('job') };
    await dueJob();
    let answer!: () => void;
    const filing = inForeground(env.deps, () => new Promise<void>((r) => (answer = r))).then(() => order.push('filing'));
    const pass = runDueJobs(env.deps, handlers);
    await sleep(300);
    expect(order).toEqual([]);
    answer();
    await Promise.all([filing, pass]);
    expect(order).toEqual(['filing', 'job']);
  });

  it('a pass does not wait for ever: work that never ends holds it back a second at most', async () => {
    const ran: number[] = [];
    for (let i = 0; i < 3; i++) await dueJob();
    let answer!: () => void;
    const endless = inForeground(env.deps, () => new Promise<void>((r) => (answer = r)));
    const started = Date.now();
    await runDueJobs(env.deps, { 'test.note': async (_deps, job) => void ran.push(job.ref_id) });
    const waited = Date.now() - started;
    answer();
    await endless;
    expect(ran).toEqual([ref - 2, ref - 1, ref]);
    // All ran while the work was still in flight, after one pause of a second (not one per job).
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(2900);
  });

  it('a failed foreground work still lets the worker go on', async () => {
    const ran: string[] = [];
    await dueJob();
    await expect(inForeground(env.deps, async () => Promise.reject(new Error('bad filing')))).rejects.toThrow('bad filing');
    await runDueJobs(env.deps, { 'test.note': async () => void ran.push('job') });
    expect(ran).toEqual(['job']);
  });
});
