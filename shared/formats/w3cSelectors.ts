import { createOffsetConverter, type OffsetConverter } from '../text/offsets';
import { isRecord, SpanResolver } from './importTypes';

/**
 * Where a W3C Web Annotation selector points in a plain text (Web Annotation Data Model §4.2).
 *
 * - TextPositionSelector: code points [start, end) of the text it applies to.
 * - TextQuoteSelector: the `exact` text, the occurrence whose `prefix`/`suffix` fit best.
 * - FragmentSelector conforming to RFC 5147 (text/plain fragment identifiers): `char=a,b`
 *   (code points; a line end is one character, as the stored text has LF line ends) and
 *   `line=a,b` (from the start of line a to the start of line b, 0-based), with an optional
 *   `;length=n` integrity check.
 * - RangeSelector: from the start of its startSelector to the start of its endSelector.
 *
 * `refinedBy` applies the refining selector to what the outer one selected (§4.2.9): a
 * TextPositionSelector refining a fragment counts from the start of that fragment, not of the
 * document. An outer selector Factmark cannot resolve in plain text (an XPointer or HTML id
 * FragmentSelector, a CSS or XPath selector, an SVG area, byte positions) makes the whole chain
 * unresolvable: the refinement's offsets are relative to a segment we do not know, so applying
 * them to the whole text would tag the wrong characters.
 */
export interface TextRange {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

export type SelectorOutcome =
  | { ok: true; range: TextRange; kind: 'position' | 'quote' | 'fragment' | 'range'; switched: boolean }
  /** unsupported: the selector cannot be resolved in plain text; mismatch: it can, but does not fit this text. */
  | { ok: false; problem: 'unsupported' | 'mismatch'; reason: string };

const RFC5147 = /rfc5147/i;
const RFC5147_VALUE = /^(char|line)=(\d*)(,(\d*))?((?:;[a-z0-9]+=[^;]*)*)$/i;

const typesOf = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export class SelectorResolver {
  private readonly converter: OffsetConverter;
  private readonly resolver: SpanResolver;
  readonly whole: TextRange;

  constructor(readonly text: string) {
    this.converter = createOffsetConverter(text);
    this.resolver = new SpanResolver(text);
    this.whole = { start: 0, end: text.length };
  }

  /** A selector and its refinements, inside `within` (the whole text for a target's own selector). */
  resolve(selector: unknown, within: TextRange = this.whole, quoteHint?: string): SelectorOutcome {
    const outer = this.resolveOne(selector, within, quoteHint);
    if (!isRecord(selector) || selector.refinedBy === undefined) return outer;
    if (!outer.ok) {
      // The refinement counts from a segment we could not find: applying it to the whole text would tag the wrong characters.
      return { ...outer, reason: `${outer.reason}, so its refinement (${describe(first(selector.refinedBy))}) has no segment to apply to` };
    }
    const refined = this.resolve(first(selector.refinedBy), outer.range);
    if (refined.ok) return refined;
    return { ok: false, problem: refined.problem, reason: `${describe(selector)} refined by ${refined.reason}` };
  }

  private resolveOne(sel: unknown, within: TextRange, quoteHint?: string): SelectorOutcome {
    const unsupported = (reason: string): SelectorOutcome => ({ ok: false, problem: 'unsupported', reason });
    const mismatch = (reason: string): SelectorOutcome => ({ ok: false, problem: 'mismatch', reason });
    if (!isRecord(sel)) return unsupported(`an external selector (${typeof sel === 'string' ? short(sel) : 'not an object'}), which Factmark does not fetch`);
    const t = typesOf(sel.type);
    if (t.includes('TextPositionSelector')) {
      const whole = within.start === 0 && within.end === this.text.length;
      if (whole) {
        // A target's own positions: checked against a sibling quote, read in the other unit if only that fits.
        const r = this.resolver.resolve(sel.start, sel.end, 'codepoint', quoteHint);
        return r.ok ? { ok: true, range: { start: r.start, end: r.end }, kind: 'position', switched: r.switched } : mismatch(`a TextPositionSelector ${String(sel.start)}-${String(sel.end)}: ${r.reason}`);
      }
      const base = this.converter.toCodePoint(within.start);
      const limit = this.converter.toCodePoint(within.end) - base;
      const s = sel.start as number;
      const e = sel.end as number;
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > limit) {
        return mismatch(`a TextPositionSelector ${String(sel.start)}-${String(sel.end)}, outside the ${limit} characters it refines`);
      }
      if (s === e) return mismatch(`an empty TextPositionSelector ${s}-${e}`);
      return { ok: true, range: { start: this.converter.toUtf16(base + s), end: this.converter.toUtf16(base + e) }, kind: 'position', switched: false };
    }
    if (t.includes('TextQuoteSelector')) {
      const exact = typeof sel.exact === 'string' ? sel.exact : '';
      const at = findQuote(this.text, exact, within, typeof sel.prefix === 'string' ? sel.prefix : undefined, typeof sel.suffix === 'string' ? sel.suffix : undefined);
      return at === null ? mismatch(`a TextQuoteSelector ${JSON.stringify(short(exact))}, which is not in the text`) : { ok: true, range: { start: at, end: at + exact.length }, kind: 'quote', switched: false };
    }
    if (t.includes('FragmentSelector')) return this.fragment(sel, within);
    if (t.includes('RangeSelector')) {
      const from = this.resolve(sel.startSelector, within);
      const to = this.resolve(sel.endSelector, within);
      if (!from.ok) return { ...from, reason: `a RangeSelector whose start is ${from.reason}` };
      if (!to.ok) return { ...to, reason: `a RangeSelector whose end is ${to.reason}` };
      if (to.range.start <= from.range.start) return mismatch('a RangeSelector whose end comes before its start');
      return { ok: true, range: { start: from.range.start, end: to.range.start }, kind: 'range', switched: false };
    }
    if (t.includes('CssSelector') || t.includes('XPathSelector')) return unsupported(`${describe(sel)}, which points into HTML or XML structure that a plain text does not have`);
    if (t.includes('SvgSelector')) return unsupported('an SvgSelector (an area of an image)');
    if (t.includes('DataPositionSelector')) return unsupported('a DataPositionSelector (byte positions of another representation)');
    return unsupported(`${describe(sel)}, a kind of selector Factmark does not know`);
  }

