import { decodeTextFile } from '../text/decodeText';
import { fileStem, isRecord, parseFailure, parseJsonText, ParseStop, SpanResolver, dedupeSpans, type ImportedSpan, type ParseResult } from './importTypes';

/**
 * W3C Web Annotation (JSON-LD): one Annotation, a list of them, an AnnotationPage or an
 * AnnotationCollection. Every annotation is checked against the data model's MUSTs (context,
 * one id, type, target, body/bodyValue rules, dates, IRIs, selectors) and a file breaking one is
 * refused with the reason, as the W3C test suite's "incorrect" samples require.
 *
 * Annotations point at a resource, not at text we have: the text is the `.txt` file with the same
 * name. A TextPositionSelector gives code points of that text; a TextQuoteSelector (exact +
 * prefix/suffix) is the fallback when positions are missing or do not match. The label is the
 * body's tag (a TextualBody with purpose tagging or classifying), else its one short TextualBody
 * value, else "annotation".
 */
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const COMPOSITES = ['Choice', 'List', 'Composite', 'Independents'];
const DIRECTIONS = ['ltr', 'rtl', 'auto'];
const POSITION_KEYS = new Set(['start', 'end']);

const isIri = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !/\s/.test(v);
const types = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Stop = (reason: string) => never;

function checkNoBareNumbers(value: unknown, where: string, stop: Stop, key = ''): void {
  if (typeof value === 'number' && !POSITION_KEYS.has(key)) stop(`${where}: "${key}" is the number ${value}; the model's values are text, resources or lists.`);
  if (Array.isArray(value)) value.forEach((v) => checkNoBareNumbers(v, where, stop, key));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) checkNoBareNumbers(v, where, stop, k);
}

function checkSingleString(obj: Record<string, unknown>, key: string, where: string, stop: Stop): void {
  if (obj[key] !== undefined && typeof obj[key] !== 'string') stop(`${where}: "${key}" must be one text value.`);
}

function checkSelector(sel: unknown, where: string, stop: Stop): void {
  if (isIri(sel)) return;
  if (!isRecord(sel)) stop(`${where}: a selector must be an object or an IRI.`);
  const t = types(sel.type);
  if (t.includes('FragmentSelector') || t.includes('CssSelector') || t.includes('XPathSelector')) {
    if (typeof sel.value !== 'string') stop(`${where}: a ${t[0]} needs exactly one "value".`);
  }
  if (t.includes('TextPositionSelector') || t.includes('DataPositionSelector')) {
    if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end) || (sel.start as number) < 0 || (sel.end as number) < (sel.start as number)) {
      stop(`${where}: a ${t[0]} needs whole-number "start" and "end", start <= end.`);
    }
  }
  if (t.includes('TextQuoteSelector')) {
    if (typeof sel.exact !== 'string') stop(`${where}: a TextQuoteSelector needs exactly one "exact" text.`);
    checkSingleString(sel, 'prefix', where, stop);
    checkSingleString(sel, 'suffix', where, stop);
  }
  if (t.includes('RangeSelector') && (sel.startSelector === undefined || sel.endSelector === undefined)) {
    stop(`${where}: a RangeSelector needs "startSelector" and "endSelector".`);
  }
  if (sel.refinedBy !== undefined) list(sel.refinedBy).forEach((r) => checkSelector(r, where, stop));
}

function checkResource(res: unknown, where: string, stop: Stop, isBody: boolean): void {
  if (isIri(res)) return;
  if (typeof res === 'string') stop(`${where}: "${res}" is not an IRI.`);
  if (!isRecord(res)) stop(`${where}: must be an IRI or an object.`);
  if (res.id !== undefined && !isIri(res.id)) stop(`${where}: "id" must be one IRI.`);
  if (res.format !== undefined && types(res.format).length !== list(res.format).length) stop(`${where}: "format" must be text.`);
  if (res.language !== undefined && types(res.language).length !== list(res.language).length) stop(`${where}: "language" must be text.`);
  checkSingleString(res, 'processingLanguage', where, stop);
  if (res.textDirection !== undefined && !(typeof res.textDirection === 'string' && DIRECTIONS.includes(res.textDirection))) {
    stop(`${where}: "textDirection" must be one of ltr, rtl, auto.`);
  }
  const t = types(res.type);
  const composite = t.filter((x) => COMPOSITES.includes(x));
  if (composite.length > 1) stop(`${where}: a resource cannot be both ${composite.join(' and ')}.`);
  if (res.items !== undefined) {
    if (composite.length === 0) stop(`${where}: "items" needs a type Choice, List, Composite or Independents.`);
    list(res.items).forEach((item, i) => checkResource(item, `${where}, item ${i + 1}`, stop, isBody));
  }
  if (t.includes('TextualBody') && typeof res.value !== 'string') stop(`${where}: a TextualBody needs exactly one text "value".`);
  if (t.includes('SpecificResource') || res.selector !== undefined) {
    if (res.source === undefined && composite.length === 0) stop(`${where}: a SpecificResource needs a "source".`);
    list(res.selector).forEach((s) => checkSelector(s, where, stop));
  }
  for (const key of ['created', 'modified']) {
    if (res[key] !== undefined && !(typeof res[key] === 'string' && DATE_TIME.test(res[key] as string))) stop(`${where}: "${key}" must be one xsd:dateTime.`);
  }
  checkNoBareNumbers(res, where, stop);
}

