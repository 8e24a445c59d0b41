/**
 * Turn the bytes of an imported file into the document text, or refuse with a sentence that names
 * the file, says what is wrong and what to do. Documents are stored as UTF-8 with LF line endings,
 * so every offset means the same thing on every platform; anything changed on the way in is
 * reported as a notice (kept in the document's metadata).
 */
export type DecodeResult = { ok: true; text: string; notices: string[] } | { ok: false; message: string };

const refuse = (message: string): DecodeResult => ({ ok: false, message });

type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number; name: string };

function detectBom(bytes: Uint8Array): Bom | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3, name: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2, name: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2, name: 'UTF-16BE' };
  return null;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f]; // no UTF-16 surrogates
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f]; // nothing above U+10FFFF
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Western European text saved in Windows-1252 or Latin-1 has its non-ASCII letters as single
 * bytes between ASCII ones ("caf\xe9 "), which UTF-8 never allows. If most high bytes look like
 * that, we name the likely encoding.
 */
function looksLikeSingleByteWestern(bytes: Uint8Array): boolean {
  let high = 0;
  let isolated = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high++;
    const before = i === 0 ? 0x20 : (bytes[i - 1] as number);
    const after = i + 1 === bytes.length ? 0x20 : (bytes[i + 1] as number);
    if (before < 0x80 && after < 0x80) isolated++;
  }
  return high > 0 && isolated / high >= 0.6;
}

/** Control characters that never occur in prose (everything below 0x20 but tab, LF, VT, FF, CR, ESC). */
function countOddControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0b && u !== 0x0c && u !== 0x0d && u !== 0x1b) n++;
  }
  return n;
}

const binaryMessage = (fileName: string) =>
  `"${fileName}" looks like a binary file (or UTF-16 text without a byte order mark), not plain text: ` +
  'import .txt or .md files saved as UTF-8.';

/**
 * Decode an imported file. Accepts UTF-8 (with or without a byte order mark) and UTF-16 with a
 * byte order mark; refuses other encodings, binary files and files without text. Line endings
 * become LF and a leading U+FEFF is removed, each with a notice.
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodeResult {
  if (bytes.length === 0) return refuse(`"${fileName}" is empty: there is no text to annotate.`);
  const notices: string[] = [];
  const bom = detectBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  let text: string;

  if (bom && bom.encoding !== 'utf-8') {
    try {
      text = new TextDecoder(bom.encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return refuse(
        `"${fileName}" starts with a ${bom.name} byte order mark but is not valid ${bom.name}: ` +
          're-save it as UTF-8 and import it again.',
      );
    }
    notices.push(`Decoded from ${bom.name} (byte order mark found); the document is stored as UTF-8.`);
  } else {
    if (body.includes(0)) return refuse(binaryMessage(fileName));
    const invalidAt = firstInvalidUtf8Byte(body);
    if (invalidAt !== -1) {
      const offset = invalidAt + (bom ? bom.length : 0);
      const cause = looksLikeSingleByteWestern(body)
        ? 'it looks like Windows-1252/Latin-1'
        : `the first bad byte is at offset ${offset}`;
      return refuse(`"${fileName}" is not UTF-8 (${cause}): re-save it as UTF-8 and import it again.`);
    }
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    if (bom) notices.push('Removed the UTF-8 byte order mark at the start of the file.');
  }

  if (text.includes('\u0000')) return refuse(binaryMessage(fileName));
  const sample = text.slice(0, 8192);
  if (countOddControls(sample) > Math.max(8, sample.length * 0.05)) return refuse(binaryMessage(fileName));

  if (text.startsWith('\uFEFF')) {
    text = text.replace(/^\uFEFF+/, '');
    notices.push('Removed a byte order mark character (U+FEFF) at the start of the text.');
  }

  let crlf = 0;
  let lone = 0;
  text = text.replace(/\r\n?/g, (ending) => {
    if (ending.length === 2) crlf++;
    else lone++;
    return '\n';
  });
  if (crlf) notices.push(`Converted ${crlf} Windows line ending${crlf === 1 ? '' : 's'} (CRLF) to LF.`);
  if (lone) notices.push(`Converted ${lone} old Mac line ending${lone === 1 ? '' : 's'} (CR) to LF.`);

  if (!/\S/.test(text)) {
    return refuse(`"${fileName}" contains only whitespace: there is no text to annotate.`);
  }
  return { ok: true, text, notices };
}
