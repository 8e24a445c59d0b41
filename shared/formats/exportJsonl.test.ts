import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../model/labels';
import type { DocumentMeta, Span } from '../model/schemas';
import { exportJsonl, type ExportDocument } from './exportJsonl';

const T = '2025-03-01T12:00:00.000Z';
const text = '👍🏽 Russia pledged 72 hours of calm, said 𝔘N.';

const span = (id: string, quote: string, label: string): Span => {
  const start = text.indexOf(quote);
  return { id, start, end: start + quote.length, label, quote, createdAt: T, updatedAt: T };
};

const meta: DocumentMeta = {
  schemaVersion: 1,
  id: 'doc-1',
  title: 'Ceasefire',
  outlet: 'Wire',
  date: '2025-02-28',
  source: 'ceasefire.txt',
  textSha256: 'a'.repeat(64),
  length: text.length,
  importedAt: T,
  importNotices: [],
};

const doc: ExportDocument = {
  meta,
  text,
  status: 'done',
  annotator: 'ana',
  // deliberately unsorted, and one stale stored quote: the export quotes the text itself
  spans: [span('n', '72', 'number'), { ...span('a', 'Russia', 'actor'), quote: 'stale' }, span('u', '𝔘N', 'actor'), span('c', 'Russia pledged 72 hours of calm', 'claim')],
};

const opts = { labels: DEFAULT_LABELS, factmarkVersion: '0.1.0', createdAt: T };

/** What Python gives: index by code points. */
const codePointIndex = (utf16: number) => [...text.slice(0, utf16)].length;

describe('exportJsonl', () => {
  it('writes one line per document with code point offsets by default', () => {
    const { content, sidecar } = exportJsonl([doc, { ...doc, meta: { ...meta, id: 'doc-2' }, spans: [] }], { ...opts, unit: 'codepoint' });
    expect(content.endsWith('\n')).toBe(true);
    const lines = content.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const [first] = lines;
    expect(Object.keys(first)).toEqual(['id', 'text', 'spans', 'meta']);
    expect(first.id).toBe('doc-1');
    expect(first.text).toBe(text);
    expect(first.meta).toEqual({ title: 'Ceasefire', outlet: 'Wire', date: '2025-02-28', status: 'done', annotator: 'ana', source: 'ceasefire.txt', offset_unit: 'codepoint' });
    // 👍🏽 is 2 code points (4 UTF-16 units) + a space: "Russia" starts at code point 3, not 5.
    expect(first.spans).toEqual([
      { start: 3, end: 34, label: 'claim', text: 'Russia pledged 72 hours of calm' },
      { start: 3, end: 9, label: 'actor', text: 'Russia' },
      { start: 18, end: 20, label: 'number', text: '72' },
      { start: 41, end: 43, label: 'actor', text: '𝔘N' },
    ]);
    const codePoints = [...text];
    for (const s of first.spans) {
      expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
      const original = doc.spans.find((d) => d.label === s.label && text.slice(d.start, d.end) === s.text) as Span;
      expect([s.start, s.end]).toEqual([codePointIndex(original.start), codePointIndex(original.end)]);
    }
    expect(sidecar).toEqual({
      format: 'factmark-jsonl',
      formatVersion: 1,
      offsetUnit: 'codepoint',
      offsetEnd: 'exclusive',
      labels: [
        { id: 'claim', name: 'Claim' },
        { id: 'actor', name: 'Actor' },
        { id: 'number', name: 'Number' },
      ],
      documents: 2,
      spans: 4,
      createdAt: T,
      factmarkVersion: '0.1.0',
    });
  });

  it('writes UTF-16 offsets when asked, and says so', () => {
    const { content, sidecar } = exportJsonl([doc], { ...opts, unit: 'utf16' });
    const line = JSON.parse(content);
    expect(line.meta.offset_unit).toBe('utf16');
    expect(sidecar.offsetUnit).toBe('utf16');
    for (const s of line.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(line.spans[1]).toEqual({ start: 5, end: 11, label: 'actor', text: 'Russia' });
  });

  it('writes nothing for no documents', () => {
    expect(exportJsonl([], { ...opts, unit: 'codepoint' }).content).toBe('');
  });
});
