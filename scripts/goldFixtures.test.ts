import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationFileSchema, entitiesFileSchema, type AnnotationFile, type Span } from '../shared/model/schemas';

// The hand-tagged fixtures (development gold, held-out gold, review sample) are the yardsticks the
// suggesters are measured against and a copy of the product's definitions in practice
// (docs/guidelines.md). These tests hold them to the mechanical part of those definitions, and to
// each other: a re-tagging that breaks a span rule, or lets the gold sets and the review sample
// drift apart, fails here.

const FIXTURES = join(__dirname, '..', 'test-fixtures');
const DEV = ['002_ee4df2b2a6fab1ba', '003_7af61ec1610bb656'];
const HELDOUT = ['004_4ca62f903d1abc74'];
const ALL = ['000_341b31175584a5d7', '001_565ccf9d3e3b851f', ...DEV, ...HELDOUT];

const textOf = (docId: string) => readFileSync(join(FIXTURES, 'review-sample', 'documents', `${docId}.txt`), 'utf8');
const readAnnotation = (path: string): AnnotationFile => annotationFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
const goldFile = (set: string, docId: string) => readAnnotation(join(FIXTURES, set, 'annotations', 'gold', `${docId}.json`));
const reviewFile = (docId: string) => readAnnotation(join(FIXTURES, 'review-sample', 'annotations', 'reviewer', `${docId}.json`));
const rangeKey = (s: Span) => `${s.start}:${s.end}:${s.label}`;

/** Lines of page furniture (docs/guidelines.md, "Boilerplate"), 1-based, per document. */
const BOILERPLATE_LINES: Record<string, (line: number) => boolean> = {
  '000_341b31175584a5d7': (l) => l === 9 || l >= 21, // the advert marker; support appeal, author bio, "You might also like"
  '001_565ccf9d3e3b851f': (l) => l >= 22, // "Discover more from Defence Talks", "Subscribe…"
  '002_ee4df2b2a6fab1ba': () => false,
  '003_7af61ec1610bb656': (l) => l === 3 || l >= 17, // "You are currently viewing…", "Leave a Reply"
  '004_4ca62f903d1abc74': (l) => l >= 17 && l <= 19, // "Read more:" and two related-story teasers
};

/** Sentences as [start, end) ranges: ICU's sentence breaks, rejoined after "Mr." / "Nov." and the like. */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) {
    const last = out[out.length - 1];
    if (last && /\b(?:Mr|Mrs|Ms|Dr|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.\s*$/.test(text.slice(last[0], last[1]))) last[1] = index + segment.length;
    else out.push([index, index + segment.length]);
  }
  return out;
}

