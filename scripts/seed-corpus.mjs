// Rebuilds corpus/ (the sample project) from the team's seed articles:
//   node scripts/seed-corpus.mjs ../shared/seed-articles
// Texts are copied byte for byte (boilerplate included: annotators meet it in real work).
// Titles and outlets come from the texts themselves; where a text names none, the title is its
// first sentence and the outlet/date stay null rather than guessed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = process.argv[2] ?? '../shared/seed-articles';
const out = new URL('../corpus/', import.meta.url).pathname;

const manifest = [
  { id: '000_341b31175584a5d7', title: 'Russia to send extra military aid to Syria', outlet: 'Defence Blog', note: 'headline is line 1; outlet named in the author box' },
  { id: '001_565ccf9d3e3b851f', title: null, outlet: 'Defence Talks', note: 'no headline; outlet named in the footer' },
  { id: '002_ee4df2b2a6fab1ba', title: 'Syrian rebels take over Aleppo as Russia pledges to assist Assad regime', outlet: null, note: 'headline is line 1' },
  { id: '003_7af61ec1610bb656', title: 'Syria’s Assad Seeks Support from Russia and Iran as Rebels Close In; 300+ Insurgents Killed', outlet: null, note: 'headline is line 1' },
  { id: '004_4ca62f903d1abc74', title: null, outlet: null, note: 'no headline' },
];

function firstSentence(text) {
  const line = text.split('\n', 1)[0];
  const m = /^.{20,}?[.!?](?=\s|$)/u.exec(line);
  const s = m ? m[0] : line;
  return s.length > 90 ? `${s.slice(0, s.lastIndexOf(' ', 88))}…` : s;
}

mkdirSync(join(out, 'documents'), { recursive: true });
const importedAt = '2026-11-22T00:00:00.000Z';
for (const m of manifest) {
  const bytes = readFileSync(join(src, `${m.id}.txt`));
  const text = bytes.toString('utf8');
  writeFileSync(join(out, 'documents', `${m.id}.txt`), bytes);
  const meta = {
    schemaVersion: 1,
    id: m.id,
    title: m.title ?? firstSentence(text),
    outlet: m.outlet,
    date: null,
    source: `${m.id}.txt`,
    textSha256: createHash('sha256').update(bytes).digest('hex'),
    length: text.length,
    importedAt,
    importNotices: [],
  };
  writeFileSync(join(out, 'documents', `${m.id}.json`), `${JSON.stringify(meta, null, 2)}\n`);
}
// The project file keeps the default schema (shared/model/labels.ts); only the name is set here.
const projectFile = join(out, 'project.json');
const project = JSON.parse(readFileSync(projectFile, 'utf8'));
project.name = 'Aleppo, late 2024 (sample)';
writeFileSync(join(out, 'project.json'), `${JSON.stringify(project, null, 2)}\n`);
console.log(`wrote ${manifest.length} documents to ${out}`);
