// The background worker every app server runs: due jobs (fan-out rounds to resume, escalation
// steps) and outbound deliveries. Several servers may run it at once; jobs and deliveries are
// claimed, never shared. Tests call runDueWork() directly with a controlled clock instead of
// starting it.
import type { Deps } from './core/context.ts';
import { onWake, runDueJobs, type JobHandler } from './core/jobs.ts';
import { cascadeJobs } from './modules/warnings/cascade.ts';
import { runSimulation, SIMULATE_JOB } from './modules/warnings/drill.ts';
import { processDeliveries } from './modules/notifications/outbound.ts';
import { helpJobs } from './modules/help/escalation.ts';
import { MATCH_JOB } from './modules/help/requests.ts';

const HANDLERS: Record<string, JobHandler> = { ...cascadeJobs, [SIMULATE_JOB]: runSimulation, ...helpJobs };
/** Matching a new help request waits while filings are in flight: the burst is answered first. */
const DEFERRABLE = new Set([MATCH_JOB]);
const DELIVERY_BATCH = 50;

async function runJobs(deps: Deps): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = await runDueJobs(deps, HANDLERS, { deferrable: DEFERRABLE });
    total += ran;
    if (ran === 0) return total;
  }
}

/** Sends every delivery due now, a batch at a time. Never throws. */
async function sendDeliveries(deps: Deps): Promise<void> {
  while ((await processDeliveries(deps, { limit: DELIVERY_BATCH })) === DELIVERY_BATCH);
}

/** One pass over everything due now: jobs, then the deliveries they queued. Returns how many jobs ran. */
export async function runDueWork(deps: Deps): Promise<number> {
  const total = await runJobs(deps);
  await sendDeliveries(deps);
  return total;
}

/** Runs `pass` every `intervalMs`, never two at once; `tick` asks for a pass now (or right after the running one). */
function every(deps: Deps, intervalMs: number, name: string, pass: () => Promise<unknown>) {
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    } catch (err) {
      deps.log.error({ err }, `${name} pass failed`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    tick: () => void tick(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

export function startWorker(deps: Deps, intervalMs = 1000) {
  // Two loops, so receivers that time out (5 s each) never hold up an escalation step.
  const jobs = every(deps, intervalMs, 'worker', () => runJobs(deps));
  const loops = [jobs, every(deps, intervalMs, 'delivery', () => sendDeliveries(deps))];
  // A wake-up (the last filing in flight has ended) runs a pass on the next turn of the event loop,
  // after the answer that woke it has gone out; several in one turn make one pass.
  let woken = false;
  const forget = onWake(deps.database, () => {
    if (woken) return;
    woken = true;
    setImmediate(() => {
      woken = false;
      jobs.tick();
    });
  });
  return {
    async stop() {
      forget();
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
