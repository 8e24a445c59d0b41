import { describe, expect, it } from 'vitest';
import { editProblem, planCuration, type AnnotatorSpans, type CurationSpan } from './curation';
import { buildGold, decisionsFromGold } from './goldFile';

let n = 0;
const s = (start: number, end: number, label: string, attributes?: CurationSpan['attributes']): CurationSpan => ({ id: `s${n++}`, start, end, label, ...(attributes ? { attributes } : {}) });
const NOW = '2026-11-22T12:00:00.000Z';

describe('planCuration', () => {
  const alice: AnnotatorSpans = { annotator: 'alice', spans: [s(0, 5, 'actor'), s(10, 20, 'claim'), s(30, 35, 'number', { value: 3 })] };
  const bob: AnnotatorSpans = { annotator: 'bob', spans: [s(0, 5, 'actor'), s(10, 18, 'claim'), s(30, 35, 'number', { value: 4 })] };
  const carol: AnnotatorSpans = { annotator: 'carol', spans: [s(0, 5, 'actor'), s(10, 20, 'claim'), s(40, 45, 'actor')] };

  it('pre-accepts what everyone agrees on and makes a stop of every disagreement (unanimity)', () => {
    const plan = planCuration([alice, bob], 'unanimity');
    expect(plan.accepted.map((c) => [c.span.label, c.span.start, c.span.end, c.rule, c.proposedBy])).toEqual([['actor', 0, 5, 'unanimity', ['alice', 'bob']]]);
    // Another boundary, and equal offsets with another attribute value, are both stops.
    expect(plan.stops.map((st) => st.id)).toEqual(['claim:10-20', 'number:30-35']);
    expect(plan.stops[0]!.versions.map((v) => [v.annotator, v.spans.map((x) => `${x.start}-${x.end}`)])).toEqual([
      ['alice', ['10-20']],
      ['bob', ['10-18']],
    ]);
    expect(plan.stops[0]!.proposal).toBe('alice');
  });

  it('with majority, accepts a version more than half share and leaves the rest as stops', () => {
    const plan = planCuration([alice, bob, carol], 'majority');
    const accepted = plan.accepted.map((c) => `${c.span.label}:${c.span.start}-${c.span.end}:${c.rule}:${c.proposedBy.join('+')}`);
    expect(accepted).toEqual(['actor:0-5:unanimity:alice+bob+carol', 'claim:10-20:majority:alice+carol']);
    // number: alice 3, bob 4, carol nothing (no majority); carol's lone actor: 2 of 3 have nothing -> majority says no span.
    expect(plan.stops.map((st) => st.id)).toEqual(['number:30-35']);
    expect(planCuration([alice, bob, carol], 'unanimity').stops.map((st) => st.id)).toEqual(['claim:10-20', 'number:30-35', 'actor:40-45']);
  });

  it('proposes the version most annotators share, and an annotator with two spans where another has one forms one stop', () => {
    const a = { annotator: 'a', spans: [s(0, 4, 'actor'), s(5, 9, 'actor')] };
    const b = { annotator: 'b', spans: [s(0, 9, 'actor')] };
    const c = { annotator: 'c', spans: [s(0, 9, 'actor')] };
    const plan = planCuration([a, b, c], 'unanimity');
    expect(plan.stops).toHaveLength(1);
    expect(plan.stops[0]!.id).toBe('actor:0-9');
    expect(plan.stops[0]!.proposal).toBe('b');
    expect(plan.stops[0]!.versions[0]!.spans).toHaveLength(2);
  });
});

