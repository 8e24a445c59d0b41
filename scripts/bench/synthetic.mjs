import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './prng.mjs';

const LABELS = ['claim', 'actor', 'number'];
const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** Every sentence of the sample corpus, in file order: real news prose to permute. */
export function corpusSentences(corpusDocs) {
  const sentences = [];
  for (const name of readdirSync(corpusDocs).filter((n) => n.endsWith('.txt')).sort()) {
    const text = readFileSync(join(corpusDocs, name), 'utf8');
    for (const line of text.split('\n')) {
      // Split after . ! ? followed by a space; short lines (headings, bylines) stay whole.
      for (const s of line.split(/(?<=[.!?])\s+/)) if (s.trim().length > 20) sentences.push(s.trim());
    }
  }
  return sentences;
}

/** Paragraphs of 2-6 shuffled corpus sentences, blank-line separated, until `targetBytes`. */
export function newsLikeText(sentences, targetBytes, seed) {
  const random = prng(seed);
  const paragraphs = ['Synthetic benchmark article built from the sample corpus'];
  let bytes = Buffer.byteLength(paragraphs[0]);
  while (bytes < targetBytes) {
    const count = 2 + Math.floor(random() * 5);
    const picked = Array.from({ length: count }, () => sentences[Math.floor(random() * sentences.length)]);
    const paragraph = picked.join(' ');
    paragraphs.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  return `${paragraphs.join('\n\n')}\n`;
}

/** Whole words (letters only, 4+) bounded by whitespace or punctuation, with their offsets. */
export function wordsIn(text, from = 0, to = text.length) {
  const words = [];
  const re = /(?<=^|\s)\p{L}{4,}(?=[\s,.;:]|$)/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index + m[0].length <= to; m = re.exec(text)) {
    words.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  }
  return words;
}

/** `count` spans on words spread evenly through the text, labels in turn, as the app stores them. */
function evenSpans(text, count) {
  const words = wordsIn(text);
  const step = Math.max(1, Math.floor(words.length / count));
  const spans = [];
  for (let i = 0; i < count && i * step < words.length; i++) {
    const w = words[i * step];
    const n = String(i).padStart(6, '0');
    spans.push({
      id: `bench-${n}`,
      start: w.start,
      end: w.end,
      label: LABELS[i % LABELS.length],
      quote: w.word,
      createdAt: FIXED_TIME,
      updatedAt: FIXED_TIME,
    });
  }
  return spans;
}

/**
 * Write documents/<id>.txt and its metadata into a project, plus (when spans > 0) the
 * annotator's file with that many spans: what an import and a long session would leave.
 * Returns the document's text and its pre-made spans.
 */
export function addSyntheticDocument(projectDir, { id, title, text, spans, annotator }) {
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const docs = join(projectDir, 'documents');
  writeFileSync(join(docs, `${id}.txt`), bytes);
  const meta = {
    schemaVersion: 1,
    id,
    title,
    outlet: null,
    date: null,
    source: `${id}.txt`,
    textSha256: sha256,
    length: text.length,
    importedAt: FIXED_TIME,
    importNotices: [],
  };
  writeFileSync(join(docs, `${id}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  const made = spans > 0 ? evenSpans(text, spans) : [];
  if (made.length > 0) {
    const dir = join(projectDir, 'annotations', annotator);
    mkdirSync(dir, { recursive: true });
    const file = {
      schemaVersion: 1,
      docId: id,
      textSha256: sha256,
      annotator,
      status: 'in_progress',
      // Evenly spaced words are already in start order with no duplicates: the stored order.
      spans: made,
      updatedAt: FIXED_TIME,
    };
    writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  return { text, bytes: bytes.length, spans: made };
}
