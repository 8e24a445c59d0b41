// Crash safety, proven: starts a writer process that keeps saving annotation changes through the
// real service (dist/main/stressWriter.js) and SIGKILLs it at random moments. After every kill the
// next writer (or the final check) opens the project with the app's readers, validates every file,
// and reports which state the annotation file holds: it must be the last state whose save was
// acknowledged, or the one after it (the save in flight). Prints the figures; exits 1 on any loss.
//
//   node scripts/stress-save.mjs [--kills N]      (npm run stress:save: 1000; npm test: 100)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChild } from './stress/runChild.mjs';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, keep: { type: 'boolean' } } });
const KILLS = Number(values.kills);
if (!Number.isInteger(KILLS) || KILLS < 1) throw new Error('--kills must be a positive whole number');
const WRITER = new URL('../dist/main/stressWriter.js', import.meta.url).pathname;
if (!existsSync(WRITER)) {
  console.error(`stress-save: ${WRITER} is missing; run npm run build first.`);
  process.exit(1);
}
const root = mkdtempSync(join(tmpdir(), 'factmark-stress-'));
const projectDir = join(root, 'project');
const dataDir = join(root, 'data');

const runWriter = (args, opts) => runChild(WRITER, ['--data-dir', dataDir, ...args], opts);

const fail = (message) => {
  console.error(`stress-save: FAILED: ${message}\n(project kept at ${projectDir})`);
  process.exit(1);
};

const started = Date.now();
const setup = await runWriter(['--setup', projectDir]);
const docId = setup.lines.find((l) => l.startsWith('doc '))?.slice(4);
if (setup.code !== 0 || !docId) fail(`setup failed: ${setup.lines.join('\n')}${setup.stderr}`);

let acked = 0; // the newest state whose save was acknowledged
const figures = { kills: 0, killedWhileSaving: 0, killedBeforeFirstSave: 0, saves: 0, foundAcked: 0, foundInFlight: 0, versions: 0 };
let verifyMs = 300; // how long a writer takes to start and verify; the kill window follows it

/** Temp files the last verification named. */
const tempsSeen = [];

/** Check a "verified k ..." line against what was acknowledged before the kill. */
function check(line) {
  if (line.startsWith('temp ')) tempsSeen.push(line.slice(5));
  const m = /^verified (\d+) files=(\d+) invalid=(\d+) temps=(\d+) versions=(\d+)$/.exec(line);
  if (!m) return;
  // The writer verifies right after opening the project, which removes what killed writers left.
  if (Number(m[4]) > 0) fail(`after kill ${figures.kills}, ${m[4]} temp file(s) were left after the next start: ${tempsSeen.join(', ')}`);
  const k = Number(m[1]);
  if (k === acked) figures.foundAcked += 1;
  else if (k === acked + 1) figures.foundInFlight += 1;
  else fail(`after kill ${figures.kills} the file holds state ${k}, but the last acknowledged save was ${acked}`);
  acked = k;
  figures.versions = Number(m[5]);
}

for (let i = 0; i < KILLS; i++) {
  const spawnedAt = Date.now();
  let verifiedAt = null;
  let savesThisRun = 0;
  // Four kills in five land among the saves (up to 150 ms after the writer starts saving); the
  // rest anywhere in start-up and verification (lock takeover, reads).
  const amongSaves = Math.random() < 0.8;
  const run = await runWriter(['--verify', projectDir, '--doc', docId, '--write'], {
    killAfterMs: amongSaves ? null : Math.random() * verifyMs,
    onLine(line, killIn) {
      if (line.startsWith('verified ')) {
        verifiedAt = Date.now();
        check(line);
        if (amongSaves) killIn(Math.random() * 150);
      } else if (line.startsWith('saved ')) {
        const k = Number(line.slice(6));
        if (k !== acked + 1) fail(`writer saved state ${k} after ${acked}`);
        acked = k;
        savesThisRun += 1;
        figures.saves += 1;
      } else if (line.startsWith('error ')) fail(line.slice(6));
    },
  });
  if (run.signal !== 'SIGKILL') fail(`writer exited by itself (code ${run.code}): ${run.lines.slice(-3).join(' / ')} ${run.stderr}`);
  figures.kills += 1;
  if (verifiedAt !== null) {
    verifyMs = Math.round(verifyMs * 0.8 + (verifiedAt - spawnedAt) * 0.2);
    if (savesThisRun === 0) figures.killedBeforeFirstSave += 1;
    else figures.killedWhileSaving += 1;
  }
  if ((i + 1) % 100 === 0) console.log(`stress-save: ${i + 1}/${KILLS} kills, ${figures.saves} saves acknowledged`);
}
// The state after the last kill, checked without writing.
const last = await runWriter(['--verify', projectDir, '--doc', docId], { onLine: check });
if (last.code !== 0) fail(`final check: ${last.lines.join(' / ')} ${last.stderr}`);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  [
    `stress-save: ${figures.kills} SIGKILLs survived, 0 files lost, 0 invalid files (${seconds} s).`,
    `  ${figures.saves} saves acknowledged; ${figures.killedWhileSaving} kills landed while saving, ${figures.killedBeforeFirstSave} after verifying but before the first save, ${figures.kills - figures.killedWhileSaving - figures.killedBeforeFirstSave} during start-up.`,
    `  After a kill the file held the last acknowledged state ${figures.foundAcked} times and the state being saved ${figures.foundInFlight} times; never anything else.`,
    `  History versions kept (pruned to 50): ${figures.versions}; temp files left after the next start: 0 every time.`,
  ].join('\n'),
);
if (!values.keep) rmSync(root, { recursive: true, force: true });
