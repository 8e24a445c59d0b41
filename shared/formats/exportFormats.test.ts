import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { datasetCard } from './datasetCard';
import { FILE_ADAPTERS } from './exportAdapters';
import { bratAnnotationConf, bratDocument } from './exportBrat';
import { csvCell, csvHeader, csvRows } from './exportCsv';
import { doccanoLine } from './exportDoccano';
import { labelStudioTask } from './exportLabelStudio';
import { resolveUnit } from './exportOptions';
import { record, settings, spanAt } from './exportTestKit';
import { w3cAnnotations } from './exportW3c';
import { assignSplits } from './splits';
import { parseBrat } from './importBrat';

const EMOJI_TEXT = 'Hi 😀 there, Bob said "=1+1".\nAnd 🇺🇸 Alice left.';
const bob = spanAt(EMOJI_TEXT, 'Bob', 'actor');
const alice = spanAt(EMOJI_TEXT, 'Alice', 'actor');
const claim = spanAt(EMOJI_TEXT, 'Bob said "=1+1"', 'claim');
const rec = record('emoji', EMOJI_TEXT, [claim, bob, alice]);
const cp = (s: string, utf16: number) => Array.from(s.slice(0, utf16)).length;

describe('offset units', () => {
  it('doccano and Label Studio convert around emoji; each says its unit', () => {
    const doc = JSON.parse(doccanoLine(rec, settings()));
    expect(doc.label).toContainEqual([cp(EMOJI_TEXT, bob.start), cp(EMOJI_TEXT, bob.end), 'actor']);
    expect(Array.from(EMOJI_TEXT).slice(doc.label[1][0], doc.label[1][1]).join('')).toBe('Bob');
    expect(doc.meta.offset_unit).toBe('codepoint');
    const u16 = JSON.parse(doccanoLine(rec, settings({ unit: 'utf16' })));
    expect(u16.label).toContainEqual([bob.start, bob.end, 'actor']);
    const task = labelStudioTask(rec, settings({ unit: 'utf16' }));
    const region = task.annotations[0]!.result.find((r): r is Extract<typeof r, { type: 'labels' }> => r.type === 'labels' && r.value.text === 'Alice')!;
    expect(EMOJI_TEXT.slice(region.value.start, region.value.end)).toBe('Alice');
    expect(region.value.labels).toEqual(['Actor']);
    expect(task.meta.offset_unit).toBe('utf16');
  });

  it('refuses a unit a format cannot honour, and uses each format’s own by default', () => {
    expect(resolveUnit('labelstudio', undefined)).toEqual({ unit: 'utf16' });
    expect(resolveUnit('jsonl', undefined)).toEqual({ unit: 'codepoint' });
    expect(resolveUnit('conll', 'utf16')).toEqual({ unit: null });
    expect(resolveUnit('brat', 'utf16')).toMatchObject({ error: expect.stringMatching(/code points/) });
  });
});

describe('brat standoff', () => {
  it('writes code-point offsets, splits a span over a line break into fragments, and lists labels in annotation.conf', () => {
    const text = 'Ünïcode 😀 Bob\nsaid it.';
    const multi = spanAt(text, 'Bob\nsaid', 'claim');
    const files = bratDocument(record('b', text, [multi, spanAt(text, 'Bob', 'actor')]), 'b');
    expect(files.txt).toBe(text);
    expect(files.ann).toBe('T1\tclaim 10 13;14 18\tBob said\nT2\tactor 10 13\tBob\n');
    expect(bratAnnotationConf(settings().labels)).toMatch(/^\[entities\]\nclaim\nactor\nnumber\n/m);
  });

  it('is read back by the brat importer (shared/formats/importBrat.ts) to the same spans', () => {
    const files = bratDocument(rec, 'emoji');
    const enc = new TextEncoder();
    const parsed = parseBrat('emoji.txt', enc.encode(files.txt), 'emoji.ann', enc.encode(files.ann));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const doc = parsed.documents[0]!;
    expect(doc.text).toBe(EMOJI_TEXT);
    const got = doc.spans.map((s) => [s.start, s.end, s.label]).sort();
    expect(got).toEqual(rec.spans.map((s) => [s.start, s.end, s.label]).sort());
  });
});

