import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationFileSchema } from '../../shared/model/schemas';
import type { CliIo } from './io';
import { runCli } from './runCli';
import { suggestionsPath } from './suggestCommand';

const GOLD = join(__dirname, '..', '..', 'test-fixtures', 'dev-gold');
const DOC = '002_ee4df2b2a6fab1ba';
let root: string;

function capture() {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root };
  return { io, out: () => out, err: () => err };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-suggest-'));
  await cp(GOLD, join(root, 'p'), { recursive: true });
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('factmark eval', () => {
  it('scores an annotator against itself as perfect, and the suggesters per label, as JSON', async () => {
    const self = capture();
    expect(await runCli(['eval', '--gold', 'p', '--gold-annotator', 'gold', '--pred-annotator', 'gold', '--json'], self.io)).toBe(0);
    const all = JSON.parse(self.out()).scores.find((r: { label: string }) => r.label === 'all');
    expect(all.exact.f1).toBe(1);

    const table = capture();
    expect(await runCli(['eval', '--gold', 'p', '--suggest', '--labels', 'number'], table.io)).toBe(0);
    expect(table.out()).toMatch(/number\s+16\s+\d+/);
    const json = capture();
    expect(await runCli(['eval', '--gold', 'p', '--suggest', '--labels', 'number', '--json'], json.io)).toBe(0);
    const rows = JSON.parse(json.out()).scores;
    expect(rows.map((r: { label: string }) => r.label)).toEqual(['number', 'all']);
    expect(rows[0].overlap.gold).toBe(16);
  });

  it('--learning-curve: the suggestions after 0 and 1 documents learned, as a table and as JSON', async () => {
    const table = capture();
    expect(await runCli(['eval', '--learning-curve', '--gold', 'p', '--gold-annotator', 'gold'], table.io)).toBe(0);
    expect(table.out()).toMatch(/^0 docs\s+2 docs/m);
    expect(table.out()).toMatch(/^1 doc\s+1 doc/m);
    expect(table.out()).toContain('Actions per gold span');
    const json = capture();
    expect(await runCli(['eval', '--learning-curve', '--gold', 'p', '--labels', 'actor,number', '--json'], json.io)).toBe(0);
    const { steps } = JSON.parse(json.out()) as { steps: { learned: number; scoredIds: string[]; decisions: number; scores: { label: string }[] }[] };
    expect(steps.map((s) => [s.learned, s.scoredIds.length])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    expect(steps[0]!.decisions).toBeGreaterThan(10);
    expect(steps[0]!.scores.map((r) => r.label)).toEqual(['actor', 'number', 'all']);
    const wrong = capture();
    expect(await runCli(['eval', '--learning-curve', '--gold', 'p', '--suggest'], wrong.io)).toBe(1);
    const help = capture();
    expect(await runCli(['eval', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('factmark eval --learning-curve --gold PROJECT');
  }, 60_000);

  it('refuses a command line without predictions', async () => {
    const c = capture();
    expect(await runCli(['eval', '--gold', 'p'], c.io)).toBe(1);
    expect(c.err()).toContain('--suggest');
  });
});

describe('the gold sets', () => {
  it.each([
    ['dev-gold', { actor: 103, claim: 29, number: 16 }],
    ['heldout-gold', { actor: 60, claim: 15, number: 8 }],
  ])('%s: valid annotation files whose quotes are the text at their offsets; eval scores every label', async (name, counts) => {
    const dir = join(__dirname, '..', '..', 'test-fixtures', name);
    const source = JSON.parse(readFileSync(join(dir, 'gold-spans.json'), 'utf8')) as { documents: Record<string, unknown[]> };
    for (const docId of Object.keys(source.documents)) {
      const text = readFileSync(join(dir, 'documents', `${docId}.txt`), 'utf8');
      const file = annotationFileSchema.parse(JSON.parse(readFileSync(join(dir, 'annotations', 'gold', `${docId}.json`), 'utf8')));
      expect(file.spans).toHaveLength(source.documents[docId]!.length);
      for (const s of file.spans) expect(text.slice(s.start, s.end)).toBe(s.quote);
    }
    const c = capture();
    expect(await runCli(['eval', '--gold', dir, '--suggest', '--json'], c.io)).toBe(0);
    const out = JSON.parse(c.out());
    const gold = Object.fromEntries(out.scores.filter((r: { label: string }) => r.label !== 'all').map((r: { label: string; exact: { gold: number } }) => [r.label, r.exact.gold]));
    expect(gold).toEqual(counts);
    expect(out.actionsPerGoldSpan.without).toBe(2);
    expect(out.actionsPerGoldSpan.withSuggestions).toBeGreaterThan(0);
  });
});

describe('factmark suggest', () => {
  it('stores suggestions per annotator, leaving out tagged spans and remembered rejections', async () => {
    const c = capture();
    expect(await runCli(['suggest', '--annotator', 'bob', '--labels', 'number,actor', 'p'], c.io)).toBe(0);
    const file = suggestionsPath(join(root, 'p'), 'bob', DOC);
    const first = JSON.parse(await readFile(file, 'utf8'));
    const hours = first.suggestions.find((s: { quote: string }) => s.quote === '72 hours');
    expect(hours).toMatchObject({ label: 'number', suggester: 'numbers', attributes: { value: 72, unit: 'hours' } });
    expect(first.suggestions.some((s: { label: string }) => s.label === 'claim')).toBe(false);
    // The trained tagger proposes actors, with a score.
    expect(first.suggestions.find((s: { quote: string }) => s.quote === 'Reuters')).toMatchObject({ label: 'actor', suggester: 'actors', score: expect.any(Number) });

    // Reject "72 hours": it never comes back.
    first.rejected = [{ start: hours.start, end: hours.end, label: 'number', quote: '72 hours' }];
    await writeFile(file, JSON.stringify(first));
    expect(await runCli(['suggest', '--annotator', 'bob', 'p'], capture().io)).toBe(0);
    const second = JSON.parse(await readFile(file, 'utf8'));
    expect(second.suggestions.some((s: { quote: string }) => s.quote === '72 hours')).toBe(false);
    expect(second.rejected).toHaveLength(1);

    // The gold annotator already tagged every number: none is suggested to them.
    expect(await runCli(['suggest', '--annotator', 'gold', '--labels', 'number', 'p'], capture().io)).toBe(0);
    const gold = JSON.parse(await readFile(suggestionsPath(join(root, 'p'), 'gold', DOC), 'utf8'));
    expect(gold.suggestions).toEqual([]);
  });
});
