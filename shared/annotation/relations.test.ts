import { describe, expect, it } from 'vitest';
import type { Relation, RelationType, Span } from '../model/schemas';
import {
  addRelation,
  allowedRelationTypes,
  canStartRelation,
  keepFittingRelations,
  relationTargets,
  removeRelation,
  removeSpanWithRelations,
  validateRelations,
} from './relations';

const T0 = '2025-01-01T00:00:00.000Z';
const span = (id: string, label: string, start: number): Span => ({ id, label, start, end: start + 3, quote: 'abc', createdAt: T0, updatedAt: T0 });
const claim = span('c1', 'claim', 0);
const actor = span('a1', 'actor', 10);
const actor2 = span('a2', 'actor', 20);
const number = span('n1', 'number', 30);
const spans = [claim, actor, actor2, number];
const labels = [
  { id: 'claim', name: 'Claim' },
  { id: 'actor', name: 'Actor' },
  { id: 'number', name: 'Number' },
];
const attributed: RelationType = { id: 'attributed_to', name: 'attributed to', from: ['claim'], to: ['actor'], directed: true };
const sameAs: RelationType = { id: 'same_as', name: 'same as', from: ['actor'], to: ['actor'], directed: false };
const about: RelationType = { id: 'about', name: 'about', from: ['number'], to: ['claim'], directed: false };
const types = [attributed, sameAs, about];

function link(relations: Relation[], type: string, from: string, to: string, id: string): Relation[] {
  const r = addRelation(spans, relations, { type, from, to }, types, labels, id, T0);
  if (!r.ok) throw new Error(r.message);
  return r.relations;
}

