import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/schemas';
import { bratDocument } from './exportBrat';
import { record } from './exportTestKit';
import { parseBrat } from './importBrat';

const ROOT = join(__dirname, '../../test-fixtures/external/brat');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
// document0d-ref.ann is the expected *output* for document0d.txt, not a pair of its own.
const PAIRS = files(ROOT)
  .filter((f) => f.endsWith('.ann') && !f.endsWith('-ref.ann'))
  .map((ann) => ({ ann, txt: ann.replace(/\.ann$/, '.txt') }))
  .concat([{ ann: join(ROOT, 'dkpro-core/conll/2012/en-ref.ann'), txt: join(ROOT, 'dkpro-core/conll/2012/en-ref.txt') }])
  .filter((p, i, all) => all.findIndex((q) => q.ann === p.ann) === i)
  .sort((a, b) => (a.ann < b.ann ? -1 : 1));
const bytes = (p: string) => new Uint8Array(readFileSync(p));
const name = (p: string) => relative(ROOT, p);

/** The T lines of an .ann as a set, ids left out: "type offsets<TAB>text". */
function tLines(ann: string): string[] {
  return [
    ...new Set(
      ann
        .split(/\r?\n/)
        .filter((l) => l.startsWith('T'))
        .map((l) => l.split('\t').slice(1).join('\t')),
    ),
  ].sort();
}

const T0 = '2026-11-22T10:00:00.000Z';

