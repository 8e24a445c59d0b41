import fc from 'fast-check';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../model/labels';
import type { AttributeValue, LabelDef, Relation, RelationType, Span } from '../model/schemas';
import type { ExportRecord } from './exportRecord';
import { record, T0 } from './exportTestKit';

/**
 * Generated projects for the export -> import round trips (importRoundTrip.test.ts over the
 * adapters, main/cli/importRoundTrip.test.ts through the real exporter and importer): texts with
 * astral characters (emoji, ZWJ sequences, mathematical letters), combining marks, right-to-left
 * and CJK script and line breaks; spans with attribute values of every type; relations. And what
 * each format's export holds (CAPABILITIES), so a comparison leaves out only that.
 */
export const PLACE: LabelDef = {
  id: 'place',
  name: 'Place',
  color: '#0891b2',
  hotkeys: [],
  attributes: [{ id: 'kinds', name: 'Kinds', type: 'multi', required: false, options: ['city', 'region', 'front line'] }],
};
export const LABELS: LabelDef[] = [...DEFAULT_LABELS, PLACE];
export const RELATION_TYPES: RelationType[] = [...DEFAULT_RELATION_TYPES, { id: 'near', name: 'near', from: ['place'], to: ['place'], directed: false }];

export type Carry = { attributes: (label: string, key: string, value: AttributeValue) => boolean; relations: boolean };
export const ALL: Carry = { attributes: () => true, relations: true };
const def = (label: string, key: string) => LABELS.find((l) => l.id === label)?.attributes.find((a) => a.id === key);
/** What each format's export holds (see formatSchema in exportAdapters.ts). */
export const CAPABILITIES: Record<string, Carry> = {
  jsonl: ALL,
  labelstudio: ALL,
  // brat: choice values and true booleans as A lines; relations as R lines.
  brat: { attributes: (label, key, value) => (def(label, key)?.type === 'choice' || (def(label, key)?.type === 'boolean' && value === true)), relations: true },
  // W3C: every attribute as a describing body; relations are not written.
  w3c: { attributes: () => true, relations: false },
  doccano: { attributes: () => false, relations: false },
};

// ------------------------------------------------------------------ generated projects

const PIECES = ['Aleppo', 'fell', ' ', ' ', '\n', '😀', '👨🏻‍🚒', '𝔘𝔫', 'é', 'e\u0301', 'حلب', '阿勒颇', ',', '300', '"', 'said'];
const WORDS = fc.array(fc.constantFrom(...PIECES), { minLength: 3, maxLength: 30 });

const nonBlank = (s: string) => s.trim() !== '';
const TEXT_VALUES = fc.constantFrom('sources differ', 'per 😀 the UN', 'two lines\nof note', 'حلب', 'ZWJ 👨🏻‍🚒');

