import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextFile, firstInvalidUtf8Byte } from './decodeText';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const utf16le = (s: string) => bytes(...[...s].flatMap((ch) => {
  const out: number[][] = [];
  for (let i = 0; i < ch.length; i++) out.push([ch.charCodeAt(i) & 0xff, ch.charCodeAt(i) >> 8]);
  return out;
}));
const swapPairs = (b: Uint8Array) => Uint8Array.from(b, (_, i) => b[i % 2 === 0 ? i + 1 : i - 1] as number);

type Case = { name: string; input: Uint8Array; text?: string; notices?: RegExp[]; refused?: RegExp[] };

const cases: Case[] = [
  { name: 'plain UTF-8', input: utf8('Grüße 👍🏽 𝔘\n'), text: 'Grüße 👍🏽 𝔘\n', notices: [] },
  { name: 'UTF-8 BOM', input: bytes([0xef, 0xbb, 0xbf], utf8('Hello')), text: 'Hello', notices: [/UTF-8 byte order mark/] },
  { name: 'UTF-16LE BOM', input: bytes([0xff, 0xfe], utf16le('Héllo 😀\r\nx')), text: 'Héllo 😀\nx', notices: [/UTF-16LE/, /1 Windows line ending \(CRLF\)/] },
  { name: 'UTF-16BE BOM', input: bytes([0xfe, 0xff], swapPairs(utf16le('Héllo 😀'))), text: 'Héllo 😀', notices: [/UTF-16BE/] },
  { name: 'UTF-16LE BOM, odd byte count', input: bytes([0xff, 0xfe], utf16le('Hi'), [0x41]), refused: [/"f\.txt"/, /not valid UTF-16LE/, /re-save it as UTF-8/] },
  { name: 'CRLF and lone CR', input: utf8('a\r\nb\r\nc\rd\r'), text: 'a\nb\nc\nd\n', notices: [/2 Windows line endings \(CRLF\)/, /2 old Mac line endings \(CR\)/] },
  { name: 'a leading U+FEFF after a UTF-8 BOM', input: bytes([0xef, 0xbb, 0xbf], utf8('\uFEFFText')), text: 'Text', notices: [/UTF-8 byte order mark/, /U\+FEFF/] },
  { name: 'Windows-1252 text', input: bytes(utf8('Caf'), [0xe9], utf8(' cr'), [0xe8], utf8('me '), [0x93], utf8('ok'), [0x94]), refused: [/"f\.txt" is not UTF-8/, /Windows-1252\/Latin-1/, /re-save it as UTF-8/] },
  { name: 'truncated UTF-8 sequence', input: bytes(utf8('abc'), [0xe2, 0x82, 0xe2, 0x82]), refused: [/not UTF-8/, /offset 3/] },
  { name: 'UTF-8 encoded surrogate', input: bytes(utf8('ab'), [0xed, 0xa0, 0x80]), refused: [/not UTF-8/] },
  { name: 'overlong UTF-8', input: bytes([0xc0, 0xaf]), refused: [/not UTF-8/] },
  { name: 'NUL bytes', input: bytes(utf8('PK'), [0, 0, 3, 4], utf8('data')), refused: [/"f\.txt" looks like a binary file/] },
  { name: 'UTF-16 without BOM', input: utf16le('Hello world'), refused: [/binary file/, /UTF-16/] },
  { name: 'control characters', input: Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)), refused: [/binary file/] },
  { name: 'empty', input: new Uint8Array(0), refused: [/"f\.txt" is empty/] },
  { name: 'whitespace only', input: utf8(' \r\n\t\n '), refused: [/"f\.txt" contains only whitespace/] },
  { name: 'BOM only', input: bytes([0xef, 0xbb, 0xbf]), refused: [/only whitespace/] },
];

describe('decodeTextFile', () => {
  it.each(cases)('$name', ({ input, text, notices, refused }) => {
    const result = decodeTextFile(input, 'f.txt');
    if (refused) {
      expect(result.ok).toBe(false);
      if (!result.ok) for (const pattern of refused) expect(result.message).toMatch(pattern);
    } else {
      expect(result).toMatchObject({ ok: true, text });
      if (result.ok) {
        expect(result.notices).toHaveLength(notices?.length ?? 0);
        notices?.forEach((pattern, i) => expect(result.notices[i]).toMatch(pattern));
      }
    }
  });
});

describe('firstInvalidUtf8Byte', () => {
  const strictlyValid = (sample: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample);
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with the platform strict decoder on edge sequences', () => {
    const samples = [utf8('ok ✓ 😀'), bytes([0xf4, 0x90, 0x80, 0x80]), bytes([0x61, 0x80]), bytes([0xe0, 0x80, 0x80]), bytes([0xf0, 0x9f, 0x98, 0x80])];
    expect(samples.map((s) => firstInvalidUtf8Byte(s) === -1)).toEqual([true, false, false, false, true]);
    expect(samples.map(strictlyValid)).toEqual([true, false, false, false, true]);
  });

  it('agrees with the platform strict decoder on arbitrary bytes (property)', () => {
    const mostlyText = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }).map(utf8), fc.uint8Array({ maxLength: 3 })), { maxLength: 10 }).map((parts) => bytes(...parts));
    fc.assert(
      fc.property(mostlyText, (sample) => {
        const at = firstInvalidUtf8Byte(sample);
        expect(at === -1).toBe(strictlyValid(sample));
        if (at !== -1) expect(strictlyValid(sample.subarray(0, at))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
