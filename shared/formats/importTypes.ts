import type { SpanOrigin } from '../model/schemas';
import { createOffsetConverter, type OffsetConverter } from '../text/offsets';

/**
 * What every import parser answers: the documents it found (text + spans in UTF-16 code units,
 * labels as the file spells them) and warnings, or ONE error naming the file, the line and the
 * reason. A parser never answers part of a file: the importer writes all of a file or nothing.
 */
export type ImportFormat = SpanOrigin['format'];

export interface ImportedSpan {
  /** UTF-16 code units into `text`, end exclusive (already converted from the file's unit). */
  start: number;
  end: number;
  /** The label as the file spells it; the importer maps it onto the project's labels. */
  label: string;
  origin: SpanOrigin;
  /**
   * The span's handle inside its document, for relations (a brat T id, a Label Studio result id,
   * an index): unique within the document once the collector has made it so.
   */
  key?: string;
  /** Attribute values as the file gives them, by attribute id; checked against the project's labels on import. */
  attributes?: Record<string, unknown>;
}

/** A relation between two spans of one document, by their keys, with its type as the file spells it. */
export interface ImportedRelation {
  type: string;
  from: string;
  to: string;
}

export interface ImportedDocument {
  /** Basis for the document id and title: a file stem or a record id. */
  name: string;
  text: string;
  title?: string;
  outlet?: string;
  date?: string;
  /** The line (1-based) of the file the document starts on, for messages. */
  line: number;
  spans: ImportedSpan[];
  /** Relations between the spans (by key); absent when the file has none. */
  relations?: ImportedRelation[];
  /** What the parser changed or noticed for this document (kept in the document's importNotices). */
  notices: string[];
}

export interface ImportError {
  file: string;
  /** 1-based line of the problem, or null when it concerns the whole file. */
  line: number | null;
  reason: string;
}

export type ParseResult =
  | { ok: true; documents: ImportedDocument[]; warnings: string[] }
  | { ok: false; error: ImportError };

export const parseFailure = (file: string, line: number | null, reason: string): ParseResult => ({
  ok: false,
  error: { file, line, reason },
});

/** "file, line 3: reason" — the one way an import error is written for people. */
export function describeImportError(e: ImportError): string {
  return `${e.file}${e.line !== null ? `, line ${e.line}` : ''}: ${e.reason}`;
}

export type OffsetUnit = 'codepoint' | 'utf16';

