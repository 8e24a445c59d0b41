// The floor an export is compared with: read each document's text and annotation file, build the
// same JSONL record with a bare JSON.stringify, write it to one stream. No validation, no offset
// conversion, no atomic finalisation.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [projectDir, annotator, outFile] = process.argv.slice(2);
const out = createWriteStream(outFile);
const ids = readdirSync(join(projectDir, 'documents')).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
for (const id of ids) {
  const text = readFileSync(join(projectDir, 'documents', `${id}.txt`), 'utf8');
  const meta = JSON.parse(readFileSync(join(projectDir, 'documents', `${id}.json`), 'utf8'));
  const ann = JSON.parse(readFileSync(join(projectDir, 'annotations', annotator, `${id}.json`), 'utf8'));
  const line = JSON.stringify({ id, text, spans: ann.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: text.slice(s.start, s.end) })), meta: { title: meta.title } });
  if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
}
await new Promise((r) => out.end(r));
