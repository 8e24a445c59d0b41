import { offsetMapper, uriPart, type ExportRecord, type ExportSettings } from './exportRecord';

/**
 * W3C Web Annotation (JSON-LD): one Annotation per span, its target the document with a
 * TextQuoteSelector (exact + prefix + suffix, so it can be re-anchored if offsets drift) and a
 * TextPositionSelector (code points, as the model defines positions), its body the label as a
 * tagging TextualBody. The file is one AnnotationCollection whose first page lists every
 * annotation, streamed as: header, one item per span, footer with the total.
 */
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Characters of context on each side of the quote. */
export const QUOTE_CONTEXT = 32;

export interface W3cAnnotation {
  '@context': string;
  id: string;
  type: 'Annotation';
  motivation: 'tagging';
  creator: { id: string; type: 'Person'; name: string; nickname: string };
  created: string;
  modified: string;
  generator: { id: string; type: 'Software'; name: string; nickname: string };
  /** The label as a tagging body; with attributes, one more `describing` body per attribute ("id: value"). */
  body: W3cBody | W3cBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

/** Step back / forward `n` code points without splitting a surrogate pair. */
function back(text: string, from: number, n: number): number {
  let i = from;
  for (let k = 0; k < n && i > 0; k++) {
    i--;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) i--;
  }
  return i;
}
function forward(text: string, from: number, n: number): number {
  let i = from;
  for (let k = 0; k < n && i < text.length; k++) {
    const c = text.charCodeAt(i);
    i++;
    if (c >= 0xd800 && c <= 0xdbff && i < text.length && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff) i++;
  }
  return i;
}

export const projectUri = (settings: ExportSettings) => `urn:factmark:project:${uriPart(settings.projectName)}`;
export const documentUri = (settings: ExportSettings, docId: string) => `${projectUri(settings)}:document:${uriPart(docId)}`;

export interface W3cBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'describing';
  value: string;
  format: 'text/plain';
}

const attributeText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

function w3cBody(label: string, attributes: Record<string, unknown> | undefined): W3cBody | W3cBody[] {
  const tag: W3cBody = { type: 'TextualBody', purpose: 'tagging', value: label, format: 'text/plain' };
  const entries = Object.entries(attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return tag;
  return [tag, ...entries.map(([k, v]): W3cBody => ({ type: 'TextualBody', purpose: 'describing', value: `${k}: ${attributeText(v)}`, format: 'text/plain' }))];
}

export function w3cAnnotations(record: ExportRecord, settings: ExportSettings): W3cAnnotation[] {
  const toCp = offsetMapper(record.text, 'codepoint');
  const source = documentUri(settings, record.meta.id);
  return record.spans.map((span) => ({
    '@context': CONTEXT,
    id: `${source}:annotator:${uriPart(record.annotator)}:span:${uriPart(span.id)}`,
    type: 'Annotation',
    motivation: 'tagging',
    creator: { id: `urn:factmark:annotator:${uriPart(record.annotator)}`, type: 'Person', name: record.annotator, nickname: record.annotator },
    created: span.createdAt,
    modified: span.updatedAt,
    generator: { id: 'urn:factmark:software:factmark', type: 'Software', name: `Factmark ${settings.factmarkVersion}`, nickname: 'factmark' },
    body: w3cBody(span.label, span.attributes),
    target: {
      source,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: record.text.slice(span.start, span.end),
          prefix: record.text.slice(back(record.text, span.start, QUOTE_CONTEXT), span.start),
          suffix: record.text.slice(span.end, forward(record.text, span.end, QUOTE_CONTEXT)),
        },
        { type: 'TextPositionSelector', start: toCp(span.start), end: toCp(span.end) },
      ],
    },
  }));
}

/** The collection's IRI: one per file written (a split's file is a collection of its own). */
export const collectionUri = (settings: ExportSettings, part: string | null = null) =>
  `${projectUri(settings)}:export:${uriPart(settings.createdAt)}${part ? `:${uriPart(part)}` : ''}`;

/**
 * The collection's opening, up to the first item. The collection and its one page each have an
 * `id` (the W3C test suite's 5.1-collectionIdValidated and 5.2-pageIdValidated), and the page
 * says which collection it is part of.
 */
export function w3cHeader(settings: ExportSettings, label: string, part: string | null = null): string {
  const id = collectionUri(settings, part);
  const head = {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    created: settings.createdAt,
  };
  const json = JSON.stringify(head);
  const page = JSON.stringify({ id: `${id}:page:1`, type: 'AnnotationPage', partOf: id, startIndex: 0 });
  return `${json.slice(0, -1)},"first":${page.slice(0, -1)},"items":[\n`;
}

/** Items of one record, each preceded by a comma unless it is the file's first item. */
export function w3cItems(annotations: readonly W3cAnnotation[], itemsBefore: number): string {
  return annotations.map((a, i) => `${itemsBefore + i > 0 ? ',\n' : ''}${JSON.stringify(a)}`).join('');
}

export function w3cFooter(total: number): string {
  return `\n]},"total":${total}}\n`;
}
