import { parseNumber, type ParsedNumber } from '../annotation/parseNumber';
import type { NumberField } from './types';

/**
 * The value of a Number span read from its text when its attributes are empty (an import from
 * another tool, a span tagged without filling the panel), with the same parser manual tagging uses
 * to pre-fill them (shared/annotation/parseNumber.ts), and what it counts read from the words
 * around it inside its claim:
 *   "killed four civilians and injured 25 others"   -> 4 civilians killed; 25 civilians injured ("others" are the civilians before)
 *   "four civilian fatalities and six injuries"      -> 4 civilians killed; 6 civilians injured
 *   "at least 25 individuals, including 10 children, have lost their lives" -> ≥ 25 individuals killed; 10 children killed
 *   "over 300 of their fighters have been killed"    -> > 300 fighters killed
 *   "the deaths of at least 400 militants"           -> ≥ 400 militants killed
 * A field the annotator filled is kept; only empty ones are derived, and the caller marks them as
 * such. Nothing here is written to the annotator's file unless the reviewer confirms it.
 */
export interface NumberSpanText {
  id: string;
  start: number;
  end: number;
  quote: string;
  attributes?: Record<string, unknown> | undefined;
}

export interface DerivedNumber {
  value: number;
  approx: string;
  valueMax: number | null;
  unit: string | null;
  quantity: string | null;
  /** The fields read from the text rather than from the annotator's attributes. */
  derived: NumberField[];
}

const KILLED = /^(?:killed|dead|deaths?|died|fatalities|fatality|lives|casualties|bodies|slain|perished)$/i;
const INJURED = /^(?:injured|wounded|hurt|injuries|injury|wounds)$/i;
const DISPLACED = /^(?:displaced|refugees|fled|evacuated|homeless|uprooted|evacuees)$/i;
/** Words that end a counted noun phrase: "four were killed", "25 in Idlib". */
const NOT_A_NOUN = /^(?:most|least|first|last|were|was|are|is|have|has|had|been|be|and|or|but|in|on|at|of|to|for|by|from|with|as|than|more|less|people's|the|a|an|this|that|who|which|while|since|during|after|before|over|under|per|each|all|such|its|their|his|her)$/i;
/** An approximator just before the span that the span left out ("more than [300]"). */
const APPROX_BEFORE = /\b(at least|at most|more than|fewer than|less than|over|under|nearly|almost|about|around|roughly|approximately|some|up to|as many as|no fewer than|no more than|an estimated)\s+$/i;
/** A verb or noun of harm right before the number: "killed four", "injured 25", "the deaths of at least 400". */
const HARM_BEFORE = /\b(killed|killing|kills|injured|injuring|wounded|wounding|displaced|displacing|evacuated|deaths? of|death toll (?:of|to|at|rose to|reached)|(?:death )?toll of)\s+$/i;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function harmOf(word: string): string | null {
  if (KILLED.test(word)) return 'casualties killed';
  if (INJURED.test(word)) return 'casualties injured';
  if (DISPLACED.test(word)) return 'displaced';
  return null;
}

const words = (s: string) => s.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];

/** "civilian" -> "civilians": an adjective before a harm noun names the counted group. */
const plural = (w: string) => (/s$/i.test(w) ? w : /(?:[^aeiou])y$/i.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);

interface Context {
  /** The claim's text before the number (from the claim start). */
  before: string;
  /** The claim's text after the number, up to the next number of the claim not in an "including" aside. */
  after: string;
  /** What the number before it in the claim counted, when it was joined by "and" or introduced this one with "including". */
  previous: { unit: string | null; quantity: string | null; joined: 'and' | 'including' | null } | null;
}

