// `npm run bench`: the timings DEVELOPERS.md says are measured here and quoted in notes, never
// asserted. It drives `factmark serve` with Debian's Chromium on temp copies of the sample
// project, PRINTS figures (no pass/fail) and, with --json FILE, writes them as JSON too.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { apiClient, saveInputFrom, timeCalls } from './bench/api.mjs';
import { currentRange, freshPage, launchChromium, nextPageTimed, openDocumentTimed, tagRangeTimed, waitSaved } from './bench/browser.mjs';
import { folderSize } from './bench/fsSize.mjs';
import { createReport } from './bench/report.mjs';
import { ANNOTATOR, makeWorkspace, startServe } from './bench/server.mjs';
import { addSyntheticDocument, corpusSentences, newsLikeText, wordsIn } from './bench/synthetic.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDocs = join(repoRoot, 'corpus', 'documents');

/** Fresh page loads per measured open (medians over these). */
const LOADS = 5;
/** Spans tagged one after another in the sample article. */
const SAMPLE_SPANS = 30;
/** Per fresh load of a synthetic article: page switches and spans tagged. */
const PAGE_SWITCHES_PER_LOAD = 2;
const SPANS_PER_LOAD = 3;
const PREMADE_SPANS = 2000;
const ACTOR_KEY = '2';
const API_RUNS_SMALL = 20;
const API_RUNS_LARGE = 5;
const SYNTHETIC = [
  { key: '4a', id: 'synthetic-1mb', title: 'Synthetic article, 1 MiB', targetBytes: 1 << 20, seed: 1 },
  { key: '4b', id: 'synthetic-10mb', title: 'Synthetic article, 10 MiB', targetBytes: 10 << 20, seed: 10 },
];

const LEGEND = [
  'painted = two requestAnimationFrame callbacks after the change was seen in the DOM (MutationObserver);',
  'longest task = Long Tasks API, which reports only tasks of 50 ms or more (0 = none); times in ms from the',
  "click/keydown event's timeStamp; p95 and max are nearest-rank over n samples.",
];

function machineInfo(chromiumVersion) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: `Chromium ${chromiumVersion}`,
  };
}

/** The sample document with the most bytes of text. */
function largestSampleDocument() {
  const txt = readdirSync(corpusDocs).filter((n) => n.endsWith('.txt'));
  const sized = txt.map((n) => ({ id: n.slice(0, -'.txt'.length), bytes: statSync(join(corpusDocs, n)).size }));
  return sized.sort((a, b) => b.bytes - a.bytes)[0];
}

/** `count` distinct words spread evenly over the text (first occurrence of each word). */
function spreadDistinctWords(text, count) {
  const seen = new Set();
  const unique = wordsIn(text).filter((w) => !seen.has(w.word) && seen.add(w.word));
  const step = Math.max(1, Math.floor(unique.length / count));
  return Array.from({ length: Math.min(count, unique.length) }, (_, i) => unique[i * step]).filter(Boolean);
}

/** The article-build measures of full rebuilds (opening, switching page; a long page's first chunk and the rest), summed. */
const fullBuild = (r) => r.builds.filter((b) => b.detail?.full || b.detail?.fill).reduce((sum, b) => sum + b.duration, 0);
const anyBuild = (r) => r.builds.reduce((sum, b) => sum + b.duration, 0);

/** The app opens a document by itself on start; make sure the timed click really opens `docId`. */
async function openOtherDocumentFirst(page, docId) {
  const shown = await page.locator('[data-testid=article]').getAttribute('data-doc-id');
  if (shown !== docId) return;
  const other = page.locator(`[data-testid=doc-item]:not([data-doc-id="${docId}"])`).first();
  await openDocumentTimed(page, await other.getAttribute('data-doc-id'));
}