/** Thrown inside a parser to stop at the first problem; parsers turn it into a ParseResult. */
export class ParseStop extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
const cutsPair = (text: string, i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

const UNIT_WORDS: Record<OffsetUnit, string> = { codepoint: 'code points', utf16: 'UTF-16 code units' };

/**
 * Offsets of one text, in the unit a file uses, checked and turned into UTF-16. When the file
 * also gives the span's text (`quote`), it must match; if it only matches in the other unit, that
 * unit is used and the caller is told (`switched`), so a mislabelled file still imports right.
 */
export class SpanResolver {
  private readonly converter: OffsetConverter;
  readonly codePoints: number;
  constructor(readonly text: string) {
    this.converter = createOffsetConverter(text);
    this.codePoints = this.converter.toCodePoint(text.length);
  }

  get hasAstral(): boolean {
    return this.codePoints !== this.text.length;
  }

  /** UTF-16 range, or a reason. */
  private convert(start: number, end: number, unit: OffsetUnit): { start: number; end: number } | string {
    const max = unit === 'codepoint' ? this.codePoints : this.text.length;
    if (start < 0 || end > max) return `the range ${start}-${end} is outside the text (0-${max} ${UNIT_WORDS[unit]})`;
    if (unit === 'codepoint') return { start: this.converter.toUtf16(start), end: this.converter.toUtf16(end) };
    if (cutsPair(this.text, start) || cutsPair(this.text, end)) {
      return `the range ${start}-${end} cuts an emoji or other astral character in half`;
    }
    return { start, end };
  }

  resolve(
    rawStart: unknown,
    rawEnd: unknown,
    unit: OffsetUnit,
    quote?: string,
  ): { ok: true; start: number; end: number; switched: boolean } | { ok: false; reason: string } {
    if (!Number.isInteger(rawStart) || !Number.isInteger(rawEnd)) {
      return { ok: false, reason: `span offsets must be whole numbers (got ${JSON.stringify(rawStart)}, ${JSON.stringify(rawEnd)})` };
    }
    const start = rawStart as number;
    const end = rawEnd as number;
    if (end <= start) return { ok: false, reason: `the span ${start}-${end} is empty or reversed` };
    const first = this.convert(start, end, unit);
    if (typeof first !== 'string' && (quote === undefined || this.text.slice(first.start, first.end) === quote)) {
      return { ok: true, ...first, switched: false };
    }
    if (quote !== undefined && this.hasAstral) {
      const other: OffsetUnit = unit === 'codepoint' ? 'utf16' : 'codepoint';
      const second = this.convert(start, end, other);
      if (typeof second !== 'string' && this.text.slice(second.start, second.end) === quote) {
        return { ok: true, ...second, switched: true };
      }
    }
    if (typeof first === 'string') return { ok: false, reason: first };
    return {
      ok: false,
      reason: `the span ${start}-${end} (${UNIT_WORDS[unit]}) covers ${JSON.stringify(this.text.slice(first.start, first.end))}, but the file says ${JSON.stringify(quote)}`,
    };
  }
}

/**
 * Drop exact repeats (same range, same label): the project keeps one of each, and says so. A
 * dropped span's key is mapped onto the kept one's, so relations to it are kept too.
 */
export function dedupeSpans(spans: ImportedSpan[], relations: ImportedRelation[] = []): { spans: ImportedSpan[]; relations: ImportedRelation[]; dropped: number } {
  const seen = new Map<string, ImportedSpan>();
  const alias = new Map<string, string>();
  const out: ImportedSpan[] = [];
  for (const s of spans) {
    const key = `${s.start}:${s.end}:${s.label}`;
    const kept = seen.get(key);
    if (kept) {
      if (s.key !== undefined) {
        // The kept span answers for the dropped one in relations (taking its key if it had none).
        if (kept.key === undefined) kept.key = s.key;
        else alias.set(s.key, kept.key);
      }
      continue;
    }
    seen.set(key, s);
    out.push(s);
  }
  const moved = alias.size === 0 ? relations : relations.map((r) => ({ ...r, from: alias.get(r.from) ?? r.from, to: alias.get(r.to) ?? r.to }));
  return { spans: out, relations: moved, dropped: spans.length - out.length };
}

/**
 * Text from JSON formats may use CRLF or CR line endings; documents are stored with LF. Returns
 * the LF text and a function that moves an offset (UTF-16, into the original) onto it.
 */
export function normaliseLineEndings(text: string): { text: string; map: (offset: number) => number; changed: number } {
  if (!text.includes('\r')) return { text, map: (o) => o, changed: 0 };
  // removedBefore[i]: how many units were removed before original index i.
  const removedAt: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') {
        removedAt.push(i);
        continue;
      }
      out += '\n';
      continue;
    }
    out += c;
  }
  const map = (offset: number) => {
    let lo = 0;
    let hi = removedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((removedAt[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
  return { text: out, map, changed: (text.match(/\r\n?/g) ?? []).length };
}

/** Parse JSON, or say where it breaks (line of the error when the engine tells the position). */
export function parseJsonText(source: string): { ok: true; value: unknown } | { ok: false; line: number | null; reason: string } {
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const lineMatch = /line (\d+)/.exec(message);
    const line = pos ? source.slice(0, Number(pos[1])).split('\n').length : lineMatch ? Number(lineMatch[1]) : null;
    return { ok: false, line, reason: `not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, '')})` };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stem of a file name: no folders, no last extension. */
export function fileStem(name: string): string {
  const base = name.split(/[\\/]/).pop() || name;
  return base.replace(/\.[^.]*$/, '') || base;
}

/** Lines of a JSON Lines file with their 1-based numbers, blank lines skipped. */
export function jsonLines(source: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  source.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() !== '') out.push({ line: i + 1, text });
  });
  return out;
}

/** A short string from a metadata value, or undefined. */
export function metaString(value: unknown, max: number): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, max);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