describe('parseBrat on real brat files', () => {
  it.each(PAIRS.map((p) => [name(p.ann), p]))('imports %s with every T line as spans whose text matches', (_n, pair) => {
    const r = parseBrat(name(pair.txt), bytes(pair.txt), name(pair.ann), bytes(pair.ann));
    expect(r.ok ? 'ok' : r.error.reason).toBe('ok');
    if (!r.ok) return;
    const [doc] = r.documents;
    expect(doc!.text).toBe(readFileSync(pair.txt, 'utf8').replace(/\r\n/g, '\n'));
    const tCount = readFileSync(pair.ann, 'utf8').split('\n').filter((l) => l.startsWith('T')).length;
    expect(doc!.spans.length).toBeGreaterThan(0);
    expect(doc!.spans.length).toBeLessThanOrEqual(tCount + 5);
    for (const s of doc!.spans) {
      expect(s.origin.format).toBe('brat');
      expect(s.origin.id).toMatch(/^T\d+$/);
    }
  });

  it.each(PAIRS.map((p) => [name(p.ann), p]))('round-trips %s through the brat exporter: same .txt bytes, same T lines up to order and ids', (_n, pair) => {
    const r = parseBrat(name(pair.txt), bytes(pair.txt), name(pair.ann), bytes(pair.ann));
    if (!r.ok) throw new Error(r.error.reason);
    const doc = r.documents[0]!;
    const spans: Span[] = doc.spans.map((s, i) => ({ id: `s${i}`, start: s.start, end: s.end, label: s.label, quote: doc.text.slice(s.start, s.end), createdAt: T0, updatedAt: T0 }));
    const out = bratDocument(record('d', doc.text, spans), 'd');
    expect(Buffer.from(out.txt, 'utf8').equals(readFileSync(pair.txt))).toBe(true);
    // A discontinuous annotation comes back as one T line per fragment: exactly brat's own
    // split form, which dkpro's document0d-ref.ann records for document0d.ann.
    const expected = pair.ann.endsWith('document0d.ann') ? readFileSync(pair.ann.replace('.ann', '-ref.ann'), 'utf8') : readFileSync(pair.ann, 'utf8');
    expect(tLines(out.ann)).toEqual(tLines(expected));
  });

  it('keeps overlapping, nested and crossing spans (dkpro en-ref: 203 T lines over 237 characters)', () => {
    const pair = PAIRS.find((p) => p.ann.endsWith('en-ref.ann'))!;
    const r = parseBrat('en-ref.txt', bytes(pair.txt), 'en-ref.ann', bytes(pair.ann));
    if (!r.ok) throw new Error(r.error.reason);
    const spans = r.documents[0]!.spans;
    const nested = spans.some((a) => spans.some((b) => a !== b && a.start <= b.start && b.end <= a.end && (a.start !== b.start || a.end !== b.end)));
    const sameRange = spans.some((a) => spans.some((b) => a !== b && a.start === b.start && a.end === b.end && a.label !== b.label));
    expect(nested).toBe(true);
    expect(sameRange).toBe(true);
    // Exact repeats (same type, same range: 4 ranges, 5 extra lines) are kept once, and said so.
    expect(r.warnings.join(" ")).toMatch(/5 spans repeating another/);
  });

  it('keeps crossing spans through import and export (the real files have none that strictly cross)', () => {
    const txt = readFileSync(join(ROOT, 'dkpro-core/conll/2012/en-ref.txt'));
    const text = txt.toString('utf8');
    const at = (q: string) => [...text].join('').indexOf(q);
    const a = at('John');
    // "John went" and "went to" cross: each starts inside the other.
    const ann = `T1\tA ${a} ${a + 9}\t${text.slice(a, a + 9)}\nT2\tB ${a + 5} ${a + 12}\t${text.slice(a + 5, a + 12)}\n`;
    const r = parseBrat('en.txt', new Uint8Array(txt), 'en.ann', new TextEncoder().encode(ann));
    if (!r.ok) throw new Error(r.error.reason);
    const doc = r.documents[0]!;
    const [s1, s2] = doc.spans;
    expect(s1!.start < s2!.start && s2!.start < s1!.end && s1!.end < s2!.end).toBe(true);
    const spans: Span[] = doc.spans.map((s, i) => ({ id: `s${i}`, start: s.start, end: s.end, label: s.label, quote: '', createdAt: T0, updatedAt: T0 }));
    expect(tLines(bratDocument(record('d', doc.text, spans), 'd').ann)).toEqual(tLines(ann));
  });

  it('splits a discontinuous annotation into fragments, with a warning, and warns about non-span lines', () => {
    const txt = join(ROOT, 'dkpro-core/brat/document0d.txt');
    const r = parseBrat('document0d.txt', bytes(txt), 'document0d.ann', bytes(txt.replace('.txt', '.ann')));
    if (!r.ok) throw new Error(r.error.reason);
    const t2 = r.documents[0]!.spans.filter((s) => s.origin.id === 'T2');
    expect(t2.map((s) => r.documents[0]!.text.slice(s.start, s.end))).toEqual(['is', 'n']);
    expect(r.warnings.join(' ')).toMatch(/1 discontinuous annotation was split/);
    expect(r.warnings.join(' ')).toMatch(/4 events not imported/);
  });

  it('reads code points and counts CRLF as one character, as brat does', () => {
    const text = 'Line one 😀\r\nAleppo fell.\r\n';
    // In brat (Python, universal newlines) "Aleppo" starts at code point 11.
    const ann = 'T1\tGPE 11 17\tAleppo\n';
    const r = parseBrat('a.txt', new TextEncoder().encode(text), 'a.ann', new TextEncoder().encode(ann));
    if (!r.ok) throw new Error(r.error.reason);
    const doc = r.documents[0]!;
    expect(doc.text.slice(doc.spans[0]!.start, doc.spans[0]!.end)).toBe('Aleppo');
    expect(doc.notices.join(' ')).toMatch(/CRLF/);
  });

  it('refuses an .ann that does not fit its text, naming the file and the line', () => {
    const txt = new TextEncoder().encode('Short text.\n');
    const r = parseBrat('a.txt', txt, 'a.ann', new TextEncoder().encode('T1\tX 0 5\tShort\nT2\tX 6 10\tnope\n'));
    expect(r).toMatchObject({ ok: false, error: { file: 'a.ann', line: 2 } });
    if (!r.ok) expect(r.error.reason).toMatch(/cover "text" .* says "nope"/);
    const bad = parseBrat('a.txt', txt, 'a.ann', new TextEncoder().encode('T1\tX 0 5\tShort\n\nT2 X 0 5 Short\n'));
    expect(bad).toMatchObject({ ok: false, error: { file: 'a.ann', line: 3 } });
    const outside = parseBrat('a.txt', txt, 'a.ann', new TextEncoder().encode('T1\tX 0 50\tShort\n'));
    expect(outside).toMatchObject({ ok: false, error: { line: 1 } });
  });

  it('reads a span Factmark\'s exporter wrote as fragments because it crosses line breaks back as one span (brat\'s form of an annotation across lines)', () => {
    const text = 'Officials said on Friday that\n\nrebels 😀 had entered\nAleppo.\n';
    const start = text.indexOf('Officials');
    const end = text.indexOf('Aleppo.') + 'Aleppo.'.length;
    const claim: Span = { id: 'c1', start, end, label: 'claim', quote: text.slice(start, end), createdAt: T0, updatedAt: T0 };
    const actor: Span = { id: 'a1', start: text.indexOf('rebels'), end: text.indexOf('rebels') + 6, label: 'actor', quote: 'rebels', createdAt: T0, updatedAt: T0 };
    const out = bratDocument(record('d', text, [claim, actor]), 'd');
    expect(out.ann).toMatch(/^T1\tclaim \d+ \d+;\d+ \d+;\d+ \d+\t/);
    const r = parseBrat('d.txt', new TextEncoder().encode(out.txt), 'd.ann', new TextEncoder().encode(out.ann));
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.documents[0]!.spans.map((s) => [s.label, s.start, s.end])).toEqual([
      ['claim', start, end],
      ['actor', actor.start, actor.end],
    ]);
    expect(r.warnings.join(' ')).toMatch(/1 annotation in fragments separated only by line breaks or spaces .* was read as one span/);
    expect(r.warnings.join(' ')).not.toMatch(/split into one span per fragment/);
  });

  it('reads attributes (A lines) onto their spans and relations (R lines) between them; those on events are counted', () => {
    const dir = join(ROOT, 'nlplab-brat/tutorials/news');
    const attr = parseBrat('100.txt', bytes(join(dir, '100-attribute_annotation.txt')), '100.ann', bytes(join(dir, '100-attribute_annotation.ann')));
    if (!attr.ok) throw new Error(attr.error.reason);
    const t1 = attr.documents[0]!.spans.find((s) => s.origin.id === 'T1')!;
    expect(t1.attributes).toEqual({ Individual: true });
    // A1-A3, A5, A6 qualify events (E lines), which Factmark has no place for.
    expect(attr.warnings.join(' ')).toMatch(/5 attributes belong to events or other non-span annotations; not imported/);

    const rel = parseBrat('060.txt', bytes(join(dir, '060-relation_annotation.txt')), '060.ann', bytes(join(dir, '060-relation_annotation.ann')));
    if (!rel.ok) throw new Error(rel.error.reason);
    const doc = rel.documents[0]!;
    const q = (key: string) => {
      const s = doc.spans.find((x) => x.key === key)!;
      return doc.text.slice(s.start, s.end);
    };
    expect(doc.relations?.map((r) => [q(r.from), r.type, q(r.to)])).toEqual([['Terry Pratchett', 'Located', 'England']]);
    expect(rel.warnings.join(' ')).toMatch(/1 equivalence not imported/);
  });
});

