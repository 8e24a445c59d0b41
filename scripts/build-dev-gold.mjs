#!/usr/bin/env node
// Builds test-fixtures/dev-gold/annotations/gold/<docId>.json from test-fixtures/dev-gold/gold-spans.json
// (quotes + occurrence), so the gold set stays readable and reviewable. Fails if a quote is not found.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../test-fixtures/dev-gold/', import.meta.url).pathname;
const source = JSON.parse(readFileSync(join(root, 'gold-spans.json'), 'utf8'));
const when = '2026-11-22T00:00:00.000Z';
mkdirSync(join(root, 'annotations', 'gold'), { recursive: true });
for (const [docId, entries] of Object.entries(source.documents)) {
  const text = readFileSync(join(root, 'documents', `${docId}.txt`), 'utf8');
  const spans = entries.map(([label, quote, occurrence], i) => {
    let at = -1;
    for (let n = 0; n < occurrence; n++) {
      at = text.indexOf(quote, at + 1);
      if (at < 0) throw new Error(`${docId}: occurrence ${occurrence} of "${quote}" not found`);
    }
    const end = at + quote.length;
    return {
      id: `g${String(i + 1).padStart(3, '0')}`,
      start: at,
      end,
      label,
      quote,
      prefix: text.slice(Math.max(0, at - 32), at),
      suffix: text.slice(end, end + 32),
      createdAt: when,
      updatedAt: when,
    };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const file = {
    schemaVersion: 1,
    docId,
    textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    annotator: 'gold',
    status: 'done',
    spans,
    updatedAt: when,
  };
  writeFileSync(join(root, 'annotations', 'gold', `${docId}.json`), `${JSON.stringify(file, null, 2)}\n`);
  console.log(`${docId}: ${spans.length} gold spans`);
}
