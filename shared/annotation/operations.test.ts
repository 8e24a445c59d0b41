import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/schemas';
import { addSpan, countByLabel, relabelSpan, removeSpan, sortSpans, validateSpans } from './operations';

const text = '👍🏽 Russia pledged 72 hours of calm.';
const T0 = '2025-01-01T00:00:00.000Z';
const T1 = '2025-01-02T00:00:00.000Z';
const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

function added(spans: readonly Span[], quote: string, label: string, id: string): Span[] {
  const r = addSpan(text, spans, { ...at(quote), label }, id, T0);
  if (!r.ok) throw new Error(r.message);
  return r.spans;
}

describe('addSpan', () => {
  it('adds a span with the quote taken from the text and both timestamps', () => {
    const r = addSpan(text, [], { ...at('Russia'), label: 'actor' }, 's1', T0);
    expect(r).toEqual({
      ok: true,
      span: { id: 's1', start: 5, end: 11, label: 'actor', quote: 'Russia', createdAt: T0, updatedAt: T0 },
      spans: [{ id: 's1', start: 5, end: 11, label: 'actor', quote: 'Russia', createdAt: T0, updatedAt: T0 }],
    });
  });

  it('refuses the same range and label twice, but allows another label on it', () => {
    const spans = added([], 'Russia', 'actor', 's1');
    expect(addSpan(text, spans, { ...at('Russia'), label: 'actor' }, 's2', T0)).toEqual({
      ok: false,
      message: 'That span is already tagged as actor.',
    });
    expect(addSpan(text, spans, { ...at('Russia'), label: 'claim' }, 's2', T0).ok).toBe(true);
  });

  it.each([
    [{ start: -1, end: 3 }, /outside the text/],
    [{ start: 3, end: text.length + 1 }, /outside the text/],
    [{ start: 5, end: 5 }, /empty/],
    [{ start: 6, end: 5 }, /empty/],
    [{ start: 1, end: 5 }, /cuts a character/],
    [{ start: 0.5, end: 5 }, /whole numbers/],
  ])('refuses the range %j', (range, message) => {
    const r = addSpan(text, [], { ...range, label: 'claim' }, 's1', T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuses an id already in use', () => {
    const spans = added([], 'Russia', 'actor', 's1');
    expect(addSpan(text, spans, { ...at('72'), label: 'number' }, 's1', T0).ok).toBe(false);
  });

  it('keeps spans sorted: start asc, end desc, label, id', () => {
    let spans = added([], '72', 'number', 'a');
    spans = added(spans, 'Russia pledged 72 hours', 'claim', 'b');
    spans = added(spans, 'Russia', 'actor', 'c');
    spans = added(spans, 'Russia', 'claim', 'd');
    expect(spans.map((s) => s.id)).toEqual(['b', 'c', 'd', 'a']);
  });
});

describe('relabelSpan and removeSpan', () => {
  const spans = added(added([], 'Russia', 'actor', 's1'), 'Russia', 'claim', 's2');

  it('relabels and updates updatedAt only', () => {
    const r = relabelSpan(spans, 's1', 'number', T1);
    expect(r.ok && r.span).toEqual({ ...spans.find((s) => s.id === 's1'), label: 'number', updatedAt: T1, createdAt: T0 });
    expect(r.ok && r.spans.map((s) => `${s.id}:${s.label}`)).toEqual(['s2:claim', 's1:number']);
  });

  it('refuses relabelling into a duplicate and a missing span', () => {
    expect(relabelSpan(spans, 's1', 'claim', T1)).toEqual({ ok: false, message: 'That span is already tagged as claim.' });
    expect(relabelSpan(spans, 'nope', 'claim', T1).ok).toBe(false);
  });

  it('removes by id only', () => {
    expect(removeSpan(spans, 's1').map((s) => s.id)).toEqual(['s2']);
    expect(removeSpan(spans, 'nope')).toEqual(spans);
  });
});

describe('countByLabel and sortSpans', () => {
  it('counts per label', () => {
    expect(countByLabel([{ label: 'a' }, { label: 'b' }, { label: 'a' }])).toEqual({ a: 2, b: 1 });
  });

  it('sorts any permutation into the same canonical order (property)', () => {
    const span = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      start: fc.nat(20),
      len: fc.integer({ min: 1, max: 5 }),
      label: fc.constantFrom('claim', 'actor'),
    }).map(({ len, ...s }): Span => ({ ...s, end: s.start + len, quote: '', createdAt: T0, updatedAt: T0 }));
    fc.assert(
      fc.property(
        fc.uniqueArray(span, { selector: (s) => s.id, maxLength: 12 }).chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
        ),
        ([list, shuffled]) => {
        const sorted = sortSpans(list);
        expect(sortSpans(shuffled)).toEqual(sorted);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1] as Span, sorted[i] as Span];
          expect(a.start < b.start || (a.start === b.start && (a.end > b.end || (a.end === b.end && (a.label < b.label || (a.label === b.label && a.id < b.id)))))).toBe(true);
        }
        },
      ),
    );
  });
});

describe('validateSpans', () => {
  const ok = { id: 'x', ...at('Russia'), label: 'actor' };
  it.each([
    [[ok], null],
    [[{ ...ok, end: 999 }], /Span 1 \(id x\).*outside the text/],
    [[ok, { ...ok, label: 'ghost' }], /Span 2.*"ghost"/],
    [[ok, { ...ok, label: 'claim' }], /Span 2.*same id/],
    [[ok, { ...ok, id: 'y' }], /Span 2.*repeats an earlier span/],
    [[{ ...ok, start: 1 }], /cuts a character/],
  ])('%j -> %s', (spans, expected) => {
    const problem = validateSpans(text, spans, ['actor', 'claim']);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
