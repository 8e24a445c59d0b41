import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from './labels';
import type { AnnotationFile, LabelDef } from './schemas';
import {
  attributeProblem,
  attributesForLabel,
  initialAttributes,
  defaultAttributes,
  migrateAnnotationFile,
  missingRequired,
  planSchemaChange,
  schemaProblems,
  type LabelSchema,
  type SchemaPlan,
} from './schemaEdits';

const T = '2026-01-02T03:04:05.000Z';
const base: LabelSchema = { labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES };
const clone = (s: LabelSchema): LabelSchema => JSON.parse(JSON.stringify(s)) as LabelSchema;

function file(): AnnotationFile {
  const span = (id: string, start: number, end: number, label: string, attributes?: Record<string, string | number | boolean | string[]>) => ({
    id,
    start,
    end,
    label,
    quote: 'x'.repeat(end - start),
    createdAt: T,
    updatedAt: T,
    ...(attributes ? { attributes } : {}),
  });
  return {
    schemaVersion: 1,
    docId: 'd1',
    textSha256: 'a'.repeat(64),
    annotator: 'alice',
    status: 'in_progress',
    spans: [
      span('c1', 0, 10, 'claim', { status: 'disputed', hedged: true }),
      span('a1', 0, 3, 'actor', { kind: 'person' }),
      span('n1', 5, 8, 'number', { value: 72, unit: 'hours' }),
      span('n2', 9, 10, 'number', { value: 3 }),
    ],
    relations: [{ id: 'r1', type: 'attributed_to', from: 'c1', to: 'a1', createdAt: T, updatedAt: T }],
    updatedAt: T,
  };
}

function plan(after: LabelSchema, renames = { labels: {}, attributes: {} }): SchemaPlan {
  const p = planSchemaChange(base, after, renames);
  if (!p.ok) throw new Error(p.problems.join(' / '));
  return p.plan;
}

describe('schemaProblems', () => {
  it('accepts the default schema', () => {
    expect(schemaProblems(base)).toEqual([]);
  });
  it('refuses a hotkey used twice, naming both labels', () => {
    const s = clone(base);
    s.labels[1]!.hotkeys = ['c'];
    expect(schemaProblems(s).join(' ')).toMatch(/hotkey "c" is used by both claim and actor/);
  });
  it('refuses keys the app uses itself', () => {
    const s = clone(base);
    s.labels[0]!.hotkeys = ['?'];
    expect(schemaProblems(s).join(' ')).toMatch(/"\?" is already used by the app/);
  });
  it('refuses duplicate label ids, relation types to missing labels and defaults outside the options', () => {
    const s = clone(base);
    s.labels[2]!.id = 'actor';
    expect(schemaProblems(s).join(' ')).toMatch(/label ids must be unique/);
    const r = clone(base);
    r.relationTypes[0]!.to = ['ghost'];
    expect(schemaProblems(r).join(' ')).toMatch(/unknown label "ghost"/);
    const d = clone(base);
    const status = d.labels[0]!.attributes[0]!;
    if (status.type === 'choice') status.default = 'maybe';
    expect(schemaProblems(d)).toEqual(['Claim › Status: the default "maybe" is not one of the options.']);
  });
  it('names the label, not an index, when an attribute id is malformed', () => {
    const s = clone(base);
    s.labels[1]!.attributes[0]!.id = 'Bad Id';
    expect(schemaProblems(s)[0]).toMatch(/^Actor › Kind: id: ids are lower-case/);
  });
});

describe('planSchemaChange', () => {
  it('maps unchanged labels to themselves and finds added and deleted ones', () => {
    const s = clone(base);
    s.labels = s.labels.filter((l) => l.id !== 'number');
    s.labels.push({ id: 'place', name: 'Place', color: '#000000', hotkeys: ['4'], attributes: [] });
    const p = plan(s);
    expect([...p.labelMap]).toEqual([
      ['claim', 'claim'],
      ['actor', 'actor'],
    ]);
    expect(p.deletedLabels).toEqual(['number']);
    expect(p.addedLabels).toEqual(['place']);
  });
  it('refuses renames to labels that do not exist or already exist', () => {
    const s = clone(base);
    const p1 = planSchemaChange(base, s, { labels: { claim: 'statement' }, attributes: {} });
    expect(p1.ok ? [] : p1.problems).toEqual(['The label "claim" is renamed to "statement", which the new schema does not have.']);
    const p2 = planSchemaChange(base, s, { labels: { claim: 'actor' }, attributes: {} });
    expect(p2.ok ? [] : p2.problems).toEqual(['"claim" cannot be renamed to "actor": that label already exists.']);
    const p3 = planSchemaChange(base, s, { labels: { ghost: 'claim' }, attributes: {} });
    expect(p3.ok).toBe(false);
  });
  it('allows two labels to swap ids', () => {
    const s = clone(base);
    s.labels[0]!.id = 'actor';
    s.labels[1]!.id = 'claim';
    s.relationTypes[0] = { ...s.relationTypes[0]!, from: ['actor'], to: ['claim'] };
    const p = plan(s, { labels: { claim: 'actor', actor: 'claim' }, attributes: {} } as never);
    expect(p.labelMap.get('claim')).toBe('actor');
    expect(p.labelMap.get('actor')).toBe('claim');
    expect(p.deletedLabels).toEqual([]);
  });
});