/** Sections 1-3 and 5 (sample): open the largest sample article, tag 30 words, sizes, API. */
async function benchSample(browser, report) {
  const doc = largestSampleDocument();
  const text = readFileSync(join(corpusDocs, `${doc.id}.txt`), 'utf8');
  const workspace = makeWorkspace(repoRoot, 'sample');
  const server = await startServe(repoRoot, workspace);
  try {
    const before = folderSize(workspace.projectDir);
    const opens = [];
    let lastPage = null;
    for (let i = 0; i < LOADS; i++) {
      const fresh = await freshPage(browser, server.url);
      await openOtherDocumentFirst(fresh.page, doc.id);
      opens.push(await openDocumentTimed(fresh.page, doc.id));
      // The last load stays open for the tagging run.
      if (i < LOADS - 1) await fresh.close();
      else lastPage = fresh;
    }
    const detail = opens.at(-1).builds.find((b) => b.detail?.full)?.detail;
    const open = report.section(
      '1',
      `Open the largest sample article (${doc.id}, ${doc.bytes.toLocaleString('en-US')} bytes), ${LOADS} fresh loads`,
      detail && `build detail: ${detail.blocks} blocks, ${detail.spans} spans, ${detail.chars} chars`,
    );
    open.timing('click -> blocks in DOM', opens.map((r) => r.toDom));
    open.timing('click -> painted (2 rAF)', opens.map((r) => r.toPaint));
    open.timing("in-page 'factmark:article-build'", opens.map(fullBuild));
    open.timing('longest main-thread task', opens.map((r) => r.longestTask));

    const tags = [];
    for (const word of spreadDistinctWords(text, SAMPLE_SPANS)) tags.push(await tagRangeTimed(lastPage.page, word, ACTOR_KEY));
    await waitSaved(lastPage.page);
    await lastPage.close();
    const tag = report.section('2', `Add a span in the sample article: ${tags.length} different words, key '${ACTOR_KEY}', one load`);
    tag.timing('keydown -> new mark in DOM', tags.map((r) => r.toDom));
    tag.timing('keydown -> painted (2 rAF)', tags.map((r) => r.toPaint));
    tag.timing("in-page 'factmark:article-build'", tags.map(anyBuild));
    tag.timing('longest main-thread task', tags.map((r) => r.longestTask));

    const annotationFile = join(workspace.projectDir, 'annotations', ANNOTATOR, `${doc.id}.json`);
    const after = folderSize(workspace.projectDir);
    const disk = report.section('3', `Size on disk after ${tags.length} spans`);
    disk.value(`annotation file (${doc.id}.json)`, statSync(annotationFile).size, 'bytes');
    disk.value(`project folder before (${before.files} files)`, before.bytes, 'bytes');
    disk.value(`project folder after (${after.files} files)`, after.bytes, 'bytes');
    disk.value('project folder before, allocated', before.allocated, 'bytes');
    disk.value('project folder after, allocated', after.allocated, 'bytes');

    await benchApi(server.url, doc.id, report, '5a', `HTTP API, sample article (${doc.id}, ${tags.length} spans)`, API_RUNS_SMALL);
  } finally {
    await server.stop();
    workspace.remove();
  }
}

/** Section 5: getDocument and saveAnnotations through `serve`'s HTTP API, from Node. */
async function benchApi(url, docId, report, key, title, runs) {
  const api = apiClient(url);
  await api.call('getSession', {});
  const get = await timeCalls(api, 'getDocument', { docId }, runs);
  const view = (await api.call('getDocument', { docId })).value;
  const save = await timeCalls(api, 'saveAnnotations', saveInputFrom(docId, view), runs);
  const section = report.section(key, title, `getDocument answer: ${get.responseBytes.toLocaleString('en-US')} bytes; ${view.spans.length} spans saved back`);
  section.timing('getDocument (request -> parsed answer)', get.samples);
  section.timing('saveAnnotations (request -> parsed answer)', save.samples);
}

/** Words on the shown page for load `load`, none on a pre-made span, different for every load. */
function wordsForLoad(text, shown, premade, load) {
  const taken = new Set(premade.map((s) => s.start));
  const candidates = wordsIn(text, shown.start, shown.end).filter((w) => !taken.has(w.start));
  const total = LOADS * SPANS_PER_LOAD;
  const step = Math.max(1, Math.floor(candidates.length / total));
  return Array.from({ length: SPANS_PER_LOAD }, (_, k) => candidates[(load * SPANS_PER_LOAD + k) * step]).filter(Boolean);
}

