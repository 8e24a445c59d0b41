import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { bucket, contextAt, memoryKey, SpanMemory } from './memory';

describe('the memory of decisions', () => {
  it('keys strings by letters and digits, contexts by the word before', () => {
    expect(memoryKey('al-Assad')).toBe(memoryKey('Al Assad'));
    expect(memoryKey('Syria’s army')).toBe('syriasarmy');
    const text = 'Fighting in Aleppo. Aleppo fell, and rebels took Aleppo from the army of Syria.';
    const at = (q: string, n = 0) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(q, i + 1);
      return i;
    };
    expect(contextAt(text, at('Aleppo'))).toBe('loc');
    expect(contextAt(text, at('Aleppo', 1))).toBe('^');
    expect(contextAt(text, at('rebels'))).toBe('and');
    expect(contextAt(text, at('Aleppo', 2))).toBe('x');
    expect(contextAt(text, at('Syria'))).toBe('of');
    expect(contextAt('Beirut', 0)).toBe('^');
  });

  it('sums evidence per context and summarises it', () => {
    expect(bucket({ pos: 1, neg: 0, rej: 0, other: 0 })).toBe('p');
    expect(bucket({ pos: 3, neg: 0, rej: 0, other: 0 })).toBe('p2');
    expect(bucket({ pos: 1, neg: 9, rej: 0, other: 0 })).toBe('np');
    expect(bucket({ pos: 2, neg: 1, rej: 0, other: 0 })).toBe('pn');
    expect(bucket({ pos: 0, neg: 0, rej: 1, other: 0 })).toBe('r');
    const m = new SpanMemory();
    m.add('actor', 'Aleppo', 'x', 'pos');
    m.add('actor', 'Aleppo', 'loc', 'neg', 3);
    expect(m.evidence('actor', 'aleppo')).toEqual({ pos: 1, neg: 3, rej: 0, other: 0 });
    expect(m.evidence('actor', 'Aleppo', 'loc')).toEqual({ pos: 0, neg: 3, rej: 0, other: 0 });
    m.add('actor', 'Aleppo', 'loc', 'neg', -3);
    expect(m.evidence('actor', 'Aleppo')).toEqual({ pos: 1, neg: 0, rej: 0, other: 0 });
  });

  it('blocks a string rejected (or tagged otherwise) in a context, only there, until it is tagged there', () => {
    const m = new SpanMemory();
    m.add('actor', 'Aleppo', 'loc', 'rej');
    expect(m.blocked('actor', 'Aleppo', 'loc')).toBe(true);
    expect(m.blocked('actor', 'Aleppo', '^')).toBe(false);
    m.add('number', 'one', '^', 'other');
    expect(m.blocked('number', 'one', '^')).toBe(true);
    m.add('actor', 'Aleppo', 'loc', 'pos');
    expect(m.blocked('actor', 'Aleppo', 'loc')).toBe(false);
  });

  it('finds known strings in a text as whole tokens, longest first, and gives their tokens features', () => {
    const m = new SpanMemory();
    m.add('actor', 'Syrian army', 'the', 'pos');
    m.add('actor', 'army', 'the', 'pos');
    m.add('actor', 'Idlib', 'loc', 'rej');
    const a = analyze('The Syrian army left Idlib. The army stayed; the armyman did not.');
    const found = m.matches(a, 'actor').map((x) => a.text.slice(a.tokens[x.first]!.start, a.tokens[x.last]!.end));
    // Rejected-only strings are not matched: they have no positive evidence.
    expect(found).toEqual(['Syrian army', 'army']);
    const features = m.tokenFeatures(a, 'actor');
    expect(features[1]).toEqual(['m=B|p', 'mc=B|p', 'mx=p|p']);
    expect(features[2]).toEqual(['m=I|p', 'mc=I|p', 'mx=p|p']);
    expect(features[0]).toBeUndefined();
  });
});
