import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel, serializeModel } from '../../shared/learn/model';
import { readGumDocument } from './conllu';
import { documentActors } from './gumActors';
import { trainAll } from './trainAll';

const dir = join(__dirname, '..', '..', 'test-fixtures', 'gum');
const docs = readdirSync(dir).filter((f) => f.endsWith('.conllu')).sort().map((f) => readGumDocument(readFileSync(join(dir, f), 'utf8')));
const options = { seed: 7, actorEpochs: 2, claimEpochs: 2, actorRate: 1, noSplit: true };

describe('npm run train', () => {
  it('gives the same bytes for the same documents and seed, other bytes for another seed', () => {
    const a = serializeModel(trainAll(docs, options).file);
    const b = serializeModel(trainAll([...docs].reverse(), options).file);
    expect(b).toBe(a);
    expect(serializeModel(trainAll(docs, { ...options, seed: 8 }).file)).not.toBe(a);
    // What it writes, the app reads.
    const model = readModel(JSON.parse(a));
    expect(model.actor.weights.size).toBeGreaterThan(100);
    expect(model.claim.weights.size).toBeGreaterThan(10);
  }, 120_000);

  it('the shipped model file is one this training code reads', () => {
    const shipped = readModel(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'factmark-suggest.json'), 'utf8')));
    expect(shipped.actor.threshold).toBeGreaterThan(0);
    expect(shipped.claim.weights.size).toBeGreaterThan(10);
  });
});

describe('GUM mentions as actor spans (guidelines v2)', () => {
  const asylum = docs.find((d) => d.id === 'GUM_news_asylum')!;
  const quotes = documentActors(asylum).map((s) => asylum.text.slice(s.start, s.end));
  it('names without titles, no leading articles, postmodifiers cut, places only when they act', () => {
    // "Major general Fuad Basya, spokesman for the Indonesian military": the name, and the military.
    expect(quotes).toContain('Fuad Basya');
    expect(quotes).toContain('Indonesian military');
    expect(quotes).not.toContain('spokesman for the Indonesian military');
    // "the Indonesian Navy": no article.
    expect(quotes).toContain('Indonesian Navy');
    expect(quotes.some((q) => /^the\s/i.test(q))).toBe(false);
    // "Malaysia's Prime Minister, Najib Razak": the name.
    expect(quotes).toContain('Najib Razak');
    // Places acting: "Thailand has recently cracked down …" is an actor; "Myanmar is mainly Buddhist" is not.
    expect(quotes).toContain('Thailand');
    expect(quotes).not.toContain('Myanmar');
    // Pronouns are never actors.
    expect(quotes).not.toContain('they');
  });
});