/** Section 4 for one synthetic article: fresh opens, page switches and tagging, per load. */
async function benchSyntheticDocument(browser, url, doc, report) {
  const opens = [];
  const switches = [];
  const tags = [];
  let pages = 1;
  for (let load = 0; load < LOADS; load++) {
    const fresh = await freshPage(browser, url);
    try {
      opens.push(await openDocumentTimed(fresh.page, doc.id));
      pages = Number(await fresh.page.locator('.fm-article-pager-status').first().getAttribute('data-pages').catch(() => '1')) || 1;
      for (let s = 0; s < PAGE_SWITCHES_PER_LOAD && s < pages - 1; s++) switches.push(await nextPageTimed(fresh.page));
      const shown = await currentRange(fresh.page);
      for (const word of wordsForLoad(doc.text, shown, doc.spans, load)) tags.push(await tagRangeTimed(fresh.page, word, ACTOR_KEY));
      await waitSaved(fresh.page);
    } finally {
      await fresh.close();
    }
  }
  const detail = opens.at(-1).builds.find((b) => b.detail?.full)?.detail;
  const section = report.section(
    doc.key,
    `Synthetic ${doc.label}: ${doc.bytes.toLocaleString('en-US')} bytes, ${doc.text.length.toLocaleString('en-US')} chars, ${doc.spans.length.toLocaleString('en-US')} pre-made spans, ${pages} pages; ${LOADS} fresh loads`,
    detail && `first page build detail: ${detail.blocks} blocks, ${detail.spans} spans, ${detail.chars} chars`,
  );
  section.timing('open: click -> blocks in DOM', opens.map((r) => r.toDom));
  section.timing('open: click -> painted', opens.map((r) => r.toPaint));
  section.timing("open: 'factmark:article-build'", opens.map(fullBuild));
  section.timing('open: longest main-thread task', opens.map((r) => r.longestTask));
  section.timing('next page: click -> painted', switches.map((r) => r.toPaint));
  section.timing("next page: 'factmark:article-build'", switches.map(fullBuild));
  section.timing('next page: longest main-thread task', switches.map((r) => r.longestTask));
  section.timing('add span: keydown -> mark in DOM', tags.map((r) => r.toDom));
  section.timing('add span: keydown -> painted', tags.map((r) => r.toPaint));
  section.timing("add span: 'factmark:article-build'", tags.map(anyBuild));
  section.timing('add span: longest main-thread task', tags.map((r) => r.longestTask));
}

/** Section 4 (1 MiB and 10 MiB articles with pre-made spans) and 5b (API on the 10 MiB one). */
async function benchSynthetic(browser, report) {
  const workspace = makeWorkspace(repoRoot, 'synthetic');
  try {
    const sentences = corpusSentences(corpusDocs);
    const docs = SYNTHETIC.map((s) => ({
      key: s.key,
      id: s.id,
      label: s.title.replace('Synthetic article, ', ''),
      ...addSyntheticDocument(workspace.projectDir, {
        id: s.id,
        title: s.title,
        text: newsLikeText(sentences, s.targetBytes, s.seed),
        spans: PREMADE_SPANS,
        annotator: ANNOTATOR,
      }),
    }));
    const server = await startServe(repoRoot, workspace);
    try {
      for (const doc of docs) await benchSyntheticDocument(browser, server.url, doc, report);
      const large = docs.at(-1);
      await benchApi(server.url, large.id, report, '5b', `HTTP API, synthetic ${large.label} article (${large.spans.length.toLocaleString('en-US')} pre-made spans + those tagged above)`, API_RUNS_LARGE);
    } finally {
      await server.stop();
    }
  } finally {
    workspace.remove();
  }
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: 'string' } } });
  const browser = await launchChromium();
  const report = createReport(machineInfo(browser.version()), LEGEND);
  try {
    await benchSample(browser, report);
    await benchSynthetic(browser, report);
  } finally {
    await browser.close();
  }
  process.stdout.write(report.toText());
  if (values.json) {
    writeFileSync(resolve(values.json), `${JSON.stringify(report.toJSON(), null, 2)}\n`);
    process.stdout.write(`JSON written to ${resolve(values.json)}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
