import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBrat } from '../../shared/formats/importBrat';
import { parseDoccano } from '../../shared/formats/importDoccano';
import { parseJsonl } from '../../shared/formats/importJsonl';
import { parseLabelStudio } from '../../shared/formats/importLabelStudio';
import type { ParseResult } from '../../shared/formats/importTypes';
import { parseW3c } from '../../shared/formats/importW3c';
import { reanchorSpans, spanContext } from '../../shared/annotation/reanchor';
import { decodeTextFile } from '../../shared/text/decodeText';
import { fiftyMegabyteLine, fuzz, hostileBytes, hostileJsonText, hostileString, mutatedJson } from './fuzzKit';

/**
 * Every importer and the text decoder, fed hostile input: each case must end in a result or a
 * typed error with a message, never an exception (fast-check fails the property on a throw).
 */

const TEXT = 'Alice said 40 people came. 😀 Bob denied it.';
const SAMPLES = {
  jsonl: { id: 'a', text: TEXT, spans: [{ start: 0, end: 5, label: 'actor', text: 'Alice' }, { start: 11, end: 13, label: 'number' }], meta: { offset_unit: 'utf16' } },
  doccano: { id: 1, text: TEXT, label: [[0, 5, 'actor'], [11, 13, 'number']] },
  labelstudio: [
    {
      id: 1,
      data: { text: TEXT },
      annotations: [
        {
          id: 1,
          result: [
            { id: 'r1', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 5, text: 'Alice', labels: ['actor'] } },
            { id: 'r2', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 11, end: 13, text: '40', labels: ['number'] } },
          ],
        },
      ],
    },
  ],
  w3c: {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:a1',
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'tagging', value: 'actor' },
    target: { source: 'story.txt', selector: [{ type: 'TextPositionSelector', start: 0, end: 5 }, { type: 'TextQuoteSelector', exact: 'Alice' }] },
  },
};
const W3C_TEXT = { name: 'story.txt', bytes: new TextEncoder().encode(TEXT) };
const BRAT_ANN = 'T1\tactor 0 5\tAlice\nT2\tnumber 11 13\t40\n';

/** A result is well formed: documents with spans inside their text, or one error with a reason. */
function wellFormed(result: ParseResult): void {
  if (result.ok) {
    for (const doc of result.documents) {
      expect(typeof doc.text).toBe('string');
      for (const s of doc.spans) {
        expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
        expect(s.start >= 0 && s.start < s.end && s.end <= doc.text.length).toBe(true);
      }
    }
  } else {
    expect(typeof result.error.reason).toBe('string');
    expect(result.error.reason.length).toBeGreaterThan(0);
  }
}

const jsonParsers: [string, (source: string) => ParseResult, unknown, (v: unknown) => string][] = [
  ['importJsonl (parseJsonl)', (s) => parseJsonl('in.jsonl', s), SAMPLES.jsonl, (v) => JSON.stringify(v)],
  ['importDoccano (parseDoccano)', (s) => parseDoccano('in.jsonl', s), SAMPLES.doccano, (v) => JSON.stringify(v)],
  ['importLabelStudio (parseLabelStudio)', (s) => parseLabelStudio('in.json', s), SAMPLES.labelstudio, (v) => JSON.stringify(v)],
  ['importW3c (parseW3c)', (s) => parseW3c('in.json', s, W3C_TEXT), SAMPLES.w3c, (v) => JSON.stringify(v)],
];