function checkAgent(v: unknown, key: string, where: string, stop: Stop): void {
  for (const a of list(v)) if (!isIri(a) && !isRecord(a)) stop(`${where}: "${key}" must be an IRI or an agent object.`);
}

/** Check one annotation against the model's MUSTs; stops with the reason at the first break. */
function checkAnnotation(a: unknown, where: string, stop: Stop, inheritsContext: boolean): asserts a is Record<string, unknown> {
  if (!isRecord(a)) stop(`${where} is not a JSON object.`);
  // Annotations embedded in a page or collection share the container's context.
  const ctx = a['@context'] ?? (inheritsContext ? CONTEXT : undefined);
  if (!(ctx === CONTEXT || (Array.isArray(ctx) && ctx.includes(CONTEXT)))) stop(`${where}: "@context" must be (or include) ${CONTEXT}.`);
  if (!isIri(a.id)) stop(`${where}: an annotation needs exactly one IRI as "id".`);
  if (!types(a.type).includes('Annotation')) stop(`${where}: "type" must include "Annotation".`);
  if (a.target === undefined) stop(`${where}: an annotation needs a "target".`);
  list(a.target).forEach((t, i) => checkResource(t, `${where}, target ${i + 1}`, stop, false));
  if (a.body !== undefined && a.bodyValue !== undefined) stop(`${where}: "body" and "bodyValue" cannot both be given.`);
  if (a.bodyValue !== undefined && typeof a.bodyValue !== 'string') stop(`${where}: "bodyValue" must be one text value.`);
  list(a.body).forEach((b, i) => checkResource(b, `${where}, body ${i + 1}`, stop, true));
  checkAgent(a.creator, 'creator', where, stop);
  checkAgent(a.generator, 'generator', where, stop);
  for (const key of ['created', 'modified', 'generated']) {
    if (a[key] !== undefined && !(typeof a[key] === 'string' && DATE_TIME.test(a[key] as string))) stop(`${where}: "${key}" must be one xsd:dateTime.`);
  }
  for (const key of ['rights', 'via']) for (const v of list(a[key])) if (!isIri(v)) stop(`${where}: "${key}" must be IRIs.`);
  if (a.canonical !== undefined && !isIri(a.canonical)) stop(`${where}: "canonical" must be one IRI.`);
}

/** The annotations of a parsed file, or a reason. */
function annotationsOf(value: unknown): unknown[] | string {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return 'expected an annotation, a list of annotations, an AnnotationPage or an AnnotationCollection.';
  const t = types(value.type);
  if (t.includes('AnnotationCollection')) {
    const first = value.first;
    if (isRecord(first)) return list(first.items);
    return 'the AnnotationCollection has no embedded first page of items.';
  }
  if (t.includes('AnnotationPage')) return list(value.items);
  return [value];
}

/** True when a parsed JSON value looks like W3C annotations (used by format detection). */
export function looksLikeW3c(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  return isRecord(first) && ('@context' in first || types(first.type).some((t) => t.startsWith('Annotation')));
}

function labelsOf(a: Record<string, unknown>): string[] {
  const bodies = list(a.body).filter(isRecord);
  const tags = bodies
    .filter((b) => typeof b.value === 'string' && ['tagging', 'classifying'].some((p) => types(b.purpose).includes(p)))
    .map((b) => (b.value as string).trim())
    .filter((v) => v !== '');
  if (tags.length > 0) return [...new Set(tags)];
  const values = bodies.filter((b) => typeof b.value === 'string' && (b.value as string).trim().length <= 40).map((b) => (b.value as string).trim());
  if (values.length === 1 && values[0]) return [values[0]];
  if (typeof a.bodyValue === 'string' && a.bodyValue.trim().length > 0 && a.bodyValue.trim().length <= 40) return [a.bodyValue.trim()];
  return ['annotation'];
}

/** Where `exact` occurs in text, preferring an occurrence with the given prefix/suffix. */
function findQuote(text: string, exact: string, prefix?: string, suffix?: string): number | null {
  if (exact === '') return null;
  const hits: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) hits.push(i);
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

