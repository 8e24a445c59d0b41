import { decodeTextFile } from '../text/decodeText';
import { fileStem, isRecord, parseFailure, parseJsonText, ParseStop, dedupeSpans, type ImportedDocument, type ImportedSpan, type ParseResult } from './importTypes';
import { SelectorResolver, type SelectorOutcome } from './w3cSelectors';

/**
 * W3C Web Annotation (JSON-LD): one Annotation, a list of them, an AnnotationPage or an
 * AnnotationCollection. Every annotation is checked against the data model's MUSTs (context,
 * one id, type, target, body/bodyValue rules, dates, IRIs, selectors) and a file breaking one is
 * refused with the reason, as the W3C test suite's "incorrect" samples require.
 *
 * Annotations point at a resource, not at text we have: the text is a `.txt` file imported with
 * them, the one named like the last part of the target's `source` (Factmark's export:
 * `urn:…:document:<id>` -> `<id>.txt`), or else the one with the annotation file's own name.
 * Selectors are resolved by w3cSelectors (positions, quotes, RFC 5147 fragments, ranges, and
 * refinements inside them); a TextQuoteSelector is the fallback when positions do not match. An
 * annotation whose selectors cannot be resolved in plain text (an XPointer fragment refined by
 * positions, a CSS selector...) is not imported, with the reason. The label is the body's tag (a
 * TextualBody with purpose tagging or classifying), else its one short TextualBody value, else
 * "annotation"; `describing` bodies of the form `id: value` (Factmark's export) are attributes.
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

/** An attribute written as a describing body by Factmark's export: "status: disputed". */
const ATTRIBUTE_BODY = /^([a-z][a-z0-9_]{0,39}): ([\s\S]*)$/;

/** The labels of an annotation, its attributes, and how many of its text bodies were neither. */
function bodiesOf(a: Record<string, unknown>): { labels: string[]; attributes: Record<string, string>; unread: number } {
  const bodies = list(a.body).filter(isRecord);
  const textual = bodies.filter((b) => typeof b.value === 'string' && (b.value as string).trim() !== '');
  const isTag = (b: Record<string, unknown>) => ['tagging', 'classifying'].some((p) => types(b.purpose).includes(p));
  const attributes: Record<string, string> = {};
  const used = new Set<Record<string, unknown>>();
  for (const b of textual) {
    const m = types(b.purpose).includes('describing') ? ATTRIBUTE_BODY.exec((b.value as string).trim()) : null;
    if (m) {
      attributes[m[1] as string] = m[2] as string;
      used.add(b);
    }
  }
  const tagBodies = textual.filter(isTag);
  let labels: string[];
  if (tagBodies.length > 0) {
    labels = [...new Set(tagBodies.map((b) => (b.value as string).trim()))];
    tagBodies.forEach((b) => used.add(b));
  } else {
    const short = textual.filter((b) => !used.has(b) && (b.value as string).trim().length <= 40);
    if (short.length === 1 && short[0]) {
      labels = [(short[0].value as string).trim()];
      used.add(short[0]);
    } else if (typeof a.bodyValue === 'string' && a.bodyValue.trim().length > 0 && a.bodyValue.trim().length <= 40) {
      labels = [a.bodyValue.trim()];
    } else labels = ['annotation'];
  }
  const unread = textual.filter((b) => !used.has(b)).length + (typeof a.bodyValue === 'string' && labels[0] !== a.bodyValue.trim() ? 1 : 0);
  return { labels, attributes, unread };
}

/** The `source` of each target of an annotation (IRIs only). */
function targetSources(a: unknown): string[] {
  if (!isRecord(a)) return [];
  return list(a.target).flatMap((t) => (typeof t === 'string' ? [t] : isRecord(t) && typeof t.source === 'string' ? [t.source] : isRecord(t) && isRecord(t.source) && typeof t.source.id === 'string' ? [t.source.id] : []));
}

/** Every target source of a parsed W3C file (for pairing it with texts), or [] when it is not one. */
export function w3cTargetSources(value: unknown): string[] {
  const annotations = annotationsOf(value);
  return typeof annotations === 'string' ? [] : [...new Set(annotations.flatMap(targetSources))];
}