describe('addRelation', () => {
  it('adds an allowed relation with its timestamps', () => {
    const r = addRelation(spans, [], { type: 'attributed_to', from: 'c1', to: 'a1' }, types, labels, 'r1', T0);
    expect(r).toEqual({
      ok: true,
      relation: { id: 'r1', type: 'attributed_to', from: 'c1', to: 'a1', createdAt: T0, updatedAt: T0 },
      relations: [{ id: 'r1', type: 'attributed_to', from: 'c1', to: 'a1', createdAt: T0, updatedAt: T0 }],
    });
  });

  it('refuses a directed type the wrong way round, naming what it joins', () => {
    const r = addRelation(spans, [], { type: 'attributed_to', from: 'a1', to: 'c1' }, types, labels, 'r1', T0);
    expect(r).toEqual({ ok: false, message: '"attributed to" cannot join Actor → Claim; it joins Claim → Actor.' });
  });

  it('refuses labels the type does not accept', () => {
    expect(addRelation(spans, [], { type: 'attributed_to', from: 'c1', to: 'n1' }, types, labels, 'r1', T0).ok).toBe(false);
  });

  it('accepts an undirected type either way round', () => {
    expect(addRelation(spans, [], { type: 'about', from: 'n1', to: 'c1' }, types, labels, 'r1', T0).ok).toBe(true);
    expect(addRelation(spans, [], { type: 'about', from: 'c1', to: 'n1' }, types, labels, 'r1', T0).ok).toBe(true);
  });

  it('refuses a self relation, an unknown type and a missing span', () => {
    expect(addRelation(spans, [], { type: 'same_as', from: 'a1', to: 'a1' }, types, labels, 'r1', T0)).toMatchObject({ ok: false, message: /two different spans/ });
    expect(addRelation(spans, [], { type: 'quotes', from: 'c1', to: 'a1' }, types, labels, 'r1', T0)).toMatchObject({ ok: false, message: /no relation type "quotes"/ });
    expect(addRelation(spans, [], { type: 'attributed_to', from: 'c1', to: 'zz' }, types, labels, 'r1', T0)).toMatchObject({ ok: false, message: /no longer exists/ });
  });

  it('refuses a duplicate, and for an undirected type the mirrored one too', () => {
    const one = link([], 'attributed_to', 'c1', 'a1', 'r1');
    expect(addRelation(spans, one, { type: 'attributed_to', from: 'c1', to: 'a1' }, types, labels, 'r2', T0)).toMatchObject({ ok: false, message: /already linked/ });
    const same = link([], 'same_as', 'a1', 'a2', 'r1');
    expect(addRelation(spans, same, { type: 'same_as', from: 'a2', to: 'a1' }, types, labels, 'r2', T0)).toMatchObject({ ok: false, message: /already linked/ });
    // Another type between the same spans is another relation.
    expect(addRelation(spans, one, { type: 'attributed_to', from: 'c1', to: 'a2' }, types, labels, 'r2', T0).ok).toBe(true);
  });

  it('keeps relations sorted by id', () => {
    const rs = link(link([], 'attributed_to', 'c1', 'a2', 'r2'), 'attributed_to', 'c1', 'a1', 'r1');
    expect(rs.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});

describe('relation helpers', () => {
  it('lists the allowed types and targets for a source', () => {
    expect(allowedRelationTypes(types, 'claim', 'actor').map((t) => t.id)).toEqual(['attributed_to']);
    expect(allowedRelationTypes(types, 'claim', 'number').map((t) => t.id)).toEqual(['about']);
    expect(relationTargets(spans, [], types, claim).map((s) => s.id)).toEqual(['a1', 'a2', 'n1']);
    // Already linked by the only type that fits: no longer a target.
    expect(relationTargets(spans, link([], 'attributed_to', 'c1', 'a1', 'r1'), types, claim).map((s) => s.id)).toEqual(['a2', 'n1']);
    expect(canStartRelation(types, 'number')).toBe(true);
    expect(canStartRelation([attributed], 'actor')).toBe(false);
  });

  it('removes a relation, and a span with every relation touching it', () => {
    const rs = link(link([], 'attributed_to', 'c1', 'a1', 'r1'), 'same_as', 'a1', 'a2', 'r2');
    expect(removeRelation(rs, 'r1').map((r) => r.id)).toEqual(['r2']);
    const after = removeSpanWithRelations({ spans, relations: rs }, 'a1');
    expect(after.spans.map((s) => s.id)).toEqual(['c1', 'a2', 'n1']);
    expect(after.relations).toEqual([]);
  });

  it('drops relations a relabel no longer fits, keeps those of unknown types', () => {
    const rs = [...link([], 'attributed_to', 'c1', 'a1', 'r1'), { id: 'r9', type: 'legacy', from: 'c1', to: 'n1', createdAt: T0, updatedAt: T0 }];
    const relabelled = spans.map((s) => (s.id === 'a1' ? { ...s, label: 'number' } : s));
    expect(keepFittingRelations(relabelled, rs, types).map((r) => r.id)).toEqual(['r9']);
  });
});

describe('validateRelations', () => {
  const r = (id: string, type: string, from: string, to: string) => ({ id, type, from, to });
  it('accepts valid relations and names the first problem otherwise', () => {
    expect(validateRelations(spans, [r('r1', 'attributed_to', 'c1', 'a1'), r('r2', 'same_as', 'a2', 'a1')], types)).toBeNull();
    expect(validateRelations(spans, [r('r1', 'attributed_to', 'a1', 'c1')], types)).toMatch(/cannot join a span labelled actor to one labelled claim/);
    expect(validateRelations(spans, [r('r1', 'attributed_to', 'c1', 'x')], types)).toMatch(/"x", which is not in the document/);
    expect(validateRelations(spans, [r('r1', 'same_as', 'a1', 'a1')], types)).toMatch(/to itself/);
    expect(validateRelations(spans, [r('r1', 'legacy', 'c1', 'a1')], types)).toMatch(/does not define/);
    expect(validateRelations(spans, [r('r1', 'legacy', 'c1', 'a1')], types, ['legacy'])).toBeNull();
    expect(validateRelations(spans, [r('r1', 'same_as', 'a1', 'a2'), r('r2', 'same_as', 'a2', 'a1')], types)).toMatch(/repeats/);
    expect(validateRelations(spans, [r('r1', 'attributed_to', 'c1', 'a1'), r('r1', 'attributed_to', 'c1', 'a2')], types)).toMatch(/same id/);
  });
});
