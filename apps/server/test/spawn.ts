// Starting a real `xianfeng serve` process on a free port, for the tests and tools that need a
// server in its own process (scale-out test, browser tests, benchmark).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const XIANFENG_BIN = path.resolve(import.meta.dirname, '../bin/xianfeng.mjs');
export const SERVER_HEAP_FLAG = '--max-old-space-size=1024';

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Stops the whole process group (the tsx child included). */
  stop(): void;
}

export async function spawnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  // Port 0: the system picks a free port as the server binds, and the server prints it. Choosing a
  // port first and passing it on raced with other test files doing the same: a server that lost the
  // race exited, and its test talked to another file's server until that one stopped.
  // As `npm start` runs it: a heap limit of 1 GB makes V8 collect old garbage long before the
  // process reaches its 300 MB budget (with the default limit, sized from the machine's memory,
  // request garbage piles up to ≈ 120 MB before the first full collection).
  const proc = spawn(process.execPath, [SERVER_HEAP_FLAG, XIANFENG_BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-proc.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 600 && proc.exitCode === null; i++) {
    const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
    if (url) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return { url, proc, stop };
      } catch {
        /* not answering yet */
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`server did not start: ${output}`);
}
