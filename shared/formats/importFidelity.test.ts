import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../model/labels';
import { buildAnnotations, ImportLosses } from './importedAnnotations';
import { groupImportFiles, parseAnnotationGroup, type ImportInputFile } from './importGroups';
import { parseDoccano } from './importDoccano';
import { parseJsonl } from './importJsonl';
import { parseLabelStudio } from './importLabelStudio';
import type { ParseResult } from './importTypes';
import { matchLabel } from './labelMapping';

/**
 * Issue 14, "Import": nothing a file holds is lost without a word. Each test is built from the
 * other tool's documented format and, where one exists, from a real file it published
 * (test-fixtures/external, SOURCES.md).
 */
const FX = join(__dirname, '../../test-fixtures/external');
const read = (p: string) => readFileSync(join(FX, p), 'utf8');
const file = (name: string, content: string | Buffer): ImportInputFile => ({ name, bytes: new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content) });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(`${r.error.file}:${r.error.line}: ${r.error.reason}`);
  return r;
};
const quotes = (r: ParseResult) => ok(r).documents.map((d) => d.spans.map((s) => [s.label, d.text.slice(s.start, s.end)]));

const V1 = 'doccano/doccano-transformer/tests/data/labeling/labeling.user2.jsonl';
/** doccano 1.x's labels file, as its Labels page exports it (LabelSerializer's fields), for the ids the transformer's data uses. */
const V1_LABELS = JSON.stringify(
  [
    { id: 12, text: 'LOC', prefix_key: null, suffix_key: 'l', background_color: '#209cee', text_color: '#ffffff' },
    { id: 13, text: 'PER', prefix_key: null, suffix_key: 'p', background_color: '#ff3860', text_color: '#ffffff' },
    { id: 14, text: 'ORG', prefix_key: null, suffix_key: 'o', background_color: '#ffdd57', text_color: '#000000' },
  ],
  null,
  2,
);