describe('W3C Web Annotation', () => {
  const DEFS = join(__dirname, '..', '..', 'test-fixtures', 'external', 'w3c-web-annotation', 'web-annotation-tests');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of readdirSync(join(DEFS, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(DEFS, 'definitions', f), 'utf8')));
  const assertions = readdirSync(join(DEFS, 'annotations'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DEFS, 'annotations', f), 'utf8')));
  /** SHOULD and MAY assertions for what the export implements (selectors, textual body, creator, ...). */
  const IMPLEMENTED = [
    '3.1-bodyKeyFound.json',
    '3.3.1-annotationCreatedImplemented.json',
    '3.3.1-annotationSingleCreatorImplemented.json',
    '3.3.1-singleAnnotationCreatorImplemented.json',
    '3.3.2-annotationCreatorAgentIdImplemented.json',
    '3.3.2-annotationCreatorAgentNicknameImplemented.json',
    '3.3.2-annotationCreatorAgentSingleNameImplemented.json',
    '3.3.2-annotationCreatorAgentTypeImplemented.json',
    '3.3.2-annotationGeneratorAgentIdImplemented.json',
    '3.3.2-annotationGeneratorAgentNicknameImplemented.json',
    '3.3.2-annotationGeneratorAgentSingleNameImplemented.json',
    '3.3.2-annotationGeneratorAgentTypeImplemented.json',
    '3.3.5-annotationSingleMotivationImplemented.json',
    '4.2-selectorValidIfPresent.json',
    '4.2.4-textQuoteSelectorValid.json',
    '4.2.4-prefix.json',
    '4.2.4-suffix.json',
    '4.2.4-textQuoteSelector.json',
    '4.2.5-textPositionSelector.json',
    '4-targSpecificResource.json',
    '3.2.4-bodyETB.json',
    '3.2.1-bodyFormat.json',
    '3.3.5-bodyPurpose.json',
    '3.3.1-annotationCreatorImplemented.json',
    '3.3.1-annotationModifiedImplemented.json',
    '3.3.1-annotationGeneratorImplemented.json',
    '3.3.5-annotationMotivationImplemented.json',
    '3.3.2-annotationCreatorAgentNameImplemented.json',
    '3.3.2-annotationGeneratorAgentNameImplemented.json',
  ];

  it('validates every annotation against all of the test suite’s MUST schemas, and the SHOULD / MAY ones for what it implements', () => {
    const annotations = w3cAnnotations(rec, settings());
    expect(annotations).toHaveLength(3);
    const required = assertions.filter((a) => a.assertionType === 'must' || IMPLEMENTED.includes(a.id));
    expect(required.filter((a) => IMPLEMENTED.includes(a.id)).map((a) => a.id).sort()).toEqual([...IMPLEMENTED].sort());
    let checked = 0;
    for (const schema of required) {
      const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
      for (const a of annotations) {
        const valid = validate(a);
        expect(valid, `${schema.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50 * 3);
    // A broken annotation fails (the schemas are really applied).
    const broken = { ...annotations[0], created: 'yesterday' };
    expect((ajv.getSchema('3.3.1-annotationCreatedValidated.json') ?? ajv.compile(assertions.find((a) => a.id === '3.3.1-annotationCreatedValidated.json')))(broken)).toBe(false);
  });

  it('still validates when spans carry attributes (one describing body per attribute)', () => {
    const withAttributes = record('attrs', EMOJI_TEXT, [
      { ...claim, attributes: { status: 'disputed', hedged: true } },
      { ...bob, attributes: { kind: 'person', entity: 'bob-smith' } },
      alice,
    ]);
    const annotations = w3cAnnotations(withAttributes, settings());
    expect(annotations[0]!.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'claim', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'describing', value: 'hedged: true', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'describing', value: 'status: disputed', format: 'text/plain' },
    ]);
    const required = assertions.filter((a) => a.assertionType === 'must' || IMPLEMENTED.includes(a.id));
    for (const schema of required) {
      const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
      for (const a of annotations) expect(validate(a), `${schema.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    }
  });

  it('has a quote selector with context and a position selector in code points', () => {
    const [first] = w3cAnnotations(rec, settings());
    const [quote, position] = first!.target.selector;
    expect(quote.exact).toBe('Bob said "=1+1"');
    expect(quote.prefix.endsWith('there, ')).toBe(true);
    expect(quote.suffix.startsWith('.\nAnd')).toBe(true);
    expect(Array.from(EMOJI_TEXT).slice(position.start, position.end).join('')).toBe(quote.exact);
    expect(first!.body).toMatchObject({ type: 'TextualBody', value: 'claim', purpose: 'tagging' });
  });

  it('streams a whole collection that parses as one JSON document', () => {
    const a = FILE_ADAPTERS.w3c;
    const s = settings();
    let items = 0;
    let text = a.header(s);
    for (const r of [rec, record('empty', 'No spans.', []), rec]) {
      const out = a.record(r, s, items);
      items += out.items;
      text += out.text;
    }
    text += a.footer(s, items);
    const parsed = JSON.parse(text);
    expect(parsed.type).toBe('AnnotationCollection');
    expect(parsed.total).toBe(6);
    expect(parsed.first.items).toHaveLength(6);
    const collections = ajv.getSchema('collections.json');
    expect(collections).toBeDefined();
  });

  it('streams Label Studio as one JSON array', () => {
    const a = FILE_ADAPTERS.labelstudio;
    const s = settings({ unit: 'utf16' });
    let text = a.header(s);
    let items = 0;
    for (const r of [rec, rec]) {
      const out = a.record(r, s, items);
      items += out.items;
      text += out.text;
    }
    text += a.footer(s, items);
    expect(JSON.parse(text)).toHaveLength(2);
    expect(JSON.parse(a.header(s) + a.footer(s, 0))).toEqual([]);
  });
});

describe('CSV review sheet', () => {
  it('starts with a BOM, quotes per RFC 4180 and defuses formulas', () => {
    expect(csvHeader()).toBe('\uFEFFdocument,title,outlet,label,quote,sentence,claim_status,claimant,value,approx,value_max,unit,start,end,annotator,document_status,split\r\n');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5 people')).toBe('-5 people');
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell(null)).toBe('');
    const rows = csvRows(rec, settings()).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(`emoji,Title of emoji,,Claim,"Bob said ""=1+1""\",\"Hi 😀 there, Bob said \"\"=1+1\"\".\",,,,,,,${cp(EMOJI_TEXT, claim.start)},${cp(EMOJI_TEXT, claim.end)},alice,done,`);
  });
});