describe('migrateAnnotationFile', () => {
  it('changes nothing when the schema only changes names and colours', () => {
    const s = clone(base);
    s.labels[0]!.name = 'Statement';
    s.labels[0]!.color = '#123456';
    const m = migrateAnnotationFile(file(), plan(s));
    expect(m.changed).toBe(false);
    expect(m.file).toEqual(file());
  });

  it('renames a label id in spans, keeping their attributes and relations', () => {
    const s = clone(base);
    s.labels[0]!.id = 'statement';
    s.relationTypes[0]!.from = ['statement'];
    const m = migrateAnnotationFile(file(), plan(s, { labels: { claim: 'statement' }, attributes: {} }));
    expect(m.changed).toBe(true);
    expect(m.spansRelabelled).toBe(1);
    const c1 = m.file.spans.find((x) => x.id === 'c1');
    expect(c1?.label).toBe('statement');
    expect(c1?.attributes).toEqual({ status: 'disputed', hedged: true });
    expect(m.file.relations).toHaveLength(1);
    expect(m.relationsRemoved).toBe(0);
  });

  it('renames an attribute id in values', () => {
    const s = clone(base);
    s.labels[2]!.attributes.find((a) => a.id === 'unit')!.id = 'measure';
    const m = migrateAnnotationFile(file(), plan(s, { labels: {}, attributes: { number: { unit: 'measure' } } } as never));
    expect(m.file.spans.find((x) => x.id === 'n1')?.attributes).toEqual({ value: 72, measure: 'hours' });
    expect(m.valuesRemoved).toBe(0);
  });

  it('deleting a label removes its spans and the relations touching them', () => {
    const s = clone(base);
    s.labels = s.labels.filter((l) => l.id !== 'actor');
    s.relationTypes = [];
    const m = migrateAnnotationFile(file(), plan(s));
    expect(m.spansRemoved).toBe(1);
    expect(m.relationsRemoved).toBe(1);
    expect(m.file.spans.map((x) => x.id)).toEqual(['c1', 'n1', 'n2']);
    expect(m.file.relations).toBeUndefined();
  });

  it('deleting an attribute, or an option a value used, removes those values', () => {
    const s = clone(base);
    const claim = s.labels[0]!;
    claim.attributes = claim.attributes.filter((a) => a.id !== 'hedged');
    const status = claim.attributes[0]!;
    if (status.type === 'choice') status.options = ['unverified', 'supported', 'false'];
    const m = migrateAnnotationFile(file(), plan(s));
    expect(m.valuesRemoved).toBe(2);
    expect(m.file.spans.find((x) => x.id === 'c1')?.attributes).toBeUndefined();
  });

  it('removes relations whose type is gone or whose ends no longer fit', () => {
    const s = clone(base);
    s.relationTypes[0]!.to = ['number'];
    const m = migrateAnnotationFile(file(), plan(s));
    expect(m.relationsRemoved).toBe(1);
  });

  it('migrates orphans like spans', () => {
    const f = file();
    f.orphans = [{ ...f.spans[0]!, id: 'o1' }];
    const s = clone(base);
    s.labels[0]!.id = 'statement';
    s.relationTypes[0]!.from = ['statement'];
    const m = migrateAnnotationFile(f, plan(s, { labels: { claim: 'statement' }, attributes: {} }));
    expect(m.file.orphans?.[0]?.label).toBe('statement');
  });
});

describe('attribute values', () => {
  const number = DEFAULT_LABELS.find((l) => l.id === 'number') as LabelDef;
  const claim = DEFAULT_LABELS.find((l) => l.id === 'claim') as LabelDef;
  it('checks types and options with a sentence naming the attribute', () => {
    expect(attributeProblem(number, { value: 3, approx: 'about' })).toBeNull();
    expect(attributeProblem(number, { value: 'three' })).toBe('Value must be a number, not "three"');
    expect(attributeProblem(number, { approx: 'roughly' })).toMatch(/^Approximation must be one of "exact"/);
    expect(attributeProblem(number, { colour: 'red' })).toBe('the label Number has no attribute "colour"');
  });
  it('lists required attributes without a value', () => {
    expect(missingRequired(number, {})).toEqual(['Value']);
    expect(missingRequired(number, { value: 0 })).toEqual([]);
  });
  it('starts new spans with the defaults', () => {
    expect(defaultAttributes(claim)).toEqual({ status: 'unverified', hedged: false });
  });
});

describe('initial attributes of new spans', () => {
  const number = DEFAULT_LABELS.find((l) => l.id === 'number') as LabelDef;
  const claim = DEFAULT_LABELS.find((l) => l.id === 'claim') as LabelDef;
  it('pre-fills a Number from its text', () => {
    expect(initialAttributes(number, '72 hours')).toEqual({ value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' });
    expect(initialAttributes(number, 'between 10 and 15')).toEqual({ value: 10, approx: 'range', value_max: 15 });
  });
  it('keeps the defaults when the text is not a number, and for other labels', () => {
    expect(initialAttributes(number, 'dozens')).toEqual({ approx: 'exact' });
    expect(initialAttributes(claim, '300 people')).toEqual({ status: 'unverified', hedged: false });
  });
  it('carries values that fit over to another label', () => {
    expect(attributesForLabel(claim, { value: 3, status: 'false' })).toEqual({ status: 'false', hedged: false });
  });
});
