import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serializeModel } from '../../shared/learn/model';
import { readGumDocument } from './conllu';
import { DEFAULT_TRAIN_OPTIONS, trainAll } from './trainAll';

/**
 * npm run train [-- --gum DIR] [--out FILE] [--check]
 * Trains the actor tagger and the claim classifier on GUM (the folder of .conllu files: --gum, else
 * $FACTMARK_GUM_DIR, else shared/datasets/gum/dep in a parent folder of this checkout) and writes
 * models/factmark-suggest.json. --check trains again and fails unless the result is byte for byte
 * the file in models/ (the shipped model is what this script builds).
 */
function gumDir(arg: string | undefined): string {
  const candidates = [arg, process.env.FACTMARK_GUM_DIR, ...['..', '../..', '../../..'].map((up) => join(process.cwd(), up, 'shared', 'datasets', 'gum', 'dep'))];
  for (const c of candidates) if (c && existsSync(c)) return resolve(c);
  throw new Error('GUM not found: give its dep/ folder with --gum DIR or FACTMARK_GUM_DIR (see models/NOTICE.md for where it comes from).');
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = gumDir(opt('--gum'));
const out = resolve(opt('--out') ?? join('models', 'factmark-suggest.json'));
const started = Date.now();
const files = readdirSync(dir).filter((f) => f.endsWith('.conllu')).sort();
console.log(`GUM: ${files.length} documents in ${dir}`);
const docs = files.map((f) => readGumDocument(readFileSync(join(dir, f), 'utf8')));
const { file, report } = trainAll(docs, DEFAULT_TRAIN_OPTIONS, (line) => console.log(line));
const bytes = serializeModel(file);
for (const line of report) console.log(line);
console.log(`model: ${Object.keys(file.actor.features).length} actor features, ${Object.keys(file.claim.features).length} claim features, ${(Buffer.byteLength(bytes) / 1e6).toFixed(2)} MB; ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (args.includes('--check')) {
  const shipped = existsSync(out) ? readFileSync(out, 'utf8') : null;
  if (shipped !== bytes) {
    console.error(`${out} is not what this training builds: run npm run train and commit the result.`);
    process.exit(1);
  }
  console.log(`${out}: identical to this training, byte for byte.`);
} else {
  writeFileSync(out, bytes);
  console.log(`wrote ${out}`);
}
