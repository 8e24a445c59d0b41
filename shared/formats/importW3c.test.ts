import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseW3c } from './importW3c';

const ROOT = join(__dirname, '../../test-fixtures/external/w3c-web-annotation');
const INCORRECT = join(ROOT, 'web-annotation-tests/tools/samples/incorrect');
const EXAMPLES = join(ROOT, 'web-annotation/admin/annotation/2016/examples/json');
const RECOGITO = join(ROOT, 'recogito-text-annotator-js/packages/text-annotator/test/annotations.w3c.json');
const read = (p: string) => readFileSync(p, 'utf8');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseW3c on the W3C test suite and model examples', () => {
  const incorrect = readdirSync(INCORRECT).filter((f) => f.endsWith('.json')).sort();
  it.each(incorrect)('refuses the incorrect sample %s with a reason', (name) => {
    const r = parseW3c(name, read(join(INCORRECT, name)), null);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.file).toBe(name);
      expect(r.error.reason.length).toBeGreaterThan(10);
    }
  });

  const correct = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
  it.each(correct)('accepts the model example %s', (name) => {
    const r = parseW3c(name, read(join(EXAMPLES, name)), null);
    expect(r.ok ? 'ok' : r.error.reason).toBe('ok');
  });

  it('accepts real Recogito output and anchors it by TextQuoteSelector when the positions are for another rendering', () => {
    const source = read(RECOGITO);
    const text = 'Such men as had escaped death in battle or by shipwreck had got safely home.\n';
    const r = parseW3c('annotations.w3c.json', source, { name: 'odyssey.txt', bytes: bytes(text) });
    // The other annotations quote passages this short text does not contain: refused, naming the annotation.
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(/annotation 2 .*do not match odyssey\.txt/);
    const first = JSON.parse(source).slice(0, 1);
    const one = parseW3c('one.json', JSON.stringify(first), { name: 'odyssey.txt', bytes: bytes(text) });
    expect(one.ok).toBe(true);
    if (one.ok) {
      const [span] = one.documents[0]!.spans;
      expect(text.slice(span!.start, span!.end)).toBe('death in battle or by shipwreck');
      expect(span!.label).toBe('annotation');
      expect(span!.origin).toEqual({ format: 'w3c', file: 'one.json', id: '9b6aa528-660a-4551-8265-66f45c61acab' });
      expect(one.warnings.join(' ')).toMatch(/anchored by the quoted text/);
    }
  });

  it('reads TextPositionSelector offsets as code points (an emoji before the span)', () => {
    const text = '😀 Aleppo fell on 30 November.';
    const anno = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:1',
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'Number' },
      target: { source: 'urn:doc', selector: { type: 'TextPositionSelector', start: 17, end: 28 } },
    };
    const r = parseW3c('a.json', JSON.stringify([anno]), { name: 'a.txt', bytes: bytes(text) });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const s = r.documents[0]!.spans[0]!;
      expect(text.slice(s.start, s.end)).toBe('30 November');
      expect(s.label).toBe('Number');
    }
  });
});
