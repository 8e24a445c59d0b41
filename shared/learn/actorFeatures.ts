import type { Analysis } from './analyze';
import { lexClass } from './lexicon';

/**
 * The features the actor tagger looks at for one token, each one a string the weights file keys
 * (docs/suggestions.md lists them). All come from wink-nlp's analysis of the text and from the
 * project's memory of the annotator's decisions (memory.ts):
 *   w= word, l= lemma, p= part of speech, s= shape ("Xx", "x", "d"), x3= last three letters,
 *   w-1/w+1/w-2/w+2 neighbouring words, p-1/p+1 their parts of speech, pp/pn POS bigrams,
 *   s-1/s+1 neighbouring shapes, cw= previous word with this part of speech ("in"+PROPN: a place),
 *   pv/nv the nearest verb lemma before (3 tokens) and after (4 tokens): "Russia has promised",
 *   lex/lex-1/lex+1 the word lists of lexicon.ts (title, demonym, group noun, victim, time word),
 *   first/hl sentence-initial and headline position (capitals mean less there),
 *   m* memory of the annotator's own decisions on the same string (see memory.ts).
 */
export const NONE = '_';

export function tokenFeatures(a: Analysis, i: number, memory: readonly string[] | undefined, out: string[] = []): string[] {
  const t = a.tokens[i]!;
  const s = a.sentences[t.sentence]!;
  const at = (k: number) => (k >= s.first && k <= s.last ? a.tokens[k] : undefined);
  const p1 = at(i - 1);
  const n1 = at(i + 1);
  const p2 = at(i - 2);
  const n2 = at(i + 2);
  const shape = t.shape;
  const pos = t.pos;
  out.push('b', `w=${t.lower}`, `l=${t.lemma}`, `p=${pos}`, `s=${shape}`, `x3=${t.lower.slice(-3)}`);
  out.push(`w-1=${p1?.lower ?? NONE}`, `w+1=${n1?.lower ?? NONE}`, `w-2=${p2?.lower ?? NONE}`, `w+2=${n2?.lower ?? NONE}`);
  out.push(`p-1=${p1?.pos ?? NONE}`, `p+1=${n1?.pos ?? NONE}`, `pp=${p1?.pos ?? NONE}|${pos}`, `pn=${pos}|${n1?.pos ?? NONE}`);
  out.push(`s-1=${p1 ? p1.shape : NONE}`, `s+1=${n1 ? n1.shape : NONE}`, `cw=${p1?.lower ?? NONE}|${pos}`);
  let pv = NONE;
  for (let k = i - 1; k >= i - 3 && k >= s.first; k--) if (a.tokens[k]!.pos === 'VERB') { pv = a.tokens[k]!.lemma; break; }
  let nv = NONE;
  for (let k = i + 1; k <= i + 4 && k <= s.last; k++) if (a.tokens[k]!.pos === 'VERB') { nv = a.tokens[k]!.lemma; break; }
  out.push(`pv=${pv}`, `nv=${nv}`);
  const lex = lexClass(t.lower);
  const lexP = p1 ? lexClass(p1.lower) : null;
  const lexN = n1 ? lexClass(n1.lower) : null;
  out.push(`lex=${lex ?? NONE}`, `lex-1=${lexP ?? NONE}|${lex ?? NONE}`, `lex+1=${lex ?? NONE}|${lexN ?? NONE}`);
  if (i === s.first) out.push(`first|s=${shape}`);
  if (s.headline) out.push(`hl|s=${shape}`, `hl|p=${pos}`);
  if (memory) for (const m of memory) out.push(m);
  return out;
}
