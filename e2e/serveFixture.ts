import { test as base, expect, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NO_BROWSER } from '../scripts/lib/findChromium.cjs';
import { CHROMIUM_PATH } from '../playwright.config';
import { recordToasts } from './toastLog';
import { SERVE_START_MS } from './waits';

export const repoRoot = resolve(__dirname, '..');

export interface ServedApp {
  /** The URL with its token, as `factmark serve` printed it. */
  url: string;
  /** A temp copy of the sample project, opened by the server. */
  projectDir: string;
  /** The app's data folder for this test (settings, recent projects). */
  dataDir: string;
}

export interface ServeOptions {
  /** The project folder to copy (default: corpus/). */
  project?: string;
  /** Serve this project folder as it is, without copying (e.g. a second server on one project). */
  sharedProjectDir?: string;
  dataDir?: string;
  /** Write settings.json with this annotator before starting, so the first-start prompt is skipped. */
  annotator?: string;
  /** Change the temp project (or data folder) before the server starts, e.g. to break a file. */
  prepare?: (dirs: { projectDir: string; dataDir: string }) => void;
}

/** Start `factmark serve` on a fresh data folder and a temp copy of a project (default: corpus/). */
export async function startServe(opts: ServeOptions = {}): Promise<ServedApp & { stop(): Promise<void>; output(): string }> {
  const root = mkdtempSync(join(tmpdir(), 'factmark-e2e-'));
  const projectDir = opts.sharedProjectDir ?? join(root, 'project');
  if (!opts.sharedProjectDir) cpSync(opts.project ?? join(repoRoot, 'corpus'), projectDir, { recursive: true });
  const dataDir = opts.dataDir ?? join(root, 'data');
  if (opts.annotator !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    const settings = { schemaVersion: 1, annotator: opts.annotator, recentProjects: [], lastProject: null };
    writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  }
  opts.prepare?.({ projectDir, dataDir });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'bin/factmark.js'), 'serve', '--port', '0', '--project', projectDir, '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within ${SERVE_START_MS / 1000} s:\n${output}`)), SERVE_START_MS);
    const onData = (chunk: Buffer) => {
      // The server's output stays readable after start (the last 20,000 characters): a failed
      // test prints it, so a crash of the server is seen rather than guessed at.
      output = (output + chunk.toString()).slice(-20_000);
      const m = /Factmark is serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    projectDir,
    dataDir,
    output: () => `${output}${child.exitCode !== null || child.signalCode !== null ? `\n[serve exited: code ${child.exitCode}, signal ${child.signalCode}]` : ''}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function requireChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The browser found for the tests, ${CHROMIUM_PATH}, is no longer there. ${NO_BROWSER}`);
  }
}

/** A server a test may also stop itself (stopping twice is harmless). */
export type StoppableApp = ServedApp & { stop(): Promise<void> };

export const test = base.extend<{ app: ServedApp; serve: (opts?: ServeOptions) => Promise<StoppableApp> }>({
  // Every page of a test keeps a log of the toasts it showed (toastLog.ts).
  context: async ({ context }, use) => {
    await recordToasts(context);
    await use(context);
  },
  app: async ({}, use, testInfo) => {
    requireChromium();
    const served = await startServe();
    await use(served);
    reportServerOutput(testInfo, [served]);
    await served.stop();
  },
  /** Start a server with options (a prepared project, a known annotator); stopped after the test. */
  serve: async ({}, use, testInfo) => {
    requireChromium();
    const started: Awaited<ReturnType<typeof startServe>>[] = [];
    await use(async (opts) => {
      const served = await startServe(opts);
      started.push(served);
      return served;
    });
    reportServerOutput(testInfo, started);
    for (const s of started) await s.stop();
  },
});

/** A failed test shows what its servers printed (and whether one exited). */
function reportServerOutput(testInfo: TestInfo, servers: readonly { output(): string }[]) {
  if (testInfo.status === testInfo.expectedStatus) return;
  servers.forEach((s, i) => {
    const text = s.output();
    console.log(`--- factmark serve #${i + 1} output (${testInfo.title}) ---\n${text}`);
    void testInfo.attach(`serve-${i + 1}.log`, { body: text, contentType: 'text/plain' });
  });
}

export { expect };