/** Unit and quantity from the words around the number. */
function readContext(parsed: ParsedNumber, ctx: Context): { unit: string | null; quantity: string | null } {
  let unit: string | null = parsed.unit ?? null;
  let quantity: string | null = parsed.quantity ?? null;
  const harmBefore = HARM_BEFORE.exec(ctx.before)?.[1];
  if (!quantity && harmBefore) quantity = /^(?:kill|death|toll)/i.test(harmBefore) ? 'casualties killed' : /^(?:injur|wound)/i.test(harmBefore) ? 'casualties injured' : 'displaced';
  // The counted noun: "four civilians", "300+ Insurgents", "over 300 of their fighters", "four civilian fatalities",
  // "approximately 200 Iraqi militia members". Not for years, durations and money: their unit is in the span.
  const after = ctx.after.replace(/^\s*of\s+(?:(?:the|their|its|his|her|them|whom)\s+)?/i, ' ');
  const next = words(after.slice(0, 80));
  const counted = !parsed.quantity || parsed.quantity === 'count';
  if (!unit && counted) {
    const run: string[] = [];
    for (const w of next.slice(0, 3)) {
      if (NOT_A_NOUN.test(w)) break;
      const harm = harmOf(w);
      if (harm) {
        quantity ??= harm;
        // "four civilian fatalities": the word before the harm noun names who.
        if (run.length > 0) run[run.length - 1] = plural(run[run.length - 1]!);
        break;
      }
      if (run.length > 0 && /ed$/i.test(w)) break;
      run.push(w.toLowerCase());
      // A comma or a full stop after the word ends the phrase.
      const at = after.indexOf(w);
      if (/^[,.;:)]/.test(after.slice(at + w.length))) break;
    }
    if (run.length > 0) unit = run.join(' ');
  }
  if (!quantity) {
    // The predicate of the number's clause: "… have been killed", "… have lost their lives".
    for (const w of next.slice(0, 12)) {
      const harm = harmOf(w);
      if (harm) {
        quantity = harm;
        break;
      }
    }
  }
  const prev = ctx.previous;
  if (!quantity && unit && counted && !(prev && prev.joined)) quantity = 'count';
  if (prev && prev.joined === 'including') quantity ??= prev.quantity;
  if (prev && prev.joined === 'and' && (unit === null || /^others?$/i.test(unit)) && prev.unit) unit = prev.unit;
  return { unit, quantity };
}

/**
 * Read the numbers of one claim. `claim` is its text and start offset; `numbers` are the Number
 * spans inside it, in any order.
 */
export function deriveNumbers(claim: { start: number; text: string }, numbers: readonly NumberSpanText[]): Map<string, DerivedNumber> {
  const out = new Map<string, DerivedNumber>();
  const sorted = [...numbers].sort((a, b) => a.start - b.start || b.end - a.end);
  let previous: DerivedNumber | null = null;
  let previousEnd = 0;
  sorted.forEach((n, i) => {
    const from = n.start - claim.start;
    const to = n.end - claim.start;
    const before = claim.text.slice(0, from);
    // Up to the next number, unless that one is an "including" aside ("25 individuals, including 10 children, have lost their lives").
    let stop = claim.text.length;
    for (const m of sorted.slice(i + 1)) {
      const at = m.start - claim.start;
      const aside = /,\s*including\s+$/i.exec(claim.text.slice(to, at));
      if (aside) continue;
      stop = at;
      break;
    }
    let after = claim.text.slice(to, stop).replace(/,\s*including\s+[^,]*,/gi, ' ');
    after = after.replace(/\([^)]*\)/g, ' ');
    const between = claim.text.slice(previousEnd, from);
    const joined: 'and' | 'including' | null = /\bincluding\s+$/i.test(before) ? 'including' : previous && /^[^.;:]{0,60}\band\b/i.test(between) && !/[.;:]/.test(between) ? 'and' : null;
    const a = n.attributes ?? {};
    const given = {
      value: num(a.value),
      approx: str(a.approx),
      valueMax: num(a.value_max),
      unit: str(a.unit),
      quantity: str(a.quantity),
    };
    const derived: NumberField[] = [];
    let parsed: ParsedNumber = {};
    if (given.value === null || given.unit === null || given.quantity === null) {
      const approxBefore = given.value === null ? APPROX_BEFORE.exec(before)?.[1] : undefined;
      parsed = parseNumber(approxBefore ? `${approxBefore} ${n.quote}` : n.quote);
    }
    let value = given.value;
    let approx = given.approx ?? 'exact';
    let valueMax = given.valueMax;
    if (value === null && parsed.value !== undefined) {
      value = parsed.value;
      derived.push('value');
      approx = parsed.approx ?? 'exact';
      if (given.approx === null) derived.push('approx');
      else approx = given.approx;
      if (parsed.value_max !== undefined && valueMax === null) {
        valueMax = parsed.value_max;
        derived.push('value_max');
      }
    }
    if (value === null) return; // no number in the words either: nothing to compare
    const context = readContext(parsed, { before, after, previous: previous ? { unit: previous.unit, quantity: previous.quantity, joined } : null });
    let unit = given.unit;
    if (unit === null && context.unit !== null) {
      unit = context.unit;
      derived.push('unit');
    }
    let quantity = given.quantity;
    if (quantity === null && context.quantity !== null) {
      quantity = context.quantity;
      derived.push('quantity');
    }
    const result: DerivedNumber = { value, approx, valueMax, unit, quantity, derived };
    out.set(n.id, result);
    previous = result;
    previousEnd = to;
  });
  return out;
}
