#!/usr/bin/env node
// Builds test-fixtures/dev-gold/annotations/gold/<docId>.json from test-fixtures/dev-gold/gold-spans.json
// (quotes + occurrence), so the gold set stays readable and reviewable. Fails if a quote is not found.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldSpan, writeGoldFile } from './lib/goldFile.mjs';

const root = new URL('../test-fixtures/dev-gold/', import.meta.url).pathname;
const source = JSON.parse(readFileSync(join(root, 'gold-spans.json'), 'utf8'));
for (const [docId, entries] of Object.entries(source.documents)) {
  const text = readFileSync(join(root, 'documents', `${docId}.txt`), 'utf8');
  const spans = entries.map(([label, quote, occurrence], i) => {
    let at = -1;
    for (let n = 0; n < occurrence; n++) {
      at = text.indexOf(quote, at + 1);
      if (at < 0) throw new Error(`${docId}: occurrence ${occurrence} of "${quote}" not found`);
    }
    return goldSpan(text, i, label, quote, at);
  });
  writeGoldFile(root, docId, text, spans);
  console.log(`${docId}: ${spans.length} gold spans`);
}