describe('fuzz: importers', () => {
  it.each(jsonParsers)('%s parses its valid sample', (_name, parse, sample, show) => {
    const result = parse(show(sample));
    expect(result.ok ? result.documents[0]?.spans.length : result.error).toBeGreaterThan(0);
  });

  it.each(jsonParsers)('%s answers every hostile input with a result or a typed error', async (name, parse, sample) => {
    const lines = fc.array(hostileJsonText(sample).map((t) => t.replace(/\n/g, ' ')), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
    await fuzz(name, fc.property(fc.oneof(hostileJsonText(sample), lines), (source) => wellFormed(parse(source))));
  });

  it('parseBrat answers hostile .txt bytes and .ann files with a result or a typed error', async () => {
    const annLine = fc.oneof(
      fc.constantFrom('T1\tactor 0 5\tAlice', 'T2\tnumber 5 0\t', 'T3\tactor 0 5;7 9\tAl', 'A1\tNeg T1', '#1\tNote T1\tx', 'R1\tRel Arg1:T1 Arg2:T9', 'T4\tactor 99999999999999999999 3\tx'),
      fc.tuple(fc.constantFrom('T', 'E', 'A', 'R', '#', 'N', '*', 'X'), fc.nat(9), hostileString, fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }), hostileString).map(
        ([k, n, label, a, b, quote]) => `${k}${n}\t${label} ${a} ${b}\t${quote}`,
      ),
      hostileString,
    );
    const ann = fc.oneof(
      fc.array(annLine, { maxLength: 8 }).map((ls) => new TextEncoder().encode(ls.join('\n'))),
      hostileBytes,
      fc.nat({ max: BRAT_ANN.length }).map((n) => new TextEncoder().encode(BRAT_ANN.slice(0, n))),
    );
    const txt = fc.oneof(fc.constant(new TextEncoder().encode(TEXT)), hostileBytes);
    expect(parseBrat('story.txt', new TextEncoder().encode(TEXT), 'story.ann', new TextEncoder().encode(BRAT_ANN)).ok).toBe(true);
    await fuzz('importBrat (parseBrat)', fc.property(txt, ann, (t, a) => wellFormed(parseBrat('story.txt', t, 'story.ann', a))));
  });

  it('decodeTextFile answers random bytes with text or a refusal', async () => {
    await fuzz(
      'decodeTextFile',
      fc.property(hostileBytes, (bytes) => {
        const result = decodeTextFile(bytes, 'in.txt');
        if (result.ok) {
          expect(result.text.includes('\r')).toBe(false);
          expect(result.text.startsWith('\uFEFF')).toBe(false);
        } else expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('reanchorSpans: any edit of any text ends in exact moves or orphans, never a wrong quote or an out-of-range suggestion', async () => {
    const unit = fc.constantFrom('a', 'b', ' ', '40', '😀', '\n', '\uD800', 'é');
    const textArb = fc.array(unit, { minLength: 1, maxLength: 200 }).map((u) => u.join(''));
    await fuzz(
      'reanchorSpans (text drift)',
      fc.property(textArb, fc.array(fc.tuple(fc.nat(), fc.nat(30)), { minLength: 1, maxLength: 5 }), textArb, fc.nat(), fc.nat(50), (text, raw, insert, at, cut) => {
        const spans = raw.map(([a, len], i) => {
          const start = a % text.length;
          const end = Math.min(text.length, start + len + 1);
          return { id: `s${i}`, start, end, label: 'x', quote: text.slice(start, end), ...spanContext(text, start, end) };
        });
        const p = at % (text.length + 1);
        const edited = text.slice(0, p) + insert + text.slice(Math.min(text.length, p + cut));
        const out = reanchorSpans(edited, spans);
        expect(out).toHaveLength(spans.length);
        out.forEach((o, i) => {
          if (o.kind === 'moved') expect(edited.slice(o.start, o.end)).toBe(spans[i]!.quote);
          else if (o.suggestion) {
            expect(o.suggestion.start).toBeGreaterThanOrEqual(0);
            expect(o.suggestion.end).toBeLessThanOrEqual(edited.length);
            expect(o.suggestion.end).toBeGreaterThan(o.suggestion.start);
            expect(edited.slice(o.suggestion.start, o.suggestion.end)).toBe(o.suggestion.text);
          }
        });
      }),
    );
  });

  it('mutations really break the samples (the fuzzer is not feeding only valid input)', () => {
    const outcomes = fc.sample(mutatedJson(SAMPLES.jsonl), 200).map((v) => parseJsonl('in.jsonl', JSON.stringify(v) ?? '').ok);
    expect(outcomes.filter((ok) => !ok).length).toBeGreaterThan(20);
  });

  it('survives one 50 MB single-line input in every reader', () => {
    const line = fiftyMegabyteLine();
    for (const [, parse] of jsonParsers) wellFormed(parse(line));
    wellFormed(parseBrat('big.txt', Buffer.from(line), 'big.ann', Buffer.from(line)));
    const decoded = decodeTextFile(Buffer.from(line), 'big.txt');
    expect(decoded.ok).toBe(true);
    console.log('fuzz: 50 MB single line: 1 case per reader (6 readers), 0 failures');
  });
});
