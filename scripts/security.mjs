#!/usr/bin/env node
// `npm run security`: runs @doyensec/electronegativity over main/ (the Electron main process,
// preload and window code) and fails on any HIGH or MEDIUM finding that is not reviewed in
// security/electronegativity-allow.json. Works offline: the scanner's own look-ups (translations,
// Electron release list) fail quietly and are not needed, since the Electron version is given.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const bin = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const out = mkdtempSync(join(tmpdir(), 'factmark-security-'));
const csv = join(out, 'findings.csv');

const run = spawnSync(process.execPath, [bin, '-i', join(root, 'main'), '-o', csv, '-r', '-v', 'false', '-e', electronVersion], {
  encoding: 'utf8',
  timeout: 300_000,
});
let text;
try {
  text = readFileSync(csv, 'utf8');
} catch {
  console.error(run.stdout, run.stderr);
  console.error('security: electronegativity wrote no report; see its output above.');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });

/** Minimal CSV (quoted fields, commas inside quotes). */
function parseCsv(source) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows;
}

const [, ...rows] = parseCsv(text).filter((r) => r.length > 1);
const findings = rows.map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }));
const allow = JSON.parse(readFileSync(join(root, 'security', 'electronegativity-allow.json'), 'utf8')).allowed;
const isAllowed = (f) => allow.some((a) => a.check === f.check && a.file === f.file);
const serious = (f) => f.severity === 'HIGH' || f.severity === 'MEDIUM' || f.severity === 'CRITICAL';

const count = (s) => findings.filter((f) => f.severity === s).length;
console.log(
  `electronegativity ${require('@doyensec/electronegativity/package.json').version} on main/ (Electron ${electronVersion}): ` +
    `${findings.length} findings (${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low, ${count('INFORMATIONAL')} informational)`,
);
for (const f of findings) console.log(`  ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}${isAllowed(f) ? '  (allowed: see security/electronegativity-allow.json)' : ''}`);

const unexplained = findings.filter((f) => serious(f) && !isAllowed(f));
const stale = allow.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));
if (stale.length) console.log(`security: allow-list entries matching no finding (remove them): ${stale.map((a) => `${a.check} ${a.file}`).join(', ')}`);
if (unexplained.length) {
  console.error(`security: ${unexplained.length} high/medium finding(s) neither fixed nor justified in security/electronegativity-allow.json.`);
  process.exit(1);
}
if (stale.length) process.exit(1);
console.log('security: 0 unexplained high/medium findings.');
