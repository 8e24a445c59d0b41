// What the gold-set builders (build-dev-gold.mjs, build-heldout-gold.mjs) share: a span from a
// located quote, and the annotation file of the `gold` annotator, written as the app writes it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLD_TIME = '2026-11-22T00:00:00.000Z';

/** The i-th gold span (0-based) for `quote` found at `at` in `text`, with its context. */
export function goldSpan(text, i, label, quote, at) {
  const end = at + quote.length;
  return {
    id: `g${String(i + 1).padStart(3, '0')}`,
    start: at,
    end,
    label,
    quote,
    prefix: text.slice(Math.max(0, at - 32), at),
    suffix: text.slice(end, end + 32),
    createdAt: GOLD_TIME,
    updatedAt: GOLD_TIME,
  };
}

/** Writes <root>/annotations/gold/<docId>.json (spans sorted by start, then end). */
export function writeGoldFile(root, docId, text, spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const file = {
    schemaVersion: 1,
    docId,
    textSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    annotator: 'gold',
    status: 'done',
    spans: sorted,
    updatedAt: GOLD_TIME,
  };
  mkdirSync(join(root, 'annotations', 'gold'), { recursive: true });
  writeFileSync(join(root, 'annotations', 'gold', `${docId}.json`), `${JSON.stringify(file, null, 2)}\n`);
  return sorted;
}