  /** An RFC 5147 fragment (`char=`, `line=`); any other fragment (XPointer, HTML id, media) cannot be resolved. */
  private fragment(sel: Record<string, unknown>, within: TextRange): SelectorOutcome {
    const value = typeof sel.value === 'string' ? sel.value.trim() : '';
    const conforms = typeof sel.conformsTo === 'string' ? sel.conformsTo : undefined;
    const m = RFC5147_VALUE.exec(value);
    if ((conforms !== undefined && !RFC5147.test(conforms)) || !m) {
      const what = conforms ? `, conforming to ${conforms}` : '';
      return { ok: false, problem: 'unsupported', reason: `${describe(sel)}${what}: only RFC 5147 text fragments (char=, line=) can be found in a plain text` };
    }
    const [, scheme, rawA, comma, rawB, checks] = m as unknown as [string, string, string, string | undefined, string | undefined, string];
    const a = rawA === '' ? undefined : rawA;
    const b = rawB === undefined || rawB === '' ? undefined : rawB;
    if (comma === undefined) {
      return { ok: false, problem: 'unsupported', reason: `${describe(sel)}: a position between two characters, not a range of text` };
    }
    const base = this.converter.toCodePoint(within.start);
    const count = this.converter.toCodePoint(within.end) - base;
    const length = /;length=(\d+)/i.exec(checks)?.[1];
    if (length !== undefined && Number(length) !== count) {
      return { ok: false, problem: 'mismatch', reason: `${describe(sel)}: it was made for a text of ${length} characters, this one has ${count}` };
    }
    let from: number;
    let to: number;
    if (scheme.toLowerCase() === 'char') {
      from = a === undefined ? 0 : Math.min(Number(a), count);
      to = b === undefined ? count : Math.min(Number(b), count);
    } else {
      const segment = this.text.slice(within.start, within.end);
      const lineStarts = [0];
      for (let i = 0; i < segment.length; i++) if (segment[i] === '\n') lineStarts.push(i + 1);
      const cpAt = (line: number | undefined, dflt: number) =>
        line === undefined ? dflt : line >= lineStarts.length ? count : this.converter.toCodePoint(within.start + (lineStarts[line] as number)) - base;
      from = cpAt(a === undefined ? undefined : Number(a), 0);
      to = cpAt(b === undefined ? undefined : Number(b), count);
    }
    if (to <= from) return { ok: false, problem: 'mismatch', reason: `${describe(sel)}: an empty range of this text` };
    return { ok: true, range: { start: this.converter.toUtf16(base + from), end: this.converter.toUtf16(base + to) }, kind: 'fragment', switched: false };
  }
}

/** "a FragmentSelector "para5"" — how a selector is named in messages. */
export function describe(sel: unknown): string {
  if (!isRecord(sel)) return 'an external selector';
  const t = typesOf(sel.type)[0] ?? 'selector without a type';
  const article = /^[AEIOU]/.test(t) ? 'an' : 'a';
  if (typeof sel.value === 'string') return `${article} ${t} ${JSON.stringify(short(sel.value))}`;
  if (t === 'TextPositionSelector') return `a TextPositionSelector ${String(sel.start)}-${String(sel.end)}`;
  if (t === 'TextQuoteSelector' && typeof sel.exact === 'string') return `a TextQuoteSelector ${JSON.stringify(short(sel.exact))}`;
  return `${article} ${t}`;
}

/** Where `exact` occurs inside `within`, preferring an occurrence with the given prefix/suffix. */
export function findQuote(text: string, exact: string, within: TextRange, prefix?: string, suffix?: string): number | null {
  if (exact === '') return null;
  const hits: number[] = [];
  for (let i = text.indexOf(exact, within.start); i !== -1 && i + exact.length <= within.end; i = text.indexOf(exact, i + 1)) hits.push(i);
  if (hits.length === 0) return null;
  const scored = hits.map((i) => {
    let score = 0;
    if (prefix && text.slice(Math.max(0, i - prefix.length), i) === prefix) score++;
    if (suffix && text.slice(i + exact.length, i + exact.length + suffix.length) === suffix) score++;
    return { i, score };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return top.length === 1 ? top[0]!.i : best > 0 ? top[0]!.i : hits.length === 1 ? hits[0]! : null;
}
