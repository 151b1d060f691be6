// The background worker every app server runs: due jobs (fan-out rounds to resume, escalation
// steps) and outbound deliveries. Several servers may run it at once; jobs are claimed, never
// shared. Tests call runDueWork() directly with a controlled clock instead of starting it.
import type { Deps } from './core/context.ts';
import { runDueJobs, type JobHandler } from './core/jobs.ts';
import { cascadeJobs } from './modules/warnings/cascade.ts';

const HANDLERS: Record<string, JobHandler> = { ...cascadeJobs };

/** One pass over everything due now; returns how many jobs ran. */
export async function runDueWork(deps: Deps): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = await runDueJobs(deps, HANDLERS);
    total += ran;
    if (ran === 0) return total;
  }
}

export function startWorker(deps: Deps, intervalMs = 1000) {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await runDueWork(deps);
    } catch (err) {
      deps.log.error({ err }, 'worker pass failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
