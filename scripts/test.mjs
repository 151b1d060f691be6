#!/usr/bin/env node
// `npm test`: builds the web app (the browser tests drive the real bundle), runs every Vitest
// project, and ends with one line `N passed, N failed` so a run that executed nothing is visible.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const results = '.vitest-results.json';
const args = process.argv.slice(2);
const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit', env: process.env }).status ?? 1;

const wantsE2e = args.length === 0 || args.some((a) => a.includes('e2e'));
if (wantsE2e && run('npm', ['run', 'build', '-w', 'apps/web']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
fs.rmSync(results, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}`, ...args]);
let passed = 0;
let failed = 0;
if (fs.existsSync(results)) {
  const report = JSON.parse(fs.readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A file that failed to load counts as a failure even though none of its tests ran.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  failed += brokenFiles;
} else if (status !== 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);
