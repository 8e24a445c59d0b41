import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/schemas';
import { doccanoLine } from './exportDoccano';
import { labelStudioTask } from './exportLabelStudio';
import { record, settings, T0 } from './exportTestKit';
import { parseDoccano } from './importDoccano';
import { groupImportFiles } from './importGroups';
import { parseJsonl } from './importJsonl';
import { parseLabelStudio } from './importLabelStudio';
import { matchLabel } from './labelMapping';
import type { ParseResult } from './importTypes';

const FX = join(__dirname, '../../test-fixtures/external');
const read = (p: string) => readFileSync(join(FX, p), 'utf8');
const quotes = (r: ParseResult) => {
  if (!r.ok) throw new Error(`${r.error.file}:${r.error.line}: ${r.error.reason}`);
  return r.documents.map((d) => d.spans.map((s) => [s.label, d.text.slice(s.start, s.end)]));
};

describe('Prodigy / spaCy JSONL', () => {
  it('reads code-point offsets: spans after a leading 😂 land on "Allen Edmonds"', () => {
    const file = 'prodigy/explosion-projects/tutorials/ner_fashion_brands/assets/fashion_brands_eval.excerpt.jsonl';
    const r = parseJsonl('fashion.jsonl', read(file));
    const q = quotes(r);
    expect(q).toHaveLength(5);
    expect(q[3]).toEqual([
      ['FASHION_BRAND', 'Allen Edmonds'],
      ['FASHION_BRAND', 'Allen Edmonds'],
    ]);
    if (r.ok) {
      const doc = r.documents[3]!;
      expect(doc.text.startsWith('😂')).toBe(true);
      // 131 in code points is 132 in UTF-16.
      expect(doc.spans[0]!.start).toBe(132);
      expect(r.warnings.join(' ')).not.toMatch(/other offset unit/);
    }
  });

  it('imports every Prodigy sample with spans matching their quoted text', () => {
    for (const f of [
      'prodigy/explosion-projects/tutorials/nel_emerson/assets/emerson_annotated_text.jsonl',
      'prodigy/explosion-projects/tutorials/ner_tweets/assets/demo/demo.jsonl',
      'prodigy/explosion-projects/tutorials/rel_component/assets/annotations.excerpt.jsonl',
      'prodigy/explosion-projects/tutorials/spanruler_restaurant_reviews/assets/test_review.excerpt.jsonl',
    ]) {
      const r = parseJsonl(f, read(f));
      expect(r.ok ? 'ok' : r.error.reason).toBe('ok');
    }
    const reviews = quotes(parseJsonl('r.jsonl', read('prodigy/explosion-projects/tutorials/spanruler_restaurant_reviews/assets/test_review.excerpt.jsonl')));
    expect(reviews[0]).toEqual([
      ['Cuisine', 'asian'],
      ['Location', 'around'],
    ]);
  });

  it('refuses a malformed line with its number, and a span whose text does not match', () => {
    expect(parseJsonl('x.jsonl', '{"text":"a b","spans":[]}\n{"text": oops}\n')).toMatchObject({ ok: false, error: { file: 'x.jsonl', line: 2 } });
    expect(parseJsonl('x.jsonl', '\n\n{"spans":[]}\n')).toMatchObject({ ok: false, error: { line: 3, reason: 'the record has no "text" string.' } });
    const r = parseJsonl('x.jsonl', '{"text":"Aleppo fell","spans":[{"start":0,"end":6,"label":"GPE","text":"fell"}]}\n');
    expect(r).toMatchObject({ ok: false, error: { line: 1 } });
  });
});

