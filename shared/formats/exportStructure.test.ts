import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../model/labels';
import { bratAnnotationConf, bratDocument } from './exportBrat';
import { documentLine } from './exportJsonl';
import { labelStudioTask } from './exportLabelStudio';
import { record, settings, spanAt } from './exportTestKit';
import { parseBrat } from './importBrat';

const TEXT = 'Officials said 300 civilians fled Aleppo.\nAssad denied it.';
const claim = { ...spanAt(TEXT, 'Officials said 300 civilians fled Aleppo.', 'claim', 'c1'), attributes: { status: 'disputed', hedged: true, note: 'two sources' } };
const officials = { ...spanAt(TEXT, 'Officials', 'actor', 'a1'), attributes: { kind: 'state or government' } };
const number = { ...spanAt(TEXT, '300', 'number', 'n1'), attributes: { value: 300, approx: 'at least', unit: 'people' } };
const assad = { ...spanAt(TEXT, 'Assad', 'actor', 'a2'), attributes: { entity: 'bashar-al-assad' } };
const T = '2026-01-01T00:00:00.000Z';
const relations = [
  { id: 'r1', type: 'attributed_to', from: 'c1', to: 'a1', createdAt: T, updatedAt: T },
  { id: 'r2', type: 'attributed_to', from: 'c1', to: 'a2', createdAt: T, updatedAt: T },
];
const rec = { ...record('doc', TEXT, [claim, officials, number, assad]), relations };

describe('exports with attributes and relations', () => {
  it('JSONL: per-span attributes (keys sorted) and Prodigy-style relations by span index', () => {
    const line = JSON.parse(documentLine(rec, 'codepoint'));
    expect(line.spans.map((s: { text: string }) => s.text)).toEqual(['Officials said 300 civilians fled Aleppo.', 'Officials', '300', 'Assad']);
    expect(line.spans[0].attributes).toEqual({ hedged: true, note: 'two sources', status: 'disputed' });
    expect(Object.keys(line.spans[2].attributes)).toEqual(['approx', 'unit', 'value']);
    expect(line.spans[3].attributes).toEqual({ entity: 'bashar-al-assad' });
    expect(line.relations).toEqual([
      { head: 0, child: 1, label: 'attributed_to', head_span: { start: 0, end: 41, label: 'claim' }, child_span: { start: 0, end: 9, label: 'actor' } },
      { head: 0, child: 3, label: 'attributed_to', head_span: { start: 0, end: 41, label: 'claim' }, child_span: { start: 42, end: 47, label: 'actor' } },
    ]);
    // A document without relations or attributes keeps the earlier shape.
    const plain = JSON.parse(documentLine(record('p', TEXT, [spanAt(TEXT, 'Assad', 'actor')]), 'codepoint'));
    expect(plain.relations).toBeUndefined();
    expect(Object.keys(plain.spans[0])).toEqual(['start', 'end', 'label', 'text']);
  });

  it('brat: A lines for choices and true booleans, R lines for relations, all pointing at T lines that exist', () => {
    const { ann } = bratDocument(rec, 'doc', DEFAULT_LABELS);
    const lines = ann.trimEnd().split('\n');
    const t = new Map(lines.filter((l) => l.startsWith('T')).map((l) => {
      const [id, rest] = l.split('\t') as [string, string];
      return [id, rest.split(' ')[0]];
    }));
    const a = lines.filter((l) => l.startsWith('A')).map((l) => l.split('\t')[1]!.split(' '));
    const r = lines.filter((l) => l.startsWith('R')).map((l) => /^R\d+\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$/.exec(l)!.slice(1));
    expect(a).toEqual([
      ['hedged', 'T1'],
      ['status', 'T1', 'disputed'],
      ['kind', 'T2', 'state_or_government'],
      ['approx', 'T3', 'at_least'],
    ]);
    for (const [, target] of a) expect(t.has(target!)).toBe(true);
    expect(r).toEqual([
      ['attributed_to', 'T1', 'T2'],
      ['attributed_to', 'T1', 'T4'],
    ]);
    expect(r.map(([, from, to]) => [t.get(from!), t.get(to!)])).toEqual([
      ['claim', 'actor'],
      ['claim', 'actor'],
    ]);
    // Text, numbers and entity ids are not brat attributes: they stay in the JSON export.
    expect(ann).not.toMatch(/note|value|unit|entity/);
    // Factmark's own brat importer still reads the file (T lines; A and R counted).
    const parsed = parseBrat('doc.txt', new TextEncoder().encode(TEXT), 'doc.ann', new TextEncoder().encode(ann));
    expect(parsed.ok).toBe(true);
    const conf = bratAnnotationConf(DEFAULT_LABELS, [], DEFAULT_RELATION_TYPES);
    expect(conf).toContain('attributed_to\tArg1:claim, Arg2:actor');
    expect(conf).toContain('hedged\tArg:claim');
    expect(conf).toContain('approx\tArg:number, Value:exact|at_least|at_most|about|more_than|fewer_than|range');
  });

  it('Label Studio: relation results between region ids, attributes in the region meta', () => {
    const task = labelStudioTask(rec, settings({ unit: 'utf16', relationTypes: DEFAULT_RELATION_TYPES }));
    const result = task.annotations[0]!.result;
    expect(result.filter((r) => r.type === 'relation')).toEqual([
      { from_id: 'c1', to_id: 'a1', type: 'relation', direction: 'right', labels: ['attributed_to'] },
      { from_id: 'c1', to_id: 'a2', type: 'relation', direction: 'right', labels: ['attributed_to'] },
    ]);
    const ids = new Set(result.flatMap((r) => (r.type === 'labels' ? [r.id] : [])));
    for (const r of result) if (r.type === 'relation') expect(ids.has(r.from_id) && ids.has(r.to_id)).toBe(true);
    expect(result.find((r) => r.type === 'labels' && r.id === 'n1')).toMatchObject({ meta: { attributes: { value: 300, approx: 'at least', unit: 'people' } } });
  });
});
