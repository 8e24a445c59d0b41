#!/usr/bin/env node
// Builds test-fixtures/heldout-gold/annotations/gold/<docId>.json from test-fixtures/heldout-gold/gold-spans.json
// (label, quote, occurrence among WHOLE-WORD matches: "Russia" never counts inside "Russian", nor "Assad"
// inside "al-Assad"). Prints every span with its line and context, so the offsets can be checked by eye.
// Fails if a quote is not found. Held out: never used to tune the suggesters (docs/guidelines.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldSpan, writeGoldFile } from './lib/goldFile.mjs';

const root = new URL('../test-fixtures/heldout-gold/', import.meta.url).pathname;
const source = JSON.parse(readFileSync(join(root, 'gold-spans.json'), 'utf8'));
const wordChar = /[\p{L}\p{N}-]/u;

/** Start of the n-th (1-based) whole-word occurrence of quote in text, or -1. */
function nthWholeWord(text, quote, n) {
  let seen = 0;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const end = at + quote.length;
    if (wordChar.test(text[at - 1] ?? '') || wordChar.test(text[end] ?? '')) continue;
    if (++seen === n) return at;
  }
  return -1;
}

for (const [docId, entries] of Object.entries(source.documents)) {
  const text = readFileSync(join(root, 'documents', `${docId}.txt`), 'utf8');
  const seen = new Set();
  const located = entries.map(([label, quote, occurrence], i) => {
    const at = nthWholeWord(text, quote, occurrence);
    if (at < 0) throw new Error(`${docId}: whole-word occurrence ${occurrence} of "${quote}" not found`);
    const end = at + quote.length;
    const key = `${label}:${at}:${end}`;
    if (seen.has(key)) throw new Error(`${docId}: "${quote}" (${label}) is listed twice at ${at}`);
    seen.add(key);
    const line = text.slice(0, at).split('\n').length;
    console.log(`${label.padEnd(6)} line ${String(line).padStart(2)} [${at}, ${end}) …${text.slice(Math.max(0, at - 20), at)}[${quote}]${text.slice(end, end + 20)}…`.replace(/\n/g, ' '));
    return goldSpan(text, i, label, quote, at);
  });
  const spans = writeGoldFile(root, docId, text, located);
  const counts = spans.reduce((c, s) => ({ ...c, [s.label]: (c[s.label] ?? 0) + 1 }), {});
  console.log(`${docId}: ${spans.length} gold spans ${JSON.stringify(counts)}`);
}
