import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ANNOTATOR = 'bench';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const URL_LINE = /Factmark is serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

/**
 * A temp copy of the sample corpus plus a data folder whose settings already name the annotator,
 * so the app skips its first-start prompt. The repository's corpus/ is never written to.
 */
export function makeWorkspace(repoRoot, name) {
  const root = mkdtempSync(join(tmpdir(), `factmark-bench-${name}-`));
  const projectDir = join(root, 'project');
  const dataDir = join(root, 'data');
  cpSync(join(repoRoot, 'corpus'), projectDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const settings = { schemaVersion: 1, annotator: ANNOTATOR, recentProjects: [], lastProject: null };
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return { root, projectDir, dataDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Start `factmark serve` on the workspace and resolve with its URL (token included). */
export async function startServe(repoRoot, workspace) {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/factmark.js'), 'serve', '--port', '0', '--project', workspace.projectDir, '--data-dir', workspace.dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`factmark serve did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`factmark serve exited with ${code}:\n${output}`));
    });
  });
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/** SIGTERM lets the server finish writes in flight; SIGKILL only if it hangs. */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
