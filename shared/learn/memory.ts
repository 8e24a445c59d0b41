import type { Analysis } from './analyze';

/**
 * The project's memory of one annotator's decisions on strings, by label and context: how often a
 * string was tagged (or accepted) with a label, how often it was rejected, how often it was left
 * untagged where the annotator had read it, and how often it was tagged with another label.
 *
 * It answers two questions:
 *  - features for the tagger (`m…`): a string the annotator tags as an actor is likely an actor
 *    elsewhere, but only as likely as the evidence says: "Aleppo" tagged once and left untagged
 *    nine times is mostly not an actor, and the model weighs that (the weights of these features
 *    were learned on GUM by simulating an annotator who tagged the earlier part of each text);
 *  - `blocked`: a string rejected (or tagged with another label) in a context, and never accepted
 *    there, is not proposed again in that context ("Aleppo" rejected after "in" is not proposed
 *    after "in", "to" or "from", which are one context: a place).
 *
 * Strings and contexts are read from the text alone (no tagger), so the memory is rebuilt from
 * annotation files quickly: a string's key is its letters and digits in lower case ("al-Assad" and
 * "Al Assad" are one key), a context the word before it.
 */
export interface Evidence {
  /** Tagged or accepted with this label. */
  pos: number;
  /** Left untagged where the annotator had read it. */
  neg: number;
  /** Suggested with this label and rejected, or the span removed. */
  rej: number;
  /** Tagged with another label. */
  other: number;
}
export type EvidenceKind = keyof Evidence;

const empty = (): Evidence => ({ pos: 0, neg: 0, rej: 0, other: 0 });

/** Prepositions after which a name is a place ("in Aleppo", "to Damascus", "from Idlib"): one context, "loc". */
const PLACE_PREPOSITIONS = new Set(['in', 'into', 'inside', 'to', 'toward', 'towards', 'from', 'at', 'near', 'across', 'around', 'outside', 'within', 'throughout', 'through', 'via', 'beyond', 'along', 'over', 'on']);
/** Function words kept as their own context ("of", "the", "by", "and"). */
const FUNCTION_WORDS = new Set(
  'the a an this that these those of by for with and or but as than about against between among under after before during without his her its their our my your some any every no both each all'.split(' '),
);

/** The key of a string: its letters and digits, lower case. */
export const memoryKey = (quote: string) => quote.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The context of an occurrence starting at `start`: "loc" after a place preposition, the previous
 * word when it is a function word ("of", "the", "by"), "^" at the start of a sentence or line,
 * "," after a comma, "x" after anything else.
 */
export function contextAt(text: string, start: number): string {
  let i = start - 1;
  while (i >= 0 && /[ \t\u00a0"“‘'(]/.test(text[i]!)) i--;
  if (i < 0 || text[i] === '\n') return '^';
  const ch = text[i]!;
  if (ch === ',') return ',';
  if (!/[\p{L}\p{N}]/u.test(ch)) return '^';
  let j = i;
  while (j > 0 && /[\p{L}\p{N}'’-]/u.test(text[j - 1]!)) j--;
  const word = text.slice(j, i + 1).toLowerCase();
  if (PLACE_PREPOSITIONS.has(word)) return 'loc';
  if (FUNCTION_WORDS.has(word)) return word;
  return 'x';
}

interface Entry {
  all: Evidence;
  byContext: Map<string, Evidence>;
}

export interface MemoryMatch {
  first: number;
  last: number;
  entry: Evidence;
  context: Evidence | null;
  contextKey: string;
}

/** Longest string the memory matches, in tokens. */
const MAX_TOKENS = 10;

export class SpanMemory {
  /** label -> key -> entry */
  private readonly labels = new Map<string, Map<string, Entry>>();

  /** Record evidence about `quote` in `context` (`count` -1 takes it back). */
  add(label: string, quote: string, context: string, kind: EvidenceKind, count = 1): void {
    const key = memoryKey(quote);
    if (key.length === 0 || key.length > 80) return;
    let byKey = this.labels.get(label);
    if (!byKey) this.labels.set(label, (byKey = new Map()));
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { all: empty(), byContext: new Map() }));
    entry.all[kind] += count;
    let ctx = entry.byContext.get(context);
    if (!ctx) entry.byContext.set(context, (ctx = empty()));
    ctx[kind] += count;
  }

  /** The evidence about a string, overall or in one context. */
  evidence(label: string, quote: string, context?: string): Evidence | null {
    const entry = this.labels.get(label)?.get(memoryKey(quote));
    if (!entry) return null;
    return context === undefined ? entry.all : (entry.byContext.get(context) ?? null);
  }

  /** How many strings the memory knows for a label. */
  size(label: string): number {
    return this.labels.get(label)?.size ?? 0;
  }

  /**
   * Occurrences in the analysed text of strings the memory has positive evidence for (whole tokens,
   * longest first, not overlapping, within a sentence), tokens [from, to].
   */
  matches(a: Analysis, label: string, from = 0, to = a.tokens.length - 1): MemoryMatch[] {
    const byKey = this.labels.get(label);
    const out: MemoryMatch[] = [];
    if (!byKey || byKey.size === 0) return out;
    const tokens = a.tokens;
    let i = from;
    while (i <= to) {
      let hit: { last: number; entry: Entry } | null = null;
      let key = '';
      const sentence = tokens[i]!.sentence;
      for (let j = i; j <= to && j < i + MAX_TOKENS && tokens[j]!.sentence === sentence; j++) {
        key += memoryKey(tokens[j]!.text);
        const entry = byKey.get(key);
        if (entry && entry.all.pos > 0) hit = { last: j, entry };
      }
      if (!hit) {
        i++;
        continue;
      }
      const contextKey = contextAt(a.text, tokens[i]!.start);
      out.push({ first: i, last: hit.last, entry: hit.entry.all, context: hit.entry.byContext.get(contextKey) ?? null, contextKey });
      i = hit.last + 1;
    }
    return out;
  }

  /** Per token, the memory features of the actor tagger (see actorFeatures.ts). */
  tokenFeatures(a: Analysis, label: string, from = 0, to = a.tokens.length - 1, out: (string[] | undefined)[] = new Array(a.tokens.length)): (string[] | undefined)[] {
    for (const m of this.matches(a, label, from, to)) {
      const all = bucket(m.entry);
      const ctx = m.context ? bucket(m.context) : 'none';
      for (let k = m.first; k <= m.last; k++) {
        const pos = k === m.first ? 'B' : 'I';
        out[k] = [`m=${pos}|${all}`, `mc=${pos}|${ctx}`, `mx=${all}|${ctx}`];
      }
    }
    return out;
  }

  /** True when `quote` as `label` in `context` was rejected or tagged otherwise there, and never tagged as `label` there. */
  blocked(label: string, quote: string, context: string): boolean {
    const e = this.evidence(label, quote, context);
    return e !== null && e.pos <= 0 && (e.rej > 0 || e.other > 0);
  }
}

/**
 * The evidence in a few words: "p" tagged once and never left out, "p2" tagged more often and never
 * left out; "pn" tagged at least as often as not; "np" less often; "n" never tagged; "r" rejected
 * more often than tagged.
 */
export function bucket(e: Evidence): string {
  const no = e.neg + e.rej + e.other;
  if (e.rej > e.pos) return 'r';
  if (e.pos <= 0) return 'n';
  if (no <= 0) return e.pos >= 2 ? 'p2' : 'p';
  return e.pos >= no ? 'pn' : 'np';
}