/** Selectors of a target, flattening refinedBy chains. */
function selectorsOf(target: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (s: unknown) => {
    if (!isRecord(s)) return;
    out.push(s);
    list(s.refinedBy).forEach(walk);
  };
  if (isRecord(target)) list(target.selector).forEach(walk);
  return out;
}

export interface W3cText {
  name: string;
  bytes: Uint8Array;
}

export function parseW3c(file: string, source: string, textFile: W3cText | null): ParseResult {
  const parsed = parseJsonText(source.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parseFailure(file, parsed.line, parsed.reason);
  const annotations = annotationsOf(parsed.value);
  const container = parsed.value;
  const inheritsContext =
    isRecord(container) && !types(container.type).includes('Annotation') && (container['@context'] === CONTEXT || (Array.isArray(container['@context']) && container['@context'].includes(CONTEXT)));
  if (typeof annotations === 'string') return parseFailure(file, null, annotations);
  if (annotations.length === 0) return parseFailure(file, null, 'the file holds no annotations.');
  const single = !Array.isArray(parsed.value) && annotations.length === 1 && annotations[0] === parsed.value;
  const lineOf = (a: unknown): number | null => {
    // One annotation in the file: it starts on the first line that is not blank.
    if (single) return source.slice(0, source.search(/\S/) + 1).split('\n').length;
    if (!isRecord(a) || typeof a.id !== 'string') return null;
    const at = source.indexOf(JSON.stringify(a.id));
    return at === -1 ? null : source.slice(0, at).split('\n').length;
  };
  try {
    annotations.forEach((a, i) =>
      checkAnnotation(
        a,
        `annotation ${i + 1}`,
        (reason) => {
          throw new ParseStop(lineOf(a), reason);
        },
        inheritsContext,
      ),
    );
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  const checked = annotations as Record<string, unknown>[];
  if (!textFile) {
    return { ok: true, documents: [], warnings: [`${file}: ${checked.length} valid annotation${checked.length === 1 ? '' : 's'}, but no text to anchor them to.`] };
  }
  const decoded = decodeTextFile(textFile.bytes, textFile.name);
  if (!decoded.ok) return parseFailure(textFile.name, null, decoded.message);
  const text = decoded.text;
  const resolver = new SpanResolver(text);
  const spans: ImportedSpan[] = [];
  let noSelector = 0;
  let byQuote = 0;
  for (const [i, a] of checked.entries()) {
    const where = `annotation ${i + 1} (${a.id as string})`;
    const labels = labelsOf(a);
    let anchored = false;
    for (const target of list(a.target)) {
      const sels = selectorsOf(target);
      const pos = sels.find((s) => types(s.type).includes('TextPositionSelector'));
      const quote = sels.find((s) => types(s.type).includes('TextQuoteSelector'));
      if (!pos && !quote) continue;
      let range: { start: number; end: number } | null = null;
      const exact = quote && typeof quote.exact === 'string' ? quote.exact : undefined;
      if (pos) {
        const r = resolver.resolve(pos.start, pos.end, 'codepoint', exact);
        if (r.ok) range = r;
      }
      if (!range && exact !== undefined) {
        const at = findQuote(text, exact, quote?.prefix as string | undefined, quote?.suffix as string | undefined);
        if (at !== null) {
          range = { start: at, end: at + exact.length };
          if (pos) byQuote++;
        }
      }
      if (!range) {
        return parseFailure(
          file,
          lineOf(a),
          `${where}: its ${pos ? `position ${String(pos.start)}-${String(pos.end)}` : 'quote'}${exact !== undefined ? ` and quote ${JSON.stringify(exact.slice(0, 60))}` : ''} do not match ${textFile.name}.`,
        );
      }
      anchored = true;
      for (const label of labels) spans.push({ start: range.start, end: range.end, label, origin: { format: 'w3c', file, id: a.id as string } });
    }
    if (!anchored) noSelector++;
  }
  const warnings: string[] = [];
  if (noSelector > 0) warnings.push(`${file}: ${noSelector} annotation${noSelector === 1 ? ' has' : 's have'} no text selector (they point at a whole resource) and made no span.`);
  if (byQuote > 0) warnings.push(`${file}: ${byQuote} annotation${byQuote === 1 ? "'s position does" : "s' positions do"} not match the text; anchored by the quoted text instead.`);
  const deduped = dedupeSpans(spans);
  if (deduped.dropped > 0) warnings.push(`${file}: ${deduped.dropped} repeated span${deduped.dropped === 1 ? '' : 's'} kept once.`);
  return { ok: true, documents: [{ name: fileStem(textFile.name), text, line: 1, spans: deduped.spans, notices: decoded.notices }], warnings };
}
