#!/usr/bin/env node
// Checks the web app's strings: every literal key passed to t() exists in both locale files, both
// files hold the same keys (plural forms aside), and no Chinese text hides in the source code.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'src');
const locales = { 'zh-CN': 'locales/zh-CN.json', en: 'locales/en.json' };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj, prefix = '', out = new Set()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.add(key);
  }
  return out;
}
const keys = Object.fromEntries(
  Object.entries(locales).map(([lng, file]) => [lng, flatten(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')))]),
);
const base = (k) => k.replace(PLURAL, '');
const has = (lng, k) => keys[lng].has(k) || [...keys[lng]].some((x) => base(x) === k && PLURAL.test(x));

const problems = [];
const bases = Object.fromEntries(Object.entries(keys).map(([lng, set]) => [lng, new Set([...set].map(base))]));
for (const [a, b] of [['zh-CN', 'en'], ['en', 'zh-CN']]) {
  for (const k of bases[a]) if (!bases[b].has(k)) problems.push(`${k}: in ${a} but not in ${b}`);
}

function* sources(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|tsx)$/.test(e.name)) yield p;
  }
}
const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;
for (const file of sources(root)) {
  const rel = path.relative(root, file);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
    for (const lng of Object.keys(locales)) if (!has(lng, m[1])) problems.push(`${rel}: key ${m[1]} missing in ${lng}`);
  }
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '').replace(/^\s*\*.*$/, '').replace(/\{\/\*.*?\*\/\}/g, '');
    if (CJK.test(code)) problems.push(`${rel}:${i + 1}: Chinese text in code: ${line.trim()}`);
  });
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} i18n problem(s)`);
  process.exit(1);
}
console.log(`i18n ok: ${keys['zh-CN'].size} zh-CN keys, ${keys.en.size} en keys`);
