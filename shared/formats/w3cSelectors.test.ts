import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupImportFiles, parseAnnotationGroup } from './importGroups';
import { parseW3c } from './importW3c';
import { SelectorResolver } from './w3cSelectors';

/**
 * Issue 14 item 2: `refinedBy` (Web Annotation Data Model §4.2.9) applies the refining selector to
 * what the outer one selected. The spec's examples are in test-fixtures/external (w3c/web-annotation
 * admin/annotation/2016/examples/json): anno41.json is the spec's Example 44 ("Complete Example":
 * a FragmentSelector `xpointer(...)` refined by a TextPositionSelector 6-27), anno32.json the
 * "Refinement of Selection" example (FragmentSelector `para5` refined by a TextQuoteSelector).
 */
const EXAMPLES = join(__dirname, '../../test-fixtures/external/w3c-web-annotation/web-annotation/admin/annotation/2016/examples/json');
const bytes = (s: string) => new TextEncoder().encode(s);
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const TEXT = 'Intro: Homs is quiet.\nAleppo fell on 30 November; Homs is next.\nThe end.\n';
const annotation = (selector: unknown, label = 'GPE') => ({
  '@context': CONTEXT,
  id: 'urn:uuid:a1',
  type: 'Annotation',
  body: { type: 'TextualBody', purpose: 'tagging', value: label },
  target: { source: 'http://example.org/doc.txt', selector },
});
const spansOf = (selector: unknown, text = TEXT) => {
  const r = parseW3c('a.json', JSON.stringify(annotation(selector)), { name: 'a.txt', bytes: bytes(text) });
  if (!r.ok) throw new Error(r.error.reason);
  return { quotes: r.documents[0]!.spans.map((s) => text.slice(s.start, s.end)), warnings: r.warnings };
};
/** RFC 5147: the second line is characters 22..63 (line 1 starts after "…quiet.\n"). */
const SECOND_LINE = { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc5147', value: 'char=22,63' };

describe('W3C refinedBy: the refinement applies inside what the outer selector selected', () => {
  it("the spec's Example 44 (an XPointer fragment refined by positions 6-27) is refused with the reason, not tagged at 6-27 of the whole text", () => {
    const source = readFileSync(join(EXAMPLES, 'anno41.json'), 'utf8');
    const text = 'A plain text long enough that characters 6 to 27 exist in it.\n';
    const r = parseW3c('anno41.json', source, { name: 'anno41.txt', bytes: bytes(text) });
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.documents[0]!.spans).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(
      /1 annotation not imported, its selectors cannot be resolved in the plain text: annotation 1 \(http:\/\/example\.org\/anno41\): a FragmentSelector "xpointer\(\/doc\/body\/section\[2\]\/para\[1\]\)": only RFC 5147 text fragments .* so its refinement \(a TextPositionSelector 6-27\) has no segment to apply to/,
    );
  });

  it('the "Refinement of Selection" example (an HTML id fragment refined by a quote) is refused even though the quote is in the text', () => {
    const source = readFileSync(join(EXAMPLES, 'anno32.json'), 'utf8');
    const text = 'Here is text before the Selected Text and text after it.\n';
    const r = parseW3c('anno32.json', source, { name: 'anno32.txt', bytes: bytes(text) });
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.documents[0]!.spans).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/a FragmentSelector "para5".*refinement \(a TextQuoteSelector "Selected Text"\)/);
  });

  it('an RFC 5147 char= fragment refined by positions counts from the fragment\'s start', () => {
    expect(spansOf({ ...SECOND_LINE, refinedBy: { type: 'TextPositionSelector', start: 0, end: 6 } }).quotes).toEqual(['Aleppo']);
    // Unrefined, the fragment is the whole line.
    expect(spansOf(SECOND_LINE).quotes).toEqual(['Aleppo fell on 30 November; Homs is next.']);
  });

  it('a quote refined by a quote picks the occurrence inside the outer one ("Homs" is also on the first line)', () => {
    const sel = { type: 'TextQuoteSelector', exact: '30 November; Homs is', refinedBy: { type: 'TextQuoteSelector', exact: 'Homs' } };
    const r = new SelectorResolver(TEXT).resolve(sel);
    expect(r.ok && [r.range.start, TEXT.slice(r.range.start, r.range.end)]).toEqual([TEXT.indexOf('Homs', 30), 'Homs']);
  });

  it('refinements chain: fragment > quote > positions', () => {
    const sel = { ...SECOND_LINE, refinedBy: { type: 'TextQuoteSelector', exact: '30 November', refinedBy: { type: 'TextPositionSelector', start: 3, end: 11 } } };
    expect(spansOf(sel).quotes).toEqual(['November']);
  });

  it('a refinement outside its segment refuses the annotation (it would otherwise spill over)', () => {
    const { quotes, warnings } = spansOf({ ...SECOND_LINE, refinedBy: { type: 'TextPositionSelector', start: 30, end: 60 } });
    expect(quotes).toEqual([]);
    expect(warnings.join(' ')).toMatch(/refined by a TextPositionSelector 30-60, outside the 41 characters it refines/);
  });

  it('char= counts code points (an emoji before the span), line= counts lines from 0, ;length= is checked', () => {
    const text = '😀 Aleppo\nHoms\n';
    expect(spansOf({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc5147', value: 'char=2,8' }, text).quotes).toEqual(['Aleppo']);
    expect(spansOf({ type: 'FragmentSelector', value: 'line=1,2' }, text).quotes).toEqual(['Homs\n']);
    const wrongLength = spansOf({ type: 'FragmentSelector', value: 'char=2,8;length=99' }, text);
    expect(wrongLength.quotes).toEqual([]);
    expect(wrongLength.warnings.join(' ')).toMatch(/made for a text of 99 characters, this one has 14/);
  });

  it('a RangeSelector runs from the start of its start selector to the start of its end selector', () => {
    const sel = { type: 'RangeSelector', startSelector: { type: 'TextQuoteSelector', exact: 'Aleppo' }, endSelector: { type: 'TextQuoteSelector', exact: '; Homs' } };
    expect(spansOf(sel).quotes).toEqual(['Aleppo fell on 30 November']);
  });
});

describe('W3C annotation files anchor to the texts their targets name', () => {
  const anno = (id: string, source: string, exact: string) => ({
    '@context': CONTEXT,
    id,
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'tagging', value: 'actor' },
    target: { source, selector: [{ type: 'TextQuoteSelector', exact }] },
  });
  const page = (items: unknown[]) =>
    JSON.stringify({ '@context': CONTEXT, id: 'urn:x:export', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items }, total: items.length });
  const f = (name: string, s: string) => ({ name, bytes: bytes(s) });

  it('a collection over several documents (urn:…:document:<id>) goes with <id>.txt of each; annotations of a missing text are counted', () => {
    const json = page([anno('urn:a1', 'urn:factmark:project:P:document:doc-a', 'Aleppo'), anno('urn:b1', 'urn:factmark:project:P:document:doc-b', 'Homs'), anno('urn:c1', 'urn:factmark:project:P:document:doc-c', 'Hama')]);
    const groups = groupImportFiles([f('all.w3c.json', json), f('doc-a.txt', 'Aleppo fell.\n'), f('doc-b.txt', 'Homs is next.\n')]);
    expect(groups.map((g) => [g.kind, g.label])).toEqual([['w3c', 'doc-a.txt + doc-b.txt + all.w3c.json']]);
    const r = parseAnnotationGroup(groups[0]!);
    if (!r.ok) throw new Error(r.error.reason);
    expect(r.documents.map((d) => [d.name, d.spans.map((s) => d.text.slice(s.start, s.end))])).toEqual([
      ['doc-a', ['Aleppo']],
      ['doc-b', ['Homs']],
    ]);
    expect(r.warnings.join(' ')).toMatch(/1 annotation points at a document whose text was not imported with it \(doc-c\.txt\); not imported/);
  });
});
