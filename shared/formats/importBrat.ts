import { decodeTextFile } from '../text/decodeText';
import { dedupeSpans, fileStem, parseFailure, SpanResolver, type ImportedSpan, type ParseResult } from './importTypes';

/**
 * brat standoff: a `.txt` and its `.ann`. Offsets are Unicode code points into the text as Python
 * reads it (universal newlines: CRLF counts as one character), which is exactly our stored text
 * (decoded, CRLF turned into LF) counted in code points.
 *
 * Only text-bound annotations (`T` lines) are spans. A discontinuous one (`T2 Type 5 7;9 10`)
 * becomes one span per fragment, each keeping the T id as its origin, with a warning. Events,
 * relations, attributes, normalisations and notes (E R A M N # *) are not spans: they are counted
 * in a warning, never dropped silently.
 */
const T_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/;
const OTHER_KINDS: Record<string, string> = {
  E: 'event',
  R: 'relation',
  A: 'attribute',
  M: 'attribute',
  N: 'normalisation',
  '#': 'note',
  '*': 'equivalence',
};

export function parseBrat(txtName: string, txtBytes: Uint8Array, annName: string, annBytes: Uint8Array): ParseResult {
  const decoded = decodeTextFile(txtBytes, txtName);
  if (!decoded.ok) return parseFailure(txtName, null, decoded.message);
  const text = decoded.text;
  let ann: string;
  try {
    ann = new TextDecoder('utf-8', { fatal: true }).decode(annBytes);
  } catch {
    return parseFailure(annName, null, 'not UTF-8 text; brat writes .ann files in UTF-8.');
  }
  const resolver = new SpanResolver(text);
  const spans: ImportedSpan[] = [];
  const others = new Map<string, number>();
  let discontinuous = 0;
  const lines = ann.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    const kind = raw[0] as string;
    if (kind === 'T') {
      const m = T_LINE.exec(raw);
      if (!m) {
        return parseFailure(annName, lineNo, 'a T line must read "T<n><TAB><type> <start> <end>[;<start> <end>...]<TAB><text>".');
      }
      const [, id, type, ranges, quote] = m as unknown as [string, string, string, string, string];
      const fragments = ranges.split(';').map((r) => r.split(' ').map(Number) as [number, number]);
      const pieces: string[] = [];
      const made: ImportedSpan[] = [];
      for (const [start, end] of fragments) {
        if (end < start) return parseFailure(annName, lineNo, `${id}: the fragment ${start}-${end} ends before it starts.`);
        if (end === start) continue; // brat allows empty fragments; they cover nothing
        const r = resolver.resolve(start, end, 'codepoint');
        if (!r.ok) return parseFailure(annName, lineNo, `${id}: ${r.reason} of ${txtName}.`);
        pieces.push(text.slice(r.start, r.end));
        made.push({ start: r.start, end: r.end, label: type, origin: { format: 'brat', file: annName, id } });
      }
      if (made.length === 0) return parseFailure(annName, lineNo, `${id} covers no text.`);
      // brat writes the fragments' texts joined by one space.
      if (pieces.join(' ') !== quote) {
        return parseFailure(
          annName,
          lineNo,
          `${id}: the offsets cover ${JSON.stringify(pieces.join(' '))} in ${txtName}, but the line says ${JSON.stringify(quote)}; is this the right .txt?`,
        );
      }
      if (made.length > 1) discontinuous++;
      spans.push(...made);
      continue;
    }
    const other = OTHER_KINDS[kind];
    if (other === undefined) {
      return parseFailure(annName, lineNo, `not a brat annotation line (it should start with T, E, R, A, M, N, # or *).`);
    }
    others.set(other, (others.get(other) ?? 0) + 1);
  }
  const warnings: string[] = [];
  if (discontinuous > 0) {
    warnings.push(
      `${annName}: ${discontinuous} discontinuous annotation${discontinuous === 1 ? ' was' : 's were'} split into one span per fragment (each keeps its T id as origin).`,
    );
  }
  if (others.size > 0) {
    const list = [...others].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ');
    warnings.push(`${annName}: ${list} not imported (Factmark imports text spans only).`);
  }
  const deduped = dedupeSpans(spans);
  if (deduped.dropped > 0) {
    warnings.push(`${annName}: ${deduped.dropped} span${deduped.dropped === 1 ? '' : 's'} repeating another (same range and type) kept once.`);
  }
  return {
    ok: true,
    documents: [{ name: fileStem(txtName), text, line: 1, spans: deduped.spans, notices: decoded.notices }],
    warnings,
  };
}