describe('buildGold', () => {
  it('writes accepted spans and decisions with provenance, counts open stops, carries relations over', () => {
    const a: AnnotatorSpans = {
      annotator: 'a',
      spans: [{ id: 'c1', start: 0, end: 20, label: 'claim' }, { id: 'x1', start: 0, end: 4, label: 'actor' }, { id: 'n1', start: 10, end: 12, label: 'number' }],
      relations: [{ id: 'r1', type: 'attributed_to', from: 'c1', to: 'x1', createdAt: NOW, updatedAt: NOW }],
    };
    const b: AnnotatorSpans = { annotator: 'b', spans: [{ id: 'c2', start: 0, end: 20, label: 'claim' }, { id: 'x2', start: 0, end: 6, label: 'actor' }, { id: 'n2', start: 10, end: 13, label: 'number' }] };
    const plan = planCuration([a, b], 'unanimity');
    expect(plan.stops.map((st) => st.id)).toEqual(['actor:0-6', 'number:10-13']);
    const gold = buildGold(plan, { 'actor:0-6': { kind: 'pick', annotator: 'a' } }, [a, b], 'judge', NOW);
    expect(gold.undecided).toBe(1);
    expect(gold.spans.map((x) => [x.id, x.provenance])).toEqual([
      ['g-claim-0-20', { proposedBy: ['a', 'b'], decidedBy: 'judge', rule: 'unanimity' }],
      ['g-actor-0-4', { proposedBy: ['a'], decidedBy: 'judge', rule: 'adjudicator' }],
    ]);
    expect(gold.relations.map((r) => [r.type, r.from, r.to])).toEqual([['attributed_to', 'g-claim-0-20', 'g-actor-0-4']]);
    const rejected = buildGold(plan, { 'actor:0-6': { kind: 'reject' }, 'number:10-13': { kind: 'pick', annotator: 'b' } }, [a, b], 'judge', NOW);
    expect(rejected.undecided).toBe(0);
    expect(rejected.spans.map((x) => x.id)).toEqual(['g-claim-0-20', 'g-number-10-13']);
    expect(rejected.relations).toEqual([]);
  });

  it('recovers decisions from a gold file written earlier', () => {
    const a = { annotator: 'a', spans: [s(0, 4, 'actor'), s(10, 12, 'number')] };
    const b = { annotator: 'b', spans: [s(0, 6, 'actor'), s(10, 13, 'number')] };
    const plan = planCuration([a, b], 'unanimity');
    const gold = buildGold(plan, { 'actor:0-6': { kind: 'pick', annotator: 'b' } }, [a, b], 'judge', NOW);
    expect(decisionsFromGold(plan, { status: 'in_progress', spans: gold.spans })).toEqual({ 'actor:0-6': { kind: 'pick', annotator: 'b' } });
    expect(decisionsFromGold(plan, { status: 'done', spans: gold.spans })).toEqual({ 'actor:0-6': { kind: 'pick', annotator: 'b' }, 'number:10-13': { kind: 'reject' } });
    expect(decisionsFromGold(plan, null)).toEqual({});
  });

  it('edits a version in place: new offsets, the base version\'s attributes, rule "edited"; recovered on reload; refused into another cluster', () => {
    const a: AnnotatorSpans = { annotator: 'a', spans: [{ id: 'n1', start: 10, end: 12, label: 'number', attributes: { value: 40 } }, { id: 'n9', start: 30, end: 32, label: 'number' }] };
    const b: AnnotatorSpans = { annotator: 'b', spans: [{ id: 'n2', start: 10, end: 14, label: 'number', attributes: { value: 41 } }, { id: 'n8', start: 30, end: 32, label: 'number' }] };
    const plan = planCuration([a, b], 'unanimity');
    const stop = plan.stops[0]!;
    expect(stop.id).toBe('number:10-14');
    const gold = buildGold(plan, { [stop.id]: { kind: 'edit', base: 'b', spans: [{ start: 9, end: 13 }] } }, [a, b], 'judge', NOW);
    expect(gold.spans.map((x) => [x.start, x.end, x.attributes, x.provenance.rule, x.provenance.proposedBy])).toEqual([
      [9, 13, { value: 41 }, 'edited', ['b']],
      [30, 32, undefined, 'unanimity', ['a', 'b']],
    ]);
    expect(decisionsFromGold(plan, { status: 'done', spans: gold.spans })).toEqual({ [stop.id]: { kind: 'edit', base: 'b', spans: [{ start: 9, end: 13 }] } });
    expect(editProblem(stop, [{ start: 11, end: 31 }], [a, b])).toMatch(/runs into another number/);
    expect(editProblem(stop, [{ start: 20, end: 25 }], [a, b])).toMatch(/overlap the disagreement/);
    expect(editProblem(stop, [{ start: 8, end: 14 }], [a, b])).toBeNull();
  });
});
