#!/usr/bin/env node
// `npm run security`: runs @doyensec/electronegativity over main/ (the Electron main process,
// preload and window code) and fails on any HIGH or MEDIUM finding that is not reviewed in
// security/electronegativity-allow.json. Works offline: the scanner's own look-ups (translations,
// Electron release list) fail quietly and are not needed, since the Electron version is given.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
// The scanner asks the network for translations on every run (and, in one check, for Electron's
// release list). Tests never touch the network: its HTTP client is answered "offline" at once.
const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [join(scannerDir, 'dist', 'locales')] });
const offline = () => Promise.reject(new Error('offline: Factmark runs its security scan without network'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
// The library API, not the CLI: the CLI's CSV report is written unreliably (rows overwritten).
const electronegativity = require('@doyensec/electronegativity');

// Scan the shipped main-process code only: test files hold hostile strings on purpose
// (e.g. a CSP of "default-src *" that a test must refuse), and fuzz kits are not shipped.
const scanRoot = mkdtempSync(join(tmpdir(), 'factmark-security-'));
const scanned = join(scanRoot, 'main');
cpSync(join(root, 'main'), scanned, {
  recursive: true,
  filter: (src) => !/\.test\.ts$/.test(src) && !src.includes(`${join(root, 'main', 'fuzz')}`),
});
let findings;
try {
  // The security-fixes check downloads Electron's release list: never from a test run (offline by design).
  const report = await electronegativity({
    input: scanned,
    electronVersionOverride: electronVersion,
    isRelative: true,
    parserPlugins: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  findings = report.issues.map((i) => ({ check: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, location: `${i.location.line}:${i.location.column}` }));
} catch (error) {
  console.error(`security: electronegativity failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
} finally {
  rmSync(scanRoot, { recursive: true, force: true });
}

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
