// Browser-test harness: a real server process (the built web app, a fresh SQLite database with the
// demo county) and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { spawnServer, XIANFENG_BIN } from '../apps/server/test/spawn.ts';

const root = path.resolve(import.meta.dirname, '..');

export const ADMIN_PASSWORD = 'Admin2026e2e';
export const DEMO_PASSWORD = 'Xianfeng2026';

export function run(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [XIANFENG_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`xianfeng ${args.join(' ')} failed (${signal ?? `exit code ${code}`}): ${out}`))));
  });
}

export interface Server {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** The environment of an installation in `dir` (its database, key file and administrator password). */
export function installationEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: path.join(dir, 'xianfeng.db'), XIANFENG_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
}

/**
 * Puts a fresh copy of the demo county into `dir`: `xianfeng demo` runs once per test run
 * (e2e/global-setup.ts; 20 s each time it runs) and every file starts from a copy of its database
 * and key file, so no file sees another's changes.
 */
export function installDemo(dir: string) {
  const template = inject('demoTemplate');
  for (const file of fs.readdirSync(template)) fs.copyFileSync(path.join(template, file), path.join(dir, file));
}

/** A fresh installation with the demo county, serving the built web app. */
export async function startServer(): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-'));
  const env = installationEnv(dir);
  installDemo(dir);
  const server = await spawnServer(env);
  return {
    url: server.url,
    dir,
    async stop() {
      server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const shotDir = path.join(root, 'e2e', 'screenshots');

/**
 * A full-page screenshot. Chromium captures a page taller than the viewport by resizing it behind
 * the scenes, at times to 1×1 px for a moment: long enough for a desktop page to switch to its
 * phone layout and back, which remounts the page and loses an open dialog or unsaved input. So the
 * viewport is first made as tall as the page (its width, and so the layout, unchanged), and the
 * capture fits it.
 */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shotDir, { recursive: true });
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const grow = viewport !== null && height > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
}