/** The name a text file would have for a source IRI: its last segment ("urn:…:document:a-1" -> "a-1"). */
export function sourceStem(source: string): string {
  const last = source.replace(/[#?].*$/, '').replace(/[/:]+$/, '').split(/[/:]/).pop() ?? '';
  try {
    return fileStem(decodeURIComponent(last));
  } catch {
    return fileStem(last);
  }
}

export interface W3cText {
  name: string;
  bytes: Uint8Array;
}

export function parseW3c(file: string, source: string, textFiles: W3cText | readonly W3cText[] | null): ParseResult {
  const parsed = parseJsonText(source.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parseFailure(file, parsed.line, parsed.reason);
  const annotations = annotationsOf(parsed.value);
  const container = parsed.value;
  const inheritsContext =
    isRecord(container) && !types(container.type).includes('Annotation') && (container['@context'] === CONTEXT || (Array.isArray(container['@context']) && container['@context'].includes(CONTEXT)));
  if (typeof annotations === 'string') return parseFailure(file, null, annotations);
  if (annotations.length === 0) {
    // An empty collection (an export of documents without spans) is not an error: there is nothing to anchor.
    return { ok: true, documents: [], warnings: [`${file}: the file holds no annotations.`] };
  }
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
  const texts = textFiles === null ? [] : Array.isArray(textFiles) ? (textFiles as readonly W3cText[]) : [textFiles as W3cText];
  if (texts.length === 0) {
    return { ok: true, documents: [], warnings: [`${file}: ${checked.length} valid annotation${checked.length === 1 ? '' : 's'}, but no text to anchor them to.`] };
  }
  // Which text each target source is: the one named like the source, else (one text) the only one.
  const byStem = new Map(texts.map((t) => [fileStem(t.name), t]));
  const textFor = (src: string | undefined): W3cText | undefined => {
    const named = src === undefined ? undefined : byStem.get(sourceStem(src));
    return named ?? (texts.length === 1 ? texts[0] : undefined);
  };
  const anchors = new Map<W3cText, { text: string; resolver: SelectorResolver; spans: ImportedSpan[]; notices: string[] }>();
  for (const t of texts) {
    const decoded = decodeTextFile(t.bytes, t.name);
    if (!decoded.ok) return parseFailure(t.name, null, decoded.message);
    anchors.set(t, { text: decoded.text, resolver: new SelectorResolver(decoded.text), spans: [], notices: decoded.notices });
  }
  let noSelector = 0;
  let byQuote = 0;
  let switched = 0;
  let unreadBodies = 0;
  const refused: string[] = [];
  const orphanSources = new Map<string, number>();
  for (const [i, a] of checked.entries()) {
    const where = `annotation ${i + 1} (${a.id as string})`;
    const { labels, attributes, unread } = bodiesOf(a);
    unreadBodies += unread;
    let anchored = false;
    let refusal: string | null = null;
    for (const target of list(a.target)) {
      const src = targetSources({ target })[0];
      const selectors = isRecord(target) ? list(target.selector) : [];
      if (selectors.length === 0) continue;
      const home = textFor(src);
      if (!home) {
        orphanSources.set(src ?? '(no source)', (orphanSources.get(src ?? '(no source)') ?? 0) + 1);
        refusal = '';
        continue;
      }
      const anchor = anchors.get(home)!;
      // Selectors of one target are alternatives: positions checked against a quote, the quote as fallback.
      const quote = selectors.find((sel) => isRecord(sel) && types(sel.type).includes('TextQuoteSelector') && sel.refinedBy === undefined) as Record<string, unknown> | undefined;
      const exact = quote && typeof quote.exact === 'string' ? quote.exact : undefined;
      const outcomes = selectors.map((sel) => ({ sel, out: anchor.resolver.resolve(sel, anchor.resolver.whole, exact) }));
      const good = outcomes.filter((o): o is { sel: unknown; out: Extract<SelectorOutcome, { ok: true }> } => o.out.ok);
      const position = good.find((o) => o.out.kind !== 'quote');
      const byText = good.find((o) => o.out.kind === 'quote');
      const fits = (o: (typeof good)[number]) => exact === undefined || o.out.kind === 'range' || anchor.text.slice(o.out.range.start, o.out.range.end) === exact || (isRecord(o.sel) && o.sel.refinedBy !== undefined);
      const chosen = position && fits(position) ? position : (byText ?? good[0]);
      if (!chosen) {
        const plainText = (sel: unknown) => isRecord(sel) && sel.refinedBy === undefined && ['TextPositionSelector', 'TextQuoteSelector'].some((t) => types(sel.type).includes(t));
        const top = outcomes.find((o) => !o.out.ok && o.out.problem === 'mismatch' && plainText(o.sel));
        if (top) {
          // A plain position or quote that is not in the text: most likely the wrong .txt.
          const pos = selectors.find((sel) => isRecord(sel) && types(sel.type).includes('TextPositionSelector')) as Record<string, unknown> | undefined;
          return parseFailure(
            file,
            lineOf(a),
            `${where}: its ${pos ? `position ${String(pos.start)}-${String(pos.end)}` : 'quote'}${exact !== undefined ? ` and quote ${JSON.stringify(exact.slice(0, 60))}` : ''} do not match ${home.name}.`,
          );
        }
        const reasons = outcomes.map((o) => (o.out.ok ? '' : o.out.reason)).filter((r) => r !== '');
        refusal = `${where}: ${reasons.join('; or ')}`;
        continue;
      }
      const hadPosition = selectors.some((sel) => isRecord(sel) && types(sel.type).includes('TextPositionSelector') && sel.refinedBy === undefined);
      if (hadPosition && chosen.out.kind === 'quote') byQuote++;
      if (chosen.out.switched) switched++;
      anchored = true;
      for (const label of labels) {
        anchor.spans.push({
          start: chosen.out.range.start,
          end: chosen.out.range.end,
          label,
          origin: { format: 'w3c', file, id: a.id as string },
          ...(Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
        });
      }
    }
    if (anchored) continue;
    if (refusal === null) noSelector++;
    else if (refusal !== '') refused.push(refusal);
  }
  const warnings: string[] = [];
  if (noSelector > 0) warnings.push(`${file}: ${noSelector} annotation${noSelector === 1 ? ' has' : 's have'} no text selector (they point at a whole resource) and made no span.`);
  if (refused.length > 0) {
    warnings.push(
      `${file}: ${refused.length} annotation${refused.length === 1 ? '' : 's'} not imported, ${refused.length === 1 ? 'its' : 'their'} selectors cannot be resolved in the plain text: ${refused.slice(0, 3).join(' | ')}${refused.length > 3 ? ` | … (${refused.length - 3} more)` : ''}.`,
    );
  }
  if (orphanSources.size > 0) {
    const n = [...orphanSources.values()].reduce((x, y) => x + y, 0);
    const names = [...orphanSources.keys()].map((src) => `${sourceStem(src)}.txt`);
    warnings.push(
      `${file}: ${n} annotation${n === 1 ? ' points' : 's point'} at ${orphanSources.size === 1 ? 'a document' : 'documents'} whose text was not imported with it (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); not imported. Import those texts together with ${file}.`,
    );
  }
  if (byQuote > 0) warnings.push(`${file}: ${byQuote} annotation${byQuote === 1 ? "'s position does" : "s' positions do"} not match the text; anchored by the quoted text instead.`);
  if (switched > 0) warnings.push(`${file}: ${switched} annotation${switched === 1 ? '' : 's'} matched ${switched === 1 ? 'its' : 'their'} quoted text only when ${switched === 1 ? 'its position was' : 'their positions were'} read as UTF-16 code units, and ${switched === 1 ? 'was' : 'were'} read that way.`);
  if (unreadBodies > 0) warnings.push(`${file}: ${unreadBodies} text bod${unreadBodies === 1 ? 'y' : 'ies'} (comments, descriptions) that ${unreadBodies === 1 ? 'is' : 'are'} neither a label nor an attribute not imported.`);
  const documents: ImportedDocument[] = [];
  let repeated = 0;
  for (const [t, anchor] of anchors) {
    const deduped = dedupeSpans(anchor.spans);
    repeated += deduped.dropped;
    documents.push({ name: fileStem(t.name), text: anchor.text, line: 1, spans: deduped.spans, notices: anchor.notices });
  }
  if (repeated > 0) warnings.push(`${file}: ${repeated} repeated span${repeated === 1 ? '' : 's'} kept once.`);
  return { ok: true, documents, warnings };
}