describe('doccano', () => {
  it('imports the export samples (JSONL and the pretty-printed relation export)', () => {
    expect(quotes(parseDoccano('e.jsonl', read('doccano/doccano/backend/data_export/pipeline/examples/sequence_labeling/example.jsonl')))).toEqual([
      [
        ['ORG', 'EU'],
        ['MISC', 'German'],
      ],
      [['PERSON', 'Peter Blackburn']],
      [['PERSON', 'Obama']],
    ]);
    const rel = parseDoccano('rel.json', read('doccano/doccano/backend/data_export/pipeline/examples/relation_extraction/example.jsonl'));
    expect(quotes(rel)[0]).toEqual([
      ['ORG', 'Google'],
      ['DATE', 'September 4, 1998'],
      ['PERSON', 'Larry Page'],
      ['PERSON', 'Sergey Brin'],
    ]);
    // The relations come along, joining the entities by id (from_id -> to_id).
    if (!rel.ok) throw new Error(rel.error.reason);
    const doc = rel.documents[0]!;
    const quoteOf = (key: string) => {
      const s = doc.spans.find((x) => x.key === key)!;
      return doc.text.slice(s.start, s.end);
    };
    expect(doc.relations?.map((r) => [quoteOf(r.from), r.type, quoteOf(r.to)])).toEqual([
      ['Google', 'foundedAt', 'September 4, 1998'],
      ['Google', 'foundedBy', 'Larry Page'],
      ['Google', 'foundedBy', 'Sergey Brin'],
    ]);
    expect(rel.warnings.join(' ')).not.toMatch(/relation/);
  });

  it('reads custom column names and flair\'s "data" records, merging repeated texts', () => {
    expect(quotes(parseDoccano('c.jsonl', read('doccano/doccano/backend/data_import/pipeline/examples/sequence_labeling/example.jsonl')))[2]).toEqual([['PERSON', 'Obama']]);
    const flair = parseDoccano('train.jsonl', read('doccano/flair/tests/resources/tasks/jsonl/train.jsonl'));
    expect(quotes(flair)[1]).toEqual([
      ['LOC', 'New Berlin'],
      ['LOC', 'New Berlin.'],
    ]);
  });

  it('refuses doccano\'s own bad sample (a record without text) at its line, and keeps duplicate spans once', () => {
    expect(parseDoccano('x.jsonl', read('doccano/doccano/backend/data_import/tests/data/sequence_labeling/example.jsonl'))).toMatchObject({
      ok: false,
      error: { file: 'x.jsonl', line: 3 },
    });
    const dup = parseDoccano('o.jsonl', read('doccano/doccano/backend/data_import/tests/data/sequence_labeling/example_overlapping.jsonl'));
    expect(quotes(dup)).toEqual([[['LOC', 'e']]]);
  });

  it('reads UTF-16 offsets (doccano counts JavaScript positions) and says so when emoji are present', () => {
    const r = parseDoccano('e.jsonl', JSON.stringify({ text: '👨🏻‍🚒 firemen drive firetrucks', label: [[22, 32, 'VEHICLE']] }));
    expect(quotes(r)).toEqual([[['VEHICLE', 'firetrucks']]]);
    if (r.ok) expect(r.warnings.join(' ')).toMatch(/UTF-16 code units/);
  });
});

describe('Label Studio', () => {
  it('imports an annotated task and a task with only predictions (with a warning)', () => {
    expect(quotes(parseLabelStudio('1.json', read('label-studio/label-studio-frontend/examples/named_entity/annotations/1.json')))).toEqual([[['Date', 'February 22']]]);
    const tasks = parseLabelStudio('tasks.json', read('label-studio/label-studio-frontend/examples/named_entity/tasks.json'));
    expect(quotes(tasks)[0]!.length).toBeGreaterThan(0);
    if (tasks.ok) expect(tasks.warnings.join(' ')).toMatch(/predictions were imported/);
  });

  it('refuses HyperText regions (offsets into HTML) with the reason', () => {
    const r = parseLabelStudio('rich.json', read('label-studio/label-studio-frontend/examples/rich_text_html/annotations/1.json'));
    expect(r).toMatchObject({ ok: false, error: { file: 'rich.json' } });
    if (!r.ok) expect(r.error.reason).toMatch(/HyperText/);
  });

  it('reads UTF-16 offsets, and code points when only those match the quoted text', () => {
    const task = (start: number, end: number) => [{ data: { text: '😀 Aleppo' }, annotations: [{ result: [{ id: 'r1', type: 'labels', value: { start, end, text: 'Aleppo', labels: ['GPE'] } }] }] }];
    const utf16 = parseLabelStudio('a.json', JSON.stringify(task(3, 9)));
    expect(quotes(utf16)).toEqual([[['GPE', 'Aleppo']]]);
    const cp = parseLabelStudio('a.json', JSON.stringify(task(2, 8)));
    expect(quotes(cp)).toEqual([[['GPE', 'Aleppo']]]);
    if (cp.ok) expect(cp.warnings.join(' ')).toMatch(/other offset unit/);
  });
});

