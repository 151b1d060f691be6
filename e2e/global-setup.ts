// Builds the demo county once for the browser tests of this run; each file starts its own server
// on a copy (browser.ts installDemo), instead of spending 20 s on `xianfeng demo` per file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { installationEnv, run } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory holding the demo database and its key file. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-demo-'));
  await run(['demo'], installationEnv(dir));
  project.provide('demoTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
