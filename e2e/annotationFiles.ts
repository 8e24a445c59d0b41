import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const T = '2026-11-22T10:00:00.000Z';

/** Write annotators' files as another machine would have (a synced or pulled project). */
export function writeAnnotation(projectDir: string, annotator: string, docId: string, spans: { quote: string; label: string; from?: number }[]) {
  const bytes = readFileSync(join(projectDir, 'documents', `${docId}.txt`));
  const text = bytes.toString('utf8');
  const stored = spans.map((s, i) => {
    const start = text.indexOf(s.quote, s.from ?? 0);
    if (start < 0) throw new Error(`"${s.quote}" is not in ${docId}`);
    return { id: `${annotator}-${i}`, start, end: start + s.quote.length, label: s.label, quote: s.quote, createdAt: T, updatedAt: T };
  });
  stored.sort((a, b) => a.start - b.start || b.end - a.end);
  mkdirSync(join(projectDir, 'annotations', annotator), { recursive: true });
  const file = { schemaVersion: 1, docId, textSha256: createHash('sha256').update(bytes).digest('hex'), annotator, status: 'done', spans: stored, updatedAt: T };
  writeFileSync(join(projectDir, 'annotations', annotator, `${docId}.json`), `${JSON.stringify(file, null, 2)}\n`);
}