describe('format detection', () => {
  it('pairs .ann and W3C .json with their .txt and sniffs JSON formats', () => {
    const f = (name: string, content: string) => ({ name, bytes: new TextEncoder().encode(content) });
    const groups = groupImportFiles([
      f('a.txt', 'x'),
      f('a.ann', ''),
      f('b.jsonl', '{"text":"t","spans":[]}'),
      f('c.jsonl', '{"text":"t","label":[[0,1,"X"]]}'),
      f('d.json', read('label-studio/label-studio-frontend/examples/named_entity/tasks.json')),
      f('e.json', '{"@context":"http://www.w3.org/ns/anno.jsonld","id":"x","type":"Annotation","target":"y"}'),
      f('e.txt', 'text'),
      f('g.md', '# t'),
      f('h.html', '<p>x</p>'),
      f('i.pdf', ''),
    ]);
    expect(groups.map((g) => [g.kind, g.label])).toEqual([
      ['brat', 'a.txt + a.ann'],
      ['jsonl', 'b.jsonl'],
      ['doccano', 'c.jsonl'],
      ['labelstudio', 'd.json'],
      ['w3c', 'e.txt + e.json'],
      ['text', 'g.md'],
      ['html', 'h.html'],
      ['unsupported', 'i.pdf'],
    ]);
  });
});

/** Texts with astral characters, CRLF-free (documents are stored with LF), and spans in them. */
const docArb = fc
  .array(fc.constantFrom('a', 'b', ' ', 'é', '😀', '𝔘', '\n', 'Z'), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join(''))
  .filter((t) => t.trim() !== '')
  .chain((text) => {
    const cuts = [...text].reduce<number[]>((acc, ch) => [...acc, (acc.at(-1) ?? 0) + ch.length], [0]);
    const span = fc
      .tuple(fc.integer({ min: 0, max: cuts.length - 1 }), fc.integer({ min: 0, max: cuts.length - 1 }), fc.constantFrom('claim', 'actor', 'number'))
      .filter(([a, b]) => a !== b)
      .map(([a, b, label]) => ({ start: cuts[Math.min(a, b)]!, end: cuts[Math.max(a, b)]!, label }));
    return fc.tuple(fc.constant(text), fc.uniqueArray(span, { maxLength: 6, selector: (s) => `${s.start}:${s.end}:${s.label}` }));
  });

const asSpans = (spans: { start: number; end: number; label: string }[], text: string): Span[] =>
  spans.map((s, i) => ({ id: `s${i}`, ...s, quote: text.slice(s.start, s.end), createdAt: T0, updatedAt: T0 }));
const key = (spans: readonly { start: number; end: number; label: string }[]) => spans.map((s) => `${s.start}:${s.end}:${s.label}`).sort();

describe('round trips through the exporters (property)', () => {
  it('doccano: export then import gives the same text and spans', () => {
    fc.assert(
      fc.property(docArb, ([text, spans]) => {
        const line = doccanoLine(record('d', text, asSpans(spans, text)), settings({ unit: 'utf16' }));
        const r = parseDoccano('d.jsonl', `${line}\n`);
        if (!r.ok) throw new Error(r.error.reason);
        expect(r.documents[0]!.text).toBe(text);
        expect(key(r.documents[0]!.spans)).toEqual(key(spans));
      }),
    );
  });

  it('Label Studio: export then import gives the same text and spans', () => {
    fc.assert(
      fc.property(docArb, ([text, spans]) => {
        const task = labelStudioTask(record('d', text, asSpans(spans, text)), settings({ unit: 'utf16' }));
        const r = parseLabelStudio('d.json', JSON.stringify([task]));
        if (!r.ok) throw new Error(r.error.reason);
        expect(r.documents[0]!.text).toBe(text);
        // Label Studio carries label names ("Claim"); the importer matches them to ids by name.
        const labels = settings().labels;
        expect(key(r.documents[0]!.spans.map((s) => ({ ...s, label: matchLabel(labels, s.label) ?? s.label })))).toEqual(key(spans));
      }),
    );
  });

  it('JSONL (code points, Prodigy shape): serialise then import gives the same text and spans', () => {
    fc.assert(
      fc.property(docArb, ([text, spans]) => {
        const cp = (u: number) => [...text.slice(0, u)].length;
        const line = JSON.stringify({ text, spans: spans.map((s) => ({ start: cp(s.start), end: cp(s.end), label: s.label, text: text.slice(s.start, s.end) })) });
        const r = parseJsonl('d.jsonl', `${line}\n`);
        if (!r.ok) throw new Error(r.error.reason);
        expect(r.documents[0]!.text).toBe(text);
        expect(key(r.documents[0]!.spans)).toEqual(key(spans));
      }),
    );
  });
});