describe('the hand-tagged fixtures follow the span rules of docs/guidelines.md', () => {
  it.each(ALL)('%s (review sample): claims, actors and numbers are cut as the guidelines say', (docId) => {
    const text = textOf(docId);
    const spans = reviewFile(docId).spans;
    const lineOf = (at: number) => text.slice(0, at).split('\n').length;
    for (const s of spans) {
      expect(text.slice(s.start, s.end), s.id).toBe(s.quote);
      expect(BOILERPLATE_LINES[docId]!(lineOf(s.start)), `${s.quote}: boilerplate is not annotated`).toBe(false);
      expect(s.quote, 'no span starts or ends in whitespace').toBe(s.quote.trim());
    }
    for (const c of spans.filter((s) => s.label === 'claim')) {
      expect(c.quote, 'a claim stays inside one line').not.toContain('\n');
      expect(c.quote, 'no final punctuation or closing quotation mark').not.toMatch(/[.,;:!?"“”‘’]$/);
      expect(c.quote, 'no enclosing quotation mark').not.toMatch(/^["“‘']/);
      expect(c.quote, 'no leading discourse connective').not.toMatch(/^(?:Additionally|Meanwhile|However|Moreover|Furthermore|In addition|In response|Despite this|Despite these constraints|Following this|In the midst of this turmoil),/);
    }
    for (const a of spans.filter((s) => s.label === 'actor')) {
      expect(a.quote, 'no leading determiner or possessive pronoun').not.toMatch(/^(?:the|a|an|this|these|that|those|its|his|her|their|our)\s/i);
      expect(a.quote, 'names without titles').not.toMatch(/^(?:Mr|Mrs|Ms|Dr)\.|^(?:President|Syrian President|Iranian President|Spokesperson|dictator)\s|spokes(?:man|person)\s/);
      expect(a.quote, 'an agent genitive is marked without its ’s').not.toMatch(/['’]s?$/);
      expect(a.quote, 'civilians and victims are not actors').not.toMatch(/\b(?:civilians|individuals|children|Kurds)\b/);
    }
    for (const n of spans.filter((s) => s.label === 'number')) {
      expect(n.quote, 'ordinals are not numbers').not.toMatch(/\b(?:first|second|third|\d+(?:st|nd|rd|th))\b|-largest/i);
    }
  });

  it.each(ALL)('%s (review sample): at most one claim per sentence (the 003 headline, two clauses split by ";", holds two)', (docId) => {
    const text = textOf(docId);
    const claims = reviewFile(docId).spans.filter((s) => s.label === 'claim');
    const bySentence = new Map<number, Span[]>();
    const ranges = sentences(text);
    for (const c of claims) {
      const i = ranges.findIndex(([from, to]) => c.start >= from && c.start < to);
      expect(c.end, `"${c.quote}" stays in its sentence`).toBeLessThanOrEqual(ranges[i]![1]);
      bySentence.set(i, [...(bySentence.get(i) ?? []), c]);
    }
    for (const group of bySentence.values()) {
      if (group.length === 1) continue;
      expect(group, group.map((c) => c.quote).join(' | ')).toHaveLength(2);
      const [a, b] = group.sort((x, y) => x.start - y.start);
      expect(text.slice(a!.end, b!.start).trim()).toBe(';');
    }
  });
});

describe('the gold sets and the review sample agree', () => {
  it.each([
    ['dev-gold', DEV],
    ['heldout-gold', HELDOUT],
  ] as const)('%s: the same spans (offsets and labels) as the review sample', (set, docIds) => {
    for (const docId of docIds) {
      const gold = goldFile(set, docId).spans.map(rangeKey).sort();
      const review = reviewFile(docId).spans.map(rangeKey).sort();
      expect(gold).toEqual(review);
    }
  });

  it('review sample: actors carry a kind and known entities, numbers a value and a quantity, every claim with a named source its relation', () => {
    const entities = entitiesFileSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'review-sample', 'entities.json'), 'utf8'))).entities;
    const known = new Set(entities.map((e) => e.id));
    const used = new Set<string>();
    for (const docId of ALL) {
      const file = reviewFile(docId);
      const byId = new Map(file.spans.map((s) => [s.id, s]));
      for (const s of file.spans) {
        if (s.label === 'actor') {
          expect(s.attributes?.kind, s.quote).toEqual(expect.any(String));
          const entity = s.attributes?.entity;
          if (typeof entity === 'string') {
            expect(known.has(entity), `${s.quote} → ${entity}`).toBe(true);
            used.add(entity);
          }
        }
        if (s.label === 'number') expect(s.attributes, s.quote).toMatchObject({ value: expect.any(Number), approx: expect.any(String), quantity: expect.any(String) });
      }
      for (const r of file.relations ?? []) {
        expect(r.type).toBe('attributed_to');
        expect(byId.get(r.from)?.label).toBe('claim');
        expect(byId.get(r.to)?.label).toBe('actor');
      }
      // A claim framed by a reporting verb or "according to" in its own sentence names its source: it is attributed.
      const attributed = new Set((file.relations ?? []).map((r) => r.from));
      const text = textOf(docId);
      for (const c of file.spans.filter((s) => s.label === 'claim')) {
        const sentence = sentences(text).find(([from, to]) => c.start >= from && c.start < to)!;
        const rest = text.slice(sentence[0], c.start) + text.slice(c.end, sentence[1]);
        if (/\b(?:according to|said|stated|reported|told|noted|claimed|indicated|announced|disclosed|assured|emphasized|remarked|as stated by|as noted by|as confirmed by)\b/i.test(rest)) {
          expect(attributed.has(c.id), `"${c.quote}" has a named source`).toBe(true);
        }
      }
    }
    // entities.json lists the entities the sample links to, and no others.
    expect([...known].filter((id) => !used.has(id))).toEqual([]);
  });
});
