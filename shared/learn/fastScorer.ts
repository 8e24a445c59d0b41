import type { Analysis } from './analyze';
import { NONE } from './actorFeatures';
import { lexClass } from './lexicon';
import type { LinearModel } from './tagger';

/**
 * The actor tagger's token scores without building feature strings: the same features as
 * actorFeatures.ts (a unit test checks the two agree), looked up in tables by role ("w-1") and
 * value ("the"), the values being the tokens' own strings, whose hashes the JavaScript engine
 * keeps. Building ~30 strings per token and hashing them was most of the tagger's time, which
 * `factmark suggest` on 10,000 articles pays 10,000 times.
 */
type Vec = readonly number[];
type Table = Map<string, Vec>;

export interface CompiledModel {
  bias: Vec;
  /** role -> value -> weights */
  single: Map<string, Table>;
  /** role -> first part -> second part -> weights ("pp=DET|PROPN") */
  pair: Map<string, Map<string, Table>>;
  /** Features that fit neither (memory features), by their full string. */
  whole: Table;
}

const PAIR_ROLES = new Set(['pp', 'pn', 'cw', 'lex-1', 'lex+1']);
const EMPTY: Table = new Map();

export function compileModel(m: LinearModel): CompiledModel {
  const single = new Map<string, Table>();
  const pair = new Map<string, Map<string, Table>>();
  const whole: Table = new Map();
  for (const [f, w] of m.weights) {
    const eq = f.indexOf('=');
    const role = eq < 0 ? f : f.slice(0, eq);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    whole.set(f, w);
    if (PAIR_ROLES.has(role)) {
      const bar = value.lastIndexOf('|');
      if (bar < 0) continue;
      let byFirst = pair.get(role);
      if (!byFirst) pair.set(role, (byFirst = new Map()));
      const a = value.slice(0, bar);
      let t = byFirst.get(a);
      if (!t) byFirst.set(a, (t = new Map()));
      t.set(value.slice(bar + 1), w);
    } else {
      let t = single.get(role);
      if (!t) single.set(role, (t = new Map()));
      t.set(value, w);
    }
  }
  return { bias: m.bias, single, pair, whole };
}

const compiledCache = new WeakMap<LinearModel, CompiledModel>();
export function compiled(m: LinearModel): CompiledModel {
  let c = compiledCache.get(m);
  if (!c) compiledCache.set(m, (c = compileModel(m)));
  return c;
}

/** Add the scores of one model to `scores` (3 per token), memory features included. */
export function addModelScores(a: Analysis, m: LinearModel, memory: readonly (readonly string[] | undefined)[], scores: Float64Array): void {
  const c = compiled(m);
  const tab = (role: string) => c.single.get(role) ?? EMPTY;
  const w = tab('w'), l = tab('l'), p = tab('p'), s = tab('s'), x3 = tab('x3');
  const wm1 = tab('w-1'), wp1 = tab('w+1'), wm2 = tab('w-2'), wp2 = tab('w+2');
  const pm1 = tab('p-1'), pp1 = tab('p+1'), sm1 = tab('s-1'), sp1 = tab('s+1');
  const pv = tab('pv'), nv = tab('nv'), lex = tab('lex'), firstS = tab('first|s'), hlS = tab('hl|s'), hlP = tab('hl|p');
  const pairs = (role: string) => c.pair.get(role);
  const ppT = pairs('pp'), pnT = pairs('pn'), cwT = pairs('cw'), lexm1 = pairs('lex-1'), lexp1 = pairs('lex+1');
  const b = tab('b').get('');
  const tokens = a.tokens;
  const lexes = tokens.map((t) => lexClass(t.lower) ?? NONE);
  const add = (at: number, v: Vec | undefined) => {
    if (v) {
      scores[at]! += v[0]!;
      scores[at + 1]! += v[1]!;
      scores[at + 2]! += v[2]!;
    }
  };
  for (const sent of a.sentences) {
    for (let i = sent.first; i <= sent.last; i++) {
      const t = tokens[i]!;
      const at = i * 3;
      scores[at]! += c.bias[0]!;
      scores[at + 1]! += c.bias[1]!;
      scores[at + 2]! += c.bias[2]!;
      add(at, b);
      const p1 = i - 1 >= sent.first ? tokens[i - 1] : undefined;
      const n1 = i + 1 <= sent.last ? tokens[i + 1] : undefined;
      const p2 = i - 2 >= sent.first ? tokens[i - 2] : undefined;
      const n2 = i + 2 <= sent.last ? tokens[i + 2] : undefined;
      add(at, w.get(t.lower));
      add(at, l.get(t.lemma));
      add(at, p.get(t.pos));
      add(at, s.get(t.shape));
      add(at, x3.get(t.lower.length <= 3 ? t.lower : t.lower.slice(-3)));
      add(at, wm1.get(p1?.lower ?? NONE));
      add(at, wp1.get(n1?.lower ?? NONE));
      add(at, wm2.get(p2?.lower ?? NONE));
      add(at, wp2.get(n2?.lower ?? NONE));
      add(at, pm1.get(p1?.pos ?? NONE));
      add(at, pp1.get(n1?.pos ?? NONE));
      add(at, ppT?.get(p1?.pos ?? NONE)?.get(t.pos));
      add(at, pnT?.get(t.pos)?.get(n1?.pos ?? NONE));
      add(at, sm1.get(p1 ? p1.shape : NONE));
      add(at, sp1.get(n1 ? n1.shape : NONE));
      add(at, cwT?.get(p1?.lower ?? NONE)?.get(t.pos));
      let verbBefore = NONE;
      for (let k = i - 1; k >= i - 3 && k >= sent.first; k--) if (tokens[k]!.pos === 'VERB') { verbBefore = tokens[k]!.lemma; break; }
      let verbAfter = NONE;
      for (let k = i + 1; k <= i + 4 && k <= sent.last; k++) if (tokens[k]!.pos === 'VERB') { verbAfter = tokens[k]!.lemma; break; }
      add(at, pv.get(verbBefore));
      add(at, nv.get(verbAfter));
      const lx = lexes[i]!;
      add(at, lex.get(lx));
      add(at, lexm1?.get(p1 ? lexes[i - 1]! : NONE)?.get(lx));
      add(at, lexp1?.get(lx)?.get(n1 ? lexes[i + 1]! : NONE));
      if (i === sent.first) add(at, firstS.get(t.shape));
      if (sent.headline) {
        add(at, hlS.get(t.shape));
        add(at, hlP.get(t.pos));
      }
      const mem = memory[i];
      if (mem) for (const f of mem) add(at, c.whole.get(f));
    }
  }
}