describe('splits', () => {
  const docs = Array.from({ length: 40 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, outlet: `outlet-${i % 7}`, date: null, source: null, title: `t${i}` }));

  it('is reproducible: same seed, same split; another seed, another split', () => {
    const a = assignSplits(docs, { train: 0.8, dev: 0.1, test: 0.1, seed: 7 });
    const b = assignSplits([...docs].reverse(), { train: 0.8, dev: 0.1, test: 0.1, seed: 7 });
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    const c = assignSplits(docs, { train: 0.8, dev: 0.1, test: 0.1, seed: 8 });
    expect([...c.entries()].sort()).not.toEqual([...a.entries()].sort());
    const counts = { train: 0, dev: 0, test: 0 };
    for (const s of a.values()) counts[s]++;
    expect(counts).toEqual({ train: 32, dev: 4, test: 4 });
  });

  it('keeps every group (e.g. an outlet) inside one split', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const split = assignSplits(docs, { train: 0.6, dev: 0.2, test: 0.2, seed, groupBy: 'outlet' });
      const byOutlet = new Map<string, Set<string>>();
      for (const d of docs) byOutlet.set(d.outlet, (byOutlet.get(d.outlet) ?? new Set()).add(split.get(d.id)!));
      for (const splits of byOutlet.values()) expect(splits.size).toBe(1);
      expect(new Set(split.values()).size).toBeGreaterThan(1);
    }
  });
});

describe('dataset card', () => {
  it('states the unit, counts per label and split, documents, annotators, schema, date and version', () => {
    const card = datasetCard({
      format: 'conll',
      projectName: 'Aleppo',
      createdAt: '2026-11-22T10:00:00.000Z',
      factmarkVersion: '9.9.9',
      unit: null,
      labels: settings().labels,
      scope: 'documents with status done',
      annotators: ['alice', 'bob'],
      files: ['x-train.conll', 'x-test.conll'],
      spans: { train: { claim: 3, actor: 2 }, test: { claim: 1 } },
      documents: { train: ['a', 'b'], test: ['c'] },
      split: { train: 0.8, dev: 0, test: 0.2, seed: 42, groupBy: 'outlet' },
      dropped: [
        { policy: 'longest-wins', chosen: true, byLabel: { actor: 4 } },
        { policy: 'per-label-columns', chosen: false, byLabel: {} },
      ],
      schema: 'Token per line.',
    });
    expect(card).toContain('Exported by Factmark 9.9.9 on 2026-11-22T10:00:00.000Z.');
    expect(card).toContain('| offset unit | no character offsets');
    expect(card).toContain('| annotators | alice, bob |');
    expect(card).toContain('| Claim | `claim` | 3 | 1 | 4 |');
    expect(card).toContain('| Actor | `actor` | 2 | 0 | 2 |');
    expect(card).toContain('seed 42, grouped by `outlet`');
    expect(card).toContain('- **train**: `a`, `b`');
    expect(card).toContain('| `longest-wins` | yes | 4 | 0 | 4 | 0 |');
    expect(card).toContain('Token per line.');
  });
});
