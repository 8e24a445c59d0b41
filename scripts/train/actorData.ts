import { analyze, type Analysis } from '../../shared/learn/analyze';
import { mergeExtras, ruleVotes } from '../../shared/learn/ruleVotes';
import { contextAt, memoryKey, SpanMemory } from '../../shared/learn/memory';
import { B, I, O } from '../../shared/learn/tagger';
import type { GumDocument } from './conllu';
import { documentActors, type CharSpan } from './gumActors';

/** One GUM document ready for the tagger: wink's analysis, the gold tag of each token, and the memory features an annotator would have had. */
export interface TaggedDocument {
  id: string;
  genre: string;
  analysis: Analysis;
  tags: number[];
  gold: CharSpan[];
  /** Per token, the extra features: the rule suggester's votes and the simulated memory. */
  memory: (string[] | undefined)[];
  /** The rule votes alone (for figures without memory). */
  votes: (string[] | undefined)[];
}

/** BIO tags of wink's tokens from character spans (a token belongs to a span when most of it is inside). */
export function tagTokens(a: Analysis, spans: readonly CharSpan[]): number[] {
  const tags = new Array<number>(a.tokens.length).fill(O);
  let k = 0;
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  for (const sp of sorted) {
    while (k < a.tokens.length && a.tokens[k]!.end <= sp.start) k++;
    let first = true;
    for (let i = k; i < a.tokens.length && a.tokens[i]!.start < sp.end; i++) {
      const t = a.tokens[i]!;
      const inside = Math.min(t.end, sp.end) - Math.max(t.start, sp.start);
      if (inside * 2 < t.end - t.start) continue;
      // A span never continues over a sentence boundary of wink's.
      if (!first && a.tokens[i - 1]!.sentence !== t.sentence) first = true;
      tags[i] = first ? B : I;
      first = false;
    }
  }
  return tags;
}

/** Gold spans as token ranges [first, last] from the tags. */
export function tagSpans(tags: readonly number[], a: Analysis): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < tags.length; i++) {
    if (tags[i] !== B) continue;
    let e = i;
    while (e + 1 < tags.length && tags[e + 1] === I && a.tokens[e + 1]!.sentence === a.tokens[i]!.sentence) e++;
    out.push([i, e]);
  }
  return out;
}

/**
 * Memory features as an annotator who had tagged the text up to the previous sentence would give
 * them: strings tagged as actors before, with how often they were tagged and left untagged, in
 * which contexts (memory.ts). This is how the weights of the memory features are learned.
 */
export function simulatedMemory(a: Analysis, tags: readonly number[]): (string[] | undefined)[] {
  const memory = new SpanMemory();
  const out: (string[] | undefined)[] = new Array(a.tokens.length);
  const spans = tagSpans(tags, a);
  const quoteOf = (f: number, l: number) => a.text.slice(a.tokens[f]!.start, a.tokens[l]!.end);
  const golds = new Set(spans.map(([f, l]) => memoryKey(quoteOf(f, l))));
  const tagged = new Set(spans.map(([f, l]) => `${f}:${l}`));
  const covered = new Set<number>();
  for (const [f, l] of spans) for (let k = f; k <= l; k++) covered.add(k);
  // Every token-aligned occurrence of every gold string (longest first), tagged or not; one inside
  // a longer tagged span ("army" in "Syrian army") is neither.
  const occurrences: { sentence: number; first: number; last: number; key: string; tagged: boolean }[] = [];
  for (let i = 0; i < a.tokens.length; i++) {
    let key = '';
    let hit: { last: number; key: string } | null = null;
    for (let j = i; j < a.tokens.length && j < i + 10 && a.tokens[j]!.sentence === a.tokens[i]!.sentence; j++) {
      key += memoryKey(a.tokens[j]!.text);
      if (golds.has(key)) hit = { last: j, key };
    }
    if (!hit) continue;
    const isTagged = tagged.has(`${i}:${hit.last}`);
    let inside = false;
    for (let k = i; k <= hit.last && !isTagged; k++) if (covered.has(k)) inside = true;
    if (!inside) occurrences.push({ sentence: a.tokens[i]!.sentence, first: i, last: hit.last, key: hit.key, tagged: isTagged });
  }
  const known = new Set<string>();
  let next = 0;
  const add = (o: (typeof occurrences)[number], kind: 'pos' | 'neg') => memory.add('actor', quoteOf(o.first, o.last), contextAt(a.text, a.tokens[o.first]!.start), kind);
  for (let s = 0; s < a.sentences.length; s++) {
    const sent = a.sentences[s]!;
    memory.tokenFeatures(a, 'actor', sent.first, sent.last, out);
    // The annotator tags this sentence: its occurrences become evidence.
    const here: typeof occurrences = [];
    while (next < occurrences.length && occurrences[next]!.sentence === s) here.push(occurrences[next++]!);
    for (const o of here) {
      if (o.tagged && !known.has(o.key)) {
        known.add(o.key);
        // Earlier untagged occurrences of a string now known count against it.
        for (const p of occurrences) {
          if (p.sentence >= s) break;
          if (p.key === o.key && !p.tagged) add(p, 'neg');
        }
      }
    }
    for (const o of here) if (known.has(o.key)) add(o, o.tagged ? 'pos' : 'neg');
  }
  return out;
}

export function prepareDocument(doc: GumDocument): TaggedDocument {
  const analysis = analyze(doc.text);
  const gold = documentActors(doc);
  const tags = tagTokens(analysis, gold);
  return { id: doc.id, genre: doc.genre, analysis, tags, gold, memory: mergeExtras(ruleVotes(analysis), simulatedMemory(analysis, tags)), votes: ruleVotes(analysis) };
}