describe('item 1: doccano 1.x exports (numeric label ids in "annotations")', () => {
  it('reads the spans of doccano-transformer\'s test export, offering the ids as labels to map, with a warning', () => {
    const r = parseDoccano('labeling.user2.jsonl', read(V1));
    expect(quotes(r)).toEqual([
      [
        ['12', 'JAPAN'],
        ['13', 'CHINA'],
        ['13', 'Nadim Ladki'],
        ['12', 'AL-AIN'],
        ['12', 'United Arab Emirates'],
      ],
      [
        ['14', 'RUGBY UNION'],
        ['13', 'CUTTITTA'],
        ['12', 'ITALY'],
        ['12', 'ROME'],
        ['12', 'Italy'],
        ['13', 'Marcello Cuttitta'],
      ],
    ]);
    expect(ok(r).warnings.join(' ')).toMatch(/the labels are doccano label ids \(12, 13, 14\), not names: import doccano's labels file \(label_config\.json/);
  });

  it('names the ids through doccano\'s labels file imported alongside: the same spans as the transformer\'s text-label version', () => {
    const groups = groupImportFiles([file('labeling.user2.jsonl', read(V1)), file('label_config.json', V1_LABELS)]);
    expect(groups.map((g) => [g.kind, g.label])).toEqual([['doccano', 'labeling.user2.jsonl + label_config.json']]);
    const named = quotes(parseAnnotationGroup(groups[0]!));
    const reference = quotes(parseDoccano('t.jsonl', read('doccano/doccano-transformer/tests/data/labeling/labeling_text_label.jsonl')));
    expect(named.map((d) => [...d].sort())).toEqual(reference.map((d) => [...d].sort()));
    expect(ok(parseAnnotationGroup(groups[0]!)).warnings.join(' ')).not.toMatch(/label ids/);
  });

  it('detects doccano 1.x records automatically (they were taken for Prodigy JSONL and lost every span)', () => {
    const [g] = groupImportFiles([file('export.jsonl', read(V1))]);
    expect(g!.kind).toBe('doccano');
    expect(ok(parseAnnotationGroup(g!)).documents.flatMap((d) => d.spans)).toHaveLength(11);
  });

  it('says when several doccano users\' spans are merged into one annotation', () => {
    const r = parseDoccano('multi.jsonl', read('doccano/doccano-transformer/tests/data/labeling_multi_users.jsonl'));
    expect(ok(r).warnings.join(' ')).toMatch(/the spans of 2 doccano users \(ids 1, 2\) were merged/);
    // The same span by both users is kept once, and said so.
    expect(ok(r).warnings.join(' ')).toMatch(/5 spans repeating another/);
  });

  it('recognises doccano\'s own labels files (1.x snake_case, later camelCase) and sets a lone one aside with a note', () => {
    for (const p of ['doccano/doccano/app/api/tests/data/valid_labels.json', 'doccano/doccano/frontend/api/db/labels.json']) {
      const [g] = groupImportFiles([file('label_config.json', read(p))]);
      expect(g).toMatchObject({ kind: 'ignored' });
      expect(g!.note).toMatch(/doccano's labels file/);
    }
    const camel = JSON.stringify([{ id: 1, text: 'LOC', prefixKey: null, suffixKey: '1', backgroundColor: '#73D8FF', textColor: '#ffffff' }]);
    const [g] = groupImportFiles([file('doccano.jsonl', '{"text":"Rome","annotations":[{"label":1,"start_offset":0,"end_offset":4,"user":1}]}\n'), file('label_config.json', camel)]);
    expect(quotes(parseAnnotationGroup(g!))).toEqual([[['LOC', 'Rome']]]);
  });

  it('counts doccano 1.x annotations that are not spans (document labels) instead of passing over them', () => {
    const r = parseDoccano('mixed.jsonl', '{"text":"Aleppo fell.","annotations":[{"label":3,"start_offset":0,"end_offset":6,"user":1},{"label":9,"user":1}]}\n');
    expect(quotes(r)).toEqual([[['3', 'Aleppo']]]);
    expect(ok(r).warnings.join(' ')).toMatch(/1 annotation has no offsets \(document labels or texts, not spans\); not imported/);
  });
});

describe('item 1, general rule: span-like data an importer does not read is a warning with a count', () => {
  it('JSONL: a record holding "entities" (not Prodigy\'s "spans") is named, with its lines', () => {
    const src = ['{"text":"Aleppo fell.","entities":[[0,6,"GPE"]]}', '{"text":"Homs next.","entities":[[0,4,"GPE"]]}'].join('\n');
    const r = parseJsonl('other.jsonl', src);
    expect(ok(r).warnings).toContain('other.jsonl: 2 records hold "entities" (2 items) that Factmark did not read (lines 1, 2); if those are annotations, they were not imported.');
  });

  it('doccano: an unknown list key next to the read ones is named', () => {
    const r = parseDoccano('d.jsonl', '{"text":"Aleppo fell.","label":[[0,6,"GPE"]],"ner_tags":[1,0]}\n');
    expect(quotes(r)).toEqual([[['GPE', 'Aleppo']]]);
    expect(ok(r).warnings.join(' ')).toMatch(/1 record holds "ner_tags" \(2 items\) that Factmark did not read \(line 1\)/);
  });

  it('Label Studio: task-level keys that look like annotations are named with their task', () => {
    const task = { data: { text: 'Aleppo fell.' }, annotations: [], drafts_annotations: [{ result: [] }] };
    const r = parseLabelStudio('ls.json', JSON.stringify([task]));
    expect(ok(r).warnings.join(' ')).toMatch(/1 record holds "drafts_annotations" \(1 item\) that Factmark did not read \(task 1\)/);
  });

  it('keys that hold nothing, and keys that are not span-like, stay quiet', () => {
    const r = parseJsonl('p.jsonl', '{"text":"Aleppo fell.","spans":[],"tokens":[{"text":"Aleppo"}],"entities":[],"_view_id":"ner_manual"}\n');
    expect(ok(r).warnings).toEqual([]);
  });
});

describe('item 3: a Label Studio task whose text is a URL', () => {
  it.each([
    'https://example.org/articles/aleppo.txt',
    's3://bucket/texts/aleppo.txt',
    '/data/upload/1/9c1b-aleppo.txt',
  ])('is refused with the reason, not imported as a document whose text is the link (%s)', (url) => {
    const r = parseLabelStudio('tasks.json', JSON.stringify([{ id: 7, data: { text: 'Aleppo fell on 30 November.' }, annotations: [] }, { id: 8, data: { text: url }, annotations: [] }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(/^task 2: data\.text is a link \(.+\), not the text itself; .*Factmark works offline and never fetches it\. Fetch the text and import it/);
  });

  it('still imports a text that merely mentions a link', () => {
    const r = parseLabelStudio('t.json', JSON.stringify([{ data: { text: 'See https://example.org for the report.' }, annotations: [] }]));
    expect(ok(r).documents).toHaveLength(1);
  });
});

describe('item 5: blank Prodigy records', () => {
  const record = (i: number) => JSON.stringify({ text: `Record ${i}: Aleppo fell.`, spans: [{ start: 0, end: 6, label: 'X' }] });

  it('skips a record whose text is a single space, naming its line, and imports the other 499', () => {
    const lines = Array.from({ length: 500 }, (_, i) => (i === 316 ? JSON.stringify({ text: ' ', spans: [] }) : record(i)));
    const r = ok(parseJsonl('big.jsonl', lines.join('\n')));
    expect(r.documents).toHaveLength(499);
    expect(r.warnings).toContain('big.jsonl: 1 record with no text (only whitespace) skipped: line 317.');
  });

  it('refuses the file when a blank record carries spans (they would point at nothing)', () => {
    const r = parseJsonl('bad.jsonl', [record(1), JSON.stringify({ text: '   ', spans: [{ start: 0, end: 2, label: 'X' }] })].join('\n'));
    expect(r).toMatchObject({ ok: false, error: { line: 2 } });
    if (!r.ok) expect(r.error.reason).toMatch(/only whitespace.*1 span/);
  });

  it('refuses a file in which no record has any text', () => {
    expect(parseJsonl('empty.jsonl', '{"text":" "}\n{"text":"\\n"}\n')).toMatchObject({ ok: false, error: { reason: 'no record has any text.' } });
  });
});

describe('item 4: attributes and relations come back', () => {
  const project = { labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES, target: (l: string) => matchLabel(DEFAULT_LABELS, l), stamp: '2026-01-01T00:00:00.000Z' };

  it('JSONL (Factmark\'s export shape): attributes and relations are read and fit the project', () => {
    const line = JSON.stringify({
      id: 'd1',
      text: '😀 The army said 300 fighters died.',
      spans: [
        { start: 2, end: 10, label: 'actor', text: 'The army', attributes: { kind: 'armed group' } },
        { start: 2, end: 34, label: 'claim', text: 'The army said 300 fighters died.', attributes: { hedged: true, status: 'disputed' } },
        { start: 16, end: 19, label: 'number', text: '300', attributes: { approx: 'exact', value: 300 } },
      ],
      relations: [{ head: 1, child: 0, label: 'attributed_to', head_span: { start: 2, end: 34, label: 'claim' }, child_span: { start: 2, end: 10, label: 'actor' } }],
      meta: { offset_unit: 'codepoint' },
    });
    const doc = ok(parseJsonl('e.jsonl', line)).documents[0]!;
    let n = 0;
    const losses = new ImportLosses();
    const built = buildAnnotations(doc, { ...project, newId: () => `id${n++}` }, losses);
    expect(losses.warnings('e.jsonl')).toEqual([]);
    const byLabel = Object.fromEntries(built.spans.map((s) => [s.label, s]));
    expect(byLabel.claim!.attributes).toEqual({ hedged: true, status: 'disputed' });
    expect(byLabel.number!.attributes).toEqual({ approx: 'exact', value: 300 });
    expect(built.relations).toEqual([expect.objectContaining({ type: 'attributed_to', from: byLabel.claim!.id, to: byLabel.actor!.id })]);
  });

  it('Prodigy relations point at tokens: the ends are found through head_span/child_span', () => {
    const r = ok(parseJsonl('rel.jsonl', read('prodigy/explosion-projects/tutorials/rel_component/assets/annotations.excerpt.jsonl')));
    const d = r.documents[0]!;
    const q = (key: string) => {
      const s = d.spans.find((x) => x.key === key)!;
      return d.text.slice(s.start, s.end);
    };
    expect(d.relations?.slice(0, 2).map((x) => [q(x.from), x.type, q(x.to)])).toEqual([
      ['Smad', 'Pos-Reg', 'Id1'],
      ['Smad', 'Pos-Reg', 'Id1'],
    ]);
    expect(d.relations![0]!.to).not.toBe(d.relations![1]!.to);
  });

  it('says what the project cannot hold: unknown attributes, values outside the options, relation types it lacks', () => {
    const line = JSON.stringify({
      text: 'The army said 300 fighters died.',
      spans: [
        { start: 0, end: 8, label: 'actor', attributes: { kind: 'army', colour: 'red' } },
        { start: 0, end: 32, label: 'claim' },
      ],
      relations: [{ head: 1, child: 0, label: 'quotes', head_span: { start: 0, end: 32, label: 'claim' }, child_span: { start: 0, end: 8, label: 'actor' } }],
    });
    const losses = new ImportLosses();
    buildAnnotations(ok(parseJsonl('x.jsonl', line)).documents[0]!, { ...project, newId: () => 'i' + Math.random() }, losses);
    expect(losses.warnings('x.jsonl')).toEqual([
      'x.jsonl: 2 attribute values not kept: 1 × Actor Kind "army" (not one of its options: person, organisation, state or government, armed group, media, anonymous source); 1 × "colour" (Actor has no such attribute).',
      'x.jsonl: 1 relation not kept: 1 × "quotes" (not a relation type of this project).',
    ]);
  });

  it('Label Studio: relation results join regions (direction "left" reversed); per-region results are the region\'s attributes', () => {
    const text = 'The army said 300 fighters died.';
    const region = (id: string, start: number, end: number, label: string) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(start, end), labels: [label] } });
    const task = {
      data: { text },
      annotations: [
        {
          result: [
            region('c1', 0, 32, 'Claim'),
            region('a1', 0, 8, 'Actor'),
            // Label Studio's per-region classification: same id as the region, from_name = the control.
            { id: 'c1', from_name: 'status', to_name: 'text', type: 'choices', value: { start: 0, end: 32, choices: ['disputed'] } },
            { id: 'a1', from_name: 'kind', to_name: 'text', type: 'choices', value: { start: 0, end: 8, choices: ['armed group'] } },
            { from_id: 'a1', to_id: 'c1', type: 'relation', direction: 'left', labels: ['attributed_to'] },
            { id: 'x', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['negative'] } },
          ],
        },
      ],
    };
    const doc = ok(parseLabelStudio('ls.json', JSON.stringify([task]))).documents[0]!;
    const losses = new ImportLosses();
    let n = 0;
    const built = buildAnnotations(doc, { ...project, newId: () => `id${n++}` }, losses);
    const byLabel = Object.fromEntries(built.spans.map((s) => [s.label, s]));
    expect(byLabel.claim!.attributes).toEqual({ status: 'disputed' });
    expect(byLabel.actor!.attributes).toEqual({ kind: 'armed group' });
    expect(built.relations).toEqual([expect.objectContaining({ type: 'attributed_to', from: byLabel.claim!.id, to: byLabel.actor!.id })]);
    expect(losses.warnings('ls.json')).toEqual([]);
    // The document-level choice is not a span: counted.
    expect(ok(parseLabelStudio('ls.json', JSON.stringify([task]))).warnings.join(' ')).toMatch(/1 result that is not a text span/);
  });

  it('doccano: an export whose meta says offset_unit "codepoint" is read in code points (it was refused)', () => {
    const text = '👨🏻‍🚒 firemen drive firetrucks';
    const cp = [...text].indexOf('f');
    const line = JSON.stringify({ id: 'd', text, label: [[cp + 14, cp + 24, 'vehicle']], meta: { offset_unit: 'codepoint' } });
    expect(quotes(parseDoccano('d.jsonl', line))).toEqual([[['vehicle', 'firetrucks']]]);
    // Without the meta, the same numbers are UTF-16 (doccano's own unit) and land elsewhere.
    expect(quotes(parseDoccano('d.jsonl', JSON.stringify({ text, label: [[cp + 14, cp + 24, 'vehicle']] })))).not.toEqual([[['vehicle', 'firetrucks']]]);
  });
});

describe('item 4: files of an export folder that are not documents', () => {
  const txt = file('doc-1.txt', 'Aleppo fell.\n');
  const ann = file('doc-1.ann', 'T1\tactor 0 6\tAleppo\n');

  it('a brat export\'s dataset card (README.md), annotation.conf and visual.conf are set aside with a note, not imported as documents', () => {
    const card = file('brat-export/README.md', '# P: brat standoff\n\nExported by Factmark 0.1.0 on 2026-01-01.\n');
    const groups = groupImportFiles([card, txt, ann, file('annotation.conf', '[entities]\nactor\n'), file('visual.conf', '[labels]\n')]);
    expect(groups.map((g) => [g.kind, g.label])).toEqual([
      ['ignored', 'brat-export/README.md'],
      ['brat', 'doc-1.txt + doc-1.ann'],
      ['ignored', 'annotation.conf'],
      ['ignored', 'visual.conf'],
    ]);
    expect(groups[0]!.note).toMatch(/dataset card/);
  });

  it('per-file cards (all.jsonl.README.md, all.README.md) and the JSONL sidecar are set aside too; a README imported alone is a document', () => {
    const jsonl = file('all.jsonl', '{"text":"Aleppo fell.","spans":[]}\n');
    const sidecar = file('all.jsonl.meta.json', JSON.stringify({ format: 'factmark-jsonl', formatVersion: 1, offsetUnit: 'codepoint' }));
    const groups = groupImportFiles([jsonl, file('all.jsonl.README.md', '# card'), file('all.README.md', '# card'), sidecar]);
    expect(groups.map((g) => g.kind)).toEqual(['jsonl', 'ignored', 'ignored', 'ignored']);
    expect(groupImportFiles([file('README.md', '# My notes on Aleppo\n')])[0]!.kind).toBe('text');
  });

  it('Factmark\'s CoNLL and CSV exports are refused with the reason (they do not hold the texts)', () => {
    for (const [name, reason] of [
      ['all.conll', /CoNLL file holds tokens and tags, not the article's text/],
      ['all.csv', /CSV review sheet holds each span's quote and sentence, not the documents' texts/],
    ] as const) {
      const [g] = groupImportFiles([file(name, 'x')]);
      const r = parseAnnotationGroup(g!);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.reason).toMatch(reason);
    }
  });
});
