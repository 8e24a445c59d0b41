import { decodeTextFile } from '../text/decodeText';
import { dedupeSpans, fileStem, parseFailure, SpanResolver, type ImportedRelation, type ImportedSpan, type ParseResult } from './importTypes';

/**
 * brat standoff: a `.txt` and its `.ann`. Offsets are Unicode code points into the text as Python
 * reads it (universal newlines: CRLF counts as one character), which is exactly our stored text
 * (decoded, CRLF turned into LF) counted in code points.
 *
 * `T` lines are spans. A discontinuous one (`T2 Type 5 7;9 10`) is one annotation in brat. When
 * only whitespace separates its fragments (brat splits an annotation at each line break it
 * crosses, and so does Factmark's brat export), it is one span from the first fragment's start to
 * the last one's end; otherwise it becomes one span per fragment (Factmark has no discontinuous
 * spans), each keeping the T id as its origin, with a warning. `A`/`M` lines are attributes of
 * their span (a binary one is `true`; a valued one keeps its value), `R` lines relations between
 * two spans (Arg1 -> Arg2). Events, normalisations, notes and equivalences (E N # *) are not
 * spans: they are counted in a warning, never dropped silently.
 */
const T_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/;
const A_LINE = /^([AM]\d+)\t(\S+) (\S+)(?: (\S+))?\s*$/;
const R_LINE = /^(R\d+)\t(\S+) \S+?:(\S+) \S+?:(\S+)\s*$/;
const OTHER_KINDS: Record<string, string> = {
  E: 'event',
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
  const relations: ImportedRelation[] = [];
  const attributes: { target: string; name: string; value: unknown }[] = [];
  const others = new Map<string, number>();
  let discontinuous = 0;
  let joined = 0;
  let unattached = 0;
  let unjoined = 0;
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
      const made: { start: number; end: number }[] = [];
      for (const [start, end] of fragments) {
        if (end < start) return parseFailure(annName, lineNo, `${id}: the fragment ${start}-${end} ends before it starts.`);
        if (end === start) continue; // brat allows empty fragments; they cover nothing
        const r = resolver.resolve(start, end, 'codepoint');
        if (!r.ok) return parseFailure(annName, lineNo, `${id}: ${r.reason} of ${txtName}.`);
        pieces.push(text.slice(r.start, r.end));
        made.push({ start: r.start, end: r.end });
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
      const origin = { format: 'brat' as const, file: annName, id };
      const onlyWhitespaceBetween = made.every((f, k) => k === 0 || (made[k - 1]!.end <= f.start && /^\s*$/u.test(text.slice(made[k - 1]!.end, f.start))));
      if (made.length > 1 && onlyWhitespaceBetween) {
        joined++;
        spans.push({ start: made[0]!.start, end: made[made.length - 1]!.end, label: type, origin, key: id });
        continue;
      }
      if (made.length > 1) discontinuous++;
      made.forEach((f, n) => spans.push({ ...f, label: type, origin, key: n === 0 ? id : `${id}#${n}` }));
      continue;
    }
    if (kind === 'A' || kind === 'M') {
      const m = A_LINE.exec(raw);
      if (!m) return parseFailure(annName, lineNo, 'an attribute line must read "A<n><TAB><name> <annotation id>[ <value>]".');
      const [, , name, target, value] = m as unknown as [string, string, string, string, string | undefined];
      attributes.push({ target, name, value: value === undefined ? true : value });
      continue;
    }
    if (kind === 'R') {
      const m = R_LINE.exec(raw);
      if (!m) return parseFailure(annName, lineNo, 'a relation line must read "R<n><TAB><type> Arg1:<id> Arg2:<id>".');
      const [, , type, from, to] = m as unknown as [string, string, string, string, string];
      relations.push({ type, from, to });
      continue;
    }
    const other = OTHER_KINDS[kind];
    if (other === undefined) {
      return parseFailure(annName, lineNo, `not a brat annotation line (it should start with T, E, R, A, M, N, # or *).`);
    }
    others.set(other, (others.get(other) ?? 0) + 1);
  }
  // Attributes go to every span their annotation became; relations join the first fragments.
  const byId = new Map<string, ImportedSpan[]>();
  for (const s of spans) {
    const id = s.origin.id as string;
    byId.set(id, [...(byId.get(id) ?? []), s]);
  }
  for (const a of attributes) {
    const targets = byId.get(a.target);
    if (!targets) unattached++;
    else for (const s of targets) s.attributes = { ...s.attributes, [a.name]: a.value };
  }
  const joinable = relations.filter((r) => byId.has(r.from) && byId.has(r.to) && r.from !== r.to);
  unjoined = relations.length - joinable.length;
  const warnings: string[] = [];
  if (joined > 0) {
    warnings.push(
      `${annName}: ${joined} annotation${joined === 1 ? '' : 's'} in fragments separated only by line breaks or spaces (brat's form of an annotation across lines) ${joined === 1 ? 'was' : 'were'} read as one span each.`,
    );
  }
  if (discontinuous > 0) {
    warnings.push(
      `${annName}: ${discontinuous} discontinuous annotation${discontinuous === 1 ? ' was' : 's were'} split into one span per fragment (each keeps its T id as origin).`,
    );
  }
  if (unattached > 0) warnings.push(`${annName}: ${unattached} attribute${unattached === 1 ? ' belongs' : 's belong'} to events or other non-span annotations; not imported.`);
  if (unjoined > 0) warnings.push(`${annName}: ${unjoined} relation${unjoined === 1 ? ' joins' : 's join'} events or other non-span annotations; not imported.`);
  if (others.size > 0) {
    const list = [...others].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ');
    warnings.push(`${annName}: ${list} not imported (Factmark imports text spans, their attributes and relations).`);
  }
  const deduped = dedupeSpans(spans, joinable);
  if (deduped.dropped > 0) {
    warnings.push(`${annName}: ${deduped.dropped} span${deduped.dropped === 1 ? '' : 's'} repeating another (same range and type) kept once.`);
  }
  return {
    ok: true,
    documents: [
      { name: fileStem(txtName), text, line: 1, spans: deduped.spans, ...(deduped.relations.length > 0 ? { relations: deduped.relations } : {}), notices: decoded.notices },
    ],
    warnings,
  };
}
