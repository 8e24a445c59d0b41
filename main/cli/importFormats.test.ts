import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allLearningSettled } from '../services/learningService';
import { createFactmarkService } from '../services/factmarkService';
import { CORPUS_DIR, unwrap } from '../services/serviceTestKit';
import type { CliIo } from './io';
import { runCli } from './runCli';

const FX = join(__dirname, '../../test-fixtures/external');
let root: string;
let project: string;

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root }, out: () => out, err: () => err };
}

/** Every file of a folder with the SHA-256 of its bytes: equal snapshots mean nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[`${relative(dir, p)}/`] = 'dir';
        await walk(p);
      } else out[relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
    }
  };
  await walk(dir);
  return out;
}

async function annotationFiles(annotator: string) {
  const dir = join(project, 'annotations', annotator);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8'))));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-import-test-'));
  project = join(root, 'p');
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
  expect(await runCli(['init', 'p', '--name', 'Import test'], capture().io)).toBe(0);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  // Learning a save started may still be writing under .factmark/learning/.
  await allLearningSettled();
  await rm(root, { recursive: true, force: true });
});

describe('factmark import of annotated datasets', () => {
  it('refuses labels the project lacks, listing them, and changes nothing', async () => {
    await cp(join(FX, 'brat/nlplab-brat/tutorials/news'), join(root, 'news'), { recursive: true });
    const before = await snapshot(project);
    const c = capture();
    expect(await runCli(['import', 'p', 'news', '--annotator', 'alice'], c.io)).toBe(1);
    expect(c.err()).toMatch(/these labels are not in the project: .*"Organization" \(\d+\)/);
    expect(c.err()).toContain('--add-labels');
    expect(await snapshot(project)).toEqual(before);
  });

  it('imports a brat folder with --add-labels into the annotator\'s files, spans keeping their origin', async () => {
    await cp(join(FX, 'brat/nlplab-brat/tutorials/news'), join(root, 'news'), { recursive: true });
    const c = capture();
    expect(await runCli(['import', 'p', 'news', '--add-labels', '--annotator', 'alice'], c.io)).toBe(0);
    expect(c.out()).toMatch(/imported news\/000-introduction\.txt \+ news\/000-introduction\.ann as 000-introduction \(\d+ spans for alice\)/);
    // brat relations and attributes are read; those the project has no type for are named, with counts.
    expect(c.out()).toMatch(/note: news\/070-editing_relation_annotations\.ann: 3 relations not kept: 2 × "Located" \(not a relation type of this project\)/);
    expect(c.out()).toMatch(/added label "Organization" as organization/);
    const labels = JSON.parse(await readFile(join(project, 'project.json'), 'utf8')).labels.map((l: { id: string }) => l.id);
    expect(labels).toEqual(expect.arrayContaining(['claim', 'actor', 'number', 'organization', 'person', 'money']));
    const files = await annotationFiles('alice');
    expect(files).toHaveLength(9);
    const intro = files.find((f) => f.docId === '000-introduction');
    const citibank = intro.spans.find((s: { quote: string }) => s.quote === 'Citibank');
    expect(citibank).toMatchObject({ label: 'organization', origin: { format: 'brat', file: 'news/000-introduction.ann', id: 'T1', label: 'Organization' } });
    expect(intro.status).toBe('in_progress');

    const v = capture();
    expect(await runCli(['validate', 'p', '--json'], v.io)).toBe(0);
    expect(JSON.parse(v.out())).toMatchObject({ valid: true, documents: 9, annotationFiles: 9, problems: [] });
    const s = capture();
    expect(await runCli(['stats', 'p', '--json'], s.io)).toBe(0);
    const stats = JSON.parse(s.out());
    expect(stats.documents).toBe(9);
    expect(stats.annotators).toEqual([expect.objectContaining({ name: 'alice', status: { todo: 0, in_progress: 9, done: 0 } })]);
    expect(stats.spansByLabel.organization).toBeGreaterThan(0);
  });

  it('maps labels with --map and reads Prodigy and Label Studio files', async () => {
    await cp(join(FX, 'prodigy/explosion-projects/tutorials/ner_fashion_brands/assets/fashion_brands_eval.excerpt.jsonl'), join(root, 'fashion.jsonl'));
    await cp(join(FX, 'label-studio/label-studio-frontend/examples/named_entity/annotations/1.json'), join(root, 'ls.json'));
    const c = capture();
    expect(await runCli(['import', 'p', 'fashion.jsonl', 'ls.json', '--map', 'FASHION_BRAND=actor', '--map', 'Date=Number', '--annotator', 'bob'], c.io)).toBe(0);
    const files = await annotationFiles('bob');
    const all = files.flatMap((f) => f.spans);
    expect(all.filter((s) => s.quote === 'Allen Edmonds').every((s) => s.label === 'actor' && s.origin.label === 'FASHION_BRAND')).toBe(true);
    expect(all.find((s) => s.quote === 'February 22')).toMatchObject({ label: 'number', origin: { format: 'labelstudio', file: 'ls.json', id: 'beFiQTT1cU', label: 'Date' } });
    const bad = capture();
    expect(await runCli(['import', 'p', 'fashion.jsonl', '--map', 'FASHION_BRAND=brand'], bad.io)).toBe(1);
    expect(bad.err()).toContain('"brand" is not a label of this project');
  });

  it('doccano 1.x: label ids are offered to map (--map 12=actor), or named by doccano\'s labels file imported alongside', async () => {
    await cp(join(FX, 'doccano/doccano-transformer/tests/data/labeling/labeling.user2.jsonl'), join(root, 'v1.jsonl'));
    const refused = capture();
    expect(await runCli(['import', 'p', 'v1.jsonl', '--annotator', 'alice'], refused.io)).toBe(1);
    expect(refused.out()).toMatch(/note: v1\.jsonl: the labels are doccano label ids \(12, 13, 14\), not names/);
    expect(refused.err()).toMatch(/these labels are not in the project: "12" \(6\), "13" \(4\), "14" \(1\)/);

    const c = capture();
    expect(await runCli(['import', 'p', 'v1.jsonl', '--map', '12=actor', '--map', '13=actor', '--map', '14=actor', '--annotator', 'alice'], c.io)).toBe(0);
    const spans = (await annotationFiles('alice')).flatMap((f) => f.spans);
    expect(spans).toHaveLength(11);
    expect(spans.find((s: { quote: string }) => s.quote === 'Marcello Cuttitta')).toMatchObject({ label: 'actor', origin: { format: 'doccano', label: '13' } });

    // In a fresh project: the labels file names the ids, and --add-labels adds LOC, PER and ORG.
    expect(await runCli(['init', 'q'], capture().io)).toBe(0);
    await writeFile(
      join(root, 'label_config.json'),
      JSON.stringify([
        { id: 12, text: 'LOC', prefix_key: null, suffix_key: 'l', background_color: '#209cee', text_color: '#ffffff' },
        { id: 13, text: 'PER', prefix_key: null, suffix_key: 'p', background_color: '#ff3860', text_color: '#ffffff' },
        { id: 14, text: 'ORG', prefix_key: null, suffix_key: 'o', background_color: '#ffdd57', text_color: '#000000' },
      ]),
    );
    const named = capture();
    expect(await runCli(['import', 'q', 'v1.jsonl', 'label_config.json', '--add-labels', '--annotator', 'alice'], named.io)).toBe(0);
    expect(named.out()).toMatch(/imported v1\.jsonl \+ label_config\.json as 2 documents \(11 spans for alice\)/);
    expect(named.out()).toMatch(/added label "PER" as per/);
  });

  it('keeps relations and attributes the project defines, refuses Label Studio link-only texts, skips blank Prodigy records', async () => {
    const line = JSON.stringify({
      text: 'The army said 300 fighters died.',
      spans: [
        { start: 0, end: 8, label: 'actor', attributes: { kind: 'armed group' } },
        { start: 0, end: 32, label: 'claim', attributes: { status: 'disputed' } },
        { start: 14, end: 17, label: 'number', attributes: { value: 300 } },
      ],
      relations: [{ head: 1, child: 0, label: 'attributed_to', head_span: { start: 0, end: 32, label: 'claim' }, child_span: { start: 0, end: 8, label: 'actor' } }],
    });
    await writeFile(join(root, 'mine.jsonl'), `${line}\n{"text":" ","spans":[]}\n`);
    await writeFile(join(root, 'remote.json'), JSON.stringify([{ id: 1, data: { text: 'https://example.org/a.txt' }, annotations: [] }]));
    const c = capture();
    expect(await runCli(['import', 'p', 'mine.jsonl', 'remote.json', '--annotator', 'alice'], c.io)).toBe(1);
    expect(c.out()).toContain('note: mine.jsonl: 1 record with no text (only whitespace) skipped: line 2.');
    expect(c.out()).toMatch(/refused  remote\.json: remote\.json: task 1: data\.text is a link \(https:\/\/example\.org\/a\.txt\), not the text itself; .*Factmark works offline/);
    const [file] = await annotationFiles('alice');
    const byLabel = Object.fromEntries(file.spans.map((s: { label: string }) => [s.label, s]));
    expect(byLabel.claim.attributes).toEqual({ status: 'disputed' });
    expect(byLabel.number.attributes).toEqual({ value: 300 });
    expect(file.relations).toEqual([expect.objectContaining({ type: 'attributed_to', from: byLabel.claim.id, to: byLabel.actor.id })]);
    const v = capture();
    expect(await runCli(['validate', 'p', '--json'], v.io)).toBe(0);
  });

  it('imports a malformed file not at all (file, line and reason) while the good ones go in', async () => {
    await cp(join(FX, 'doccano/doccano/backend/data_import/tests/data/sequence_labeling/example.jsonl'), join(root, 'broken.jsonl'));
    await writeFile(join(root, 'good.txt'), 'A plain article.\n');
    const c = capture();
    expect(await runCli(['import', 'p', 'broken.jsonl', 'good.txt', '--add-labels', '--annotator', 'alice'], c.io)).toBe(1);
    expect(c.out()).toContain('refused  broken.jsonl: broken.jsonl, line 3: the record has no text');
    expect(c.out()).toMatch(/imported good\.txt as good/);
    const docs = (await readdir(join(project, 'documents'))).sort();
    expect(docs).toEqual(['good.json', 'good.txt']);
    // The labels only the broken file used were not added.
    expect(JSON.parse(await readFile(join(project, 'project.json'), 'utf8')).labels).toHaveLength(3);

    const before = await snapshot(project);
    await writeFile(join(root, 'w3c.json'), '{ "@context": "http://www.w3.org/ns/anno.jsonld", "id": ["a", "b"], "type": "Annotation", "target": "x" }');
    await writeFile(join(root, 'w3c.txt'), 'Some text.\n');
    const w = capture();
    expect(await runCli(['import', 'p', 'w3c.txt', 'w3c.json', '--add-labels'], w.io)).toBe(1);
    expect(w.out()).toMatch(/refused  w3c\.txt \+ w3c\.json: w3c\.json, line 1: annotation 1: an annotation needs exactly one IRI as "id"/);
    expect(await snapshot(project)).toEqual(before);
  });

  it('imports an HTML article with its main text, title, byline and date', async () => {
    const para = (s: string) => `<p>${s}</p>`;
    const html = `<!doctype html><html><head><title>Rebels enter Aleppo - Example News</title>
      <meta property="article:published_time" content="2024-11-30T08:00:00Z"><meta name="author" content="Jane Reporter"></head>
      <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Rebels enter Aleppo</h1>${para('Opposition fighters entered Aleppo on Friday, the first time since 2016 that the city has been contested, officials said. '.repeat(3))}
      ${para('The Syrian army said dozens of soldiers were killed as the offensive advanced into the western districts of the city. '.repeat(3))}</article>
      <footer>Copyright Example News. Subscribe to our newsletter.</footer></body></html>`;
    await writeFile(join(root, 'aleppo.html'), html);
    const c = capture();
    expect(await runCli(['import', 'p', 'aleppo.html'], c.io)).toBe(0);
    const meta = JSON.parse(await readFile(join(project, 'documents', 'aleppo.json'), 'utf8'));
    expect(meta).toMatchObject({ date: '2024-11-30T08:00:00Z', outlet: 'Jane Reporter' });
    expect(meta.title).toMatch(/^Rebels enter Aleppo/);
    const text = await readFile(join(project, 'documents', 'aleppo.txt'), 'utf8');
    expect(text).toContain('Opposition fighters entered Aleppo on Friday');
    expect(text).toContain('\n\nThe Syrian army said');
    expect(text).not.toContain('Subscribe');
    expect(text).not.toContain('Home');
  });
});

describe('factmark import of folders', () => {
  it('searches folders recursively and shows progress on stderr for long runs', async () => {
    await mkdir(join(root, 'many', 'sub'), { recursive: true });
    for (let i = 0; i < 24; i++) await writeFile(join(root, 'many', i % 2 ? 'sub' : '', `n${i}.txt`), `Note number ${i}.\n`);
    await writeFile(join(root, 'many', 'ignored.pdf'), 'x');
    const c = capture();
    expect(await runCli(['import', 'p', 'many'], c.io)).toBe(0);
    expect(c.out()).toContain('Imported 24 of 24 files');
    expect(c.err()).toContain('[24/24] many/sub/n9.txt');
  });
});

describe('factmark validate and stats', () => {
  it('lists each problem with its file, exits 1, and reports as JSON', async () => {
    await writeFile(join(root, 'a.txt'), 'Aleppo fell.\n');
    expect(await runCli(['import', 'p', 'a.txt'], capture().io)).toBe(0);
    await mkdir(join(project, 'annotations', 'alice'), { recursive: true });
    await writeFile(join(project, 'annotations', 'alice', 'a.json'), '{"schemaVersion": 1}');
    await writeFile(join(project, 'annotations', 'alice', 'ghost.json'), '{}');
    const c = capture();
    expect(await runCli(['validate', 'p'], c.io)).toBe(1);
    expect(c.out()).toContain(`${join(project, 'annotations', 'alice', 'a.json')}: `);
    expect(c.out()).toMatch(/2 problems found/);
    const j = capture();
    expect(await runCli(['validate', 'p', '--json'], j.io)).toBe(1);
    const report = JSON.parse(j.out());
    expect(report.valid).toBe(false);
    expect(report.problems.map((p: { file: string }) => relative(project, p.file)).sort()).toEqual(['annotations/alice/a.json', 'annotations/alice/ghost.json']);
    const s = capture();
    expect(await runCli(['stats', 'p'], s.io)).toBe(0);
    expect(s.out()).toContain('Import test: 1 documents, 0 annotators');
    expect(s.out()).toContain('2 problems found');
    expect(await runCli(['validate', join(root, 'nowhere'), '--json'], capture().io)).toBe(1);
  });
});

describe('spans keep their origin through the app', () => {
  it('saveAnnotations keeps origin on spans the UI sends back', async () => {
    await cp(join(FX, 'brat/dkpro-core/brat/document1.txt'), join(root, 'd.txt'));
    await cp(join(FX, 'brat/dkpro-core/brat/document1.ann'), join(root, 'd.ann'));
    expect(await runCli(['import', 'p', 'd.txt', 'd.ann', '--add-labels', '--annotator', 'alice'], capture().io)).toBe(0);
    const service = createFactmarkService({ dataDir: join(root, 'svc'), corpusDir: CORPUS_DIR, version: '0', annotator: 'alice' });
    try {
      unwrap(await service.openProject({ path: project }));
      const doc = unwrap(await service.getDocument({ docId: 'd' }));
      expect(doc.spans[0]!.origin?.format).toBe('brat');
      const spans = doc.spans.map(({ quote: _q, ...s }) => s);
      unwrap(await service.saveAnnotations({ docId: 'd', status: 'done', spans }));
      const [file] = await annotationFiles('alice');
      expect(file.status).toBe('done');
      expect(file.spans.every((s: { origin?: { format: string } }) => s.origin?.format === 'brat')).toBe(true);
    } finally {
      await (service as unknown as { dispose?: () => Promise<void> }).dispose?.();
    }
  });
});
