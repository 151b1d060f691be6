// Starting a real `xianfeng serve` process on a free port, for the tests and tools that need a
// server in its own process (scale-out test, browser tests, benchmark).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const XIANFENG_BIN = path.resolve(import.meta.dirname, '../bin/xianfeng.mjs');
export const SERVER_HEAP_FLAG = '--max-old-space-size=1024';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Stops the whole process group (the tsx child included). */
  stop(): void;
}

export async function spawnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  // As `npm start` runs it: a heap limit of 1 GB makes V8 collect old garbage long before the
  // process reaches its 300 MB budget (with the default limit, sized from the machine's memory,
  // request garbage piles up to ≈ 120 MB before the first full collection).
  const proc = spawn(process.execPath, [SERVER_HEAP_FLAG, XIANFENG_BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-proc.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc, stop };
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`server did not start: ${output}`);
}