function attributesFor(label: string): fc.Arbitrary<Record<string, AttributeValue>> {
  const l = LABELS.find((x) => x.id === label)!;
  const entries = l.attributes.map((a) => {
    let value: fc.Arbitrary<AttributeValue>;
    switch (a.type) {
      case 'choice':
        value = fc.constantFrom(...a.options);
        break;
      case 'multi':
        value = fc.uniqueArray(fc.constantFrom(...a.options), { minLength: 1, maxLength: a.options.length });
        break;
      case 'boolean':
        value = fc.boolean();
        break;
      case 'number':
        value = fc.oneof(fc.integer({ min: -1000, max: 2_000_000 }), fc.constantFrom(2.5, 0.125, 1e21));
        break;
      case 'entity':
        value = fc.constantFrom('syrian-army', 'hts', 'un-ocha');
        break;
      case 'text':
        value = TEXT_VALUES;
        break;
    }
    return fc.option(value, { nil: undefined }).map((v) => [a.id, v] as const);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as Record<string, AttributeValue>);
}

/** A document: text (unique by its prefix), spans on code-point boundaries that neither start nor end with whitespace, relations. */
export const documentArb = (n: number) =>
  WORDS.map((ws) => `Doc ${n}: ${ws.join('')}.`).chain((text) => {
    const cuts = [...text].reduce<number[]>((acc, ch) => [...acc, (acc.at(-1) ?? 0) + ch.length], [0]);
    const span = fc
      .tuple(fc.integer({ min: 0, max: cuts.length - 1 }), fc.integer({ min: 0, max: cuts.length - 1 }), fc.constantFrom('claim', 'actor', 'number', 'place'))
      .map(([a, b, label]) => ({ start: cuts[Math.min(a, b)]!, end: cuts[Math.max(a, b)]!, label }))
      .filter((s) => s.end > s.start && nonBlank(text.slice(s.start, s.end)) && !/^\s|\s$/u.test(text.slice(s.start, s.end)));
    const spans = fc.uniqueArray(span, { maxLength: 7, selector: (s) => `${s.start}:${s.end}:${s.label}` }).chain((ss) =>
      fc.tuple(...ss.map((s) => attributesFor(s.label).map((attributes) => ({ ...s, attributes })))),
    );
    return spans.chain((ss) => {
      const withIds: Span[] = ss.map((s, i) => ({
        id: `s${n}-${i}`,
        start: s.start,
        end: s.end,
        label: s.label,
        quote: text.slice(s.start, s.end),
        createdAt: T0,
        updatedAt: T0,
        ...(Object.keys(s.attributes).length > 0 ? { attributes: s.attributes } : {}),
      }));
      const pairs = withIds.flatMap((a) => withIds.filter((b) => b !== a && RELATION_TYPES.some((t) => t.from.includes(a.label) && t.to.includes(b.label))).map((b) => [a, b] as const));
      const relations = pairs.length === 0 ? fc.constant([] as Relation[]) : fc.subarray(pairs, { maxLength: Math.min(4, pairs.length) }).map((ps) => dedupeRelations(ps));
      return relations.map((rels): ExportRecord => ({ ...record(`doc-${n}`, text, withIds, { annotator: 'alice' }), relations: rels }));
    });
  });

function dedupeRelations(pairs: readonly (readonly [Span, Span])[]): Relation[] {
  const out: Relation[] = [];
  const seen = new Set<string>();
  for (const [a, b] of pairs) {
    const type = RELATION_TYPES.find((t) => t.from.includes(a.label) && t.to.includes(b.label))!;
    const key = type.directed ? `${type.id}:${a.id}:${b.id}` : `${type.id}:${[a.id, b.id].sort().join(':')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: `r${out.length}-${a.id}`, type: type.id, from: a.id, to: b.id, createdAt: T0, updatedAt: T0 });
  }
  return out;
}

export const projectArb = fc.integer({ min: 1, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => documentArb(i))));

export interface Comparable {
  spans: string[];
  relations: string[];
}

/** Spans as "start-end label {attributes}" and relations by their ends' spans, for one document. */
export function comparable(spans: readonly Span[], relations: readonly Relation[], carry: Carry, types: readonly RelationType[] = RELATION_TYPES): Comparable {
  const attrs = (s: Span) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(s.attributes ?? {})
          .filter(([k, v]) => carry.attributes(s.label, k, v))
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    );
  const key = (s: Span) => `${s.start}-${s.end} ${s.label}`;
  const byId = new Map(spans.map((s) => [s.id, s]));
  const rel = (r: Relation) => {
    const t = types.find((x) => x.id === r.type)!;
    const ends = [key(byId.get(r.from)!), key(byId.get(r.to)!)];
    return `${r.type}: ${(t.directed ? ends : ends.sort()).join(' -> ')}`;
  };
  return { spans: spans.map((s) => `${key(s)} ${attrs(s)}`).sort(), relations: carry.relations ? relations.map(rel).sort() : [] };
}

/** Import reads what the file has; the comparison leaves out only what the format cannot hold. */
export function stripAttributesNotCarried(line: string, carry: Carry): string {
  const at = line.indexOf(' {');
  const [range, label] = line.slice(0, at).split(' ') as [string, string];
  const attrs = JSON.parse(line.slice(at + 1)) as Record<string, AttributeValue>;
  const kept = Object.fromEntries(Object.entries(attrs).filter(([k, v]) => carry.attributes(label, k, v)));
  return `${range} ${label} ${JSON.stringify(kept)}`;
}
