import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestAll } from '../suggest/suggest';
import { analyze } from './analyze';
import { exampleFor, unmarkedExamples } from './decisions';
import { readModel } from './model';
import { ProjectLearner } from './projectLearner';
import { scoreTokens, scoreTokensByStrings } from './tagger';
import { mergeExtras, ruleVotes } from './ruleVotes';

const model = readModel(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'factmark-suggest.json'), 'utf8')));
const corpus = (id: string) => readFileSync(join(__dirname, '..', '..', 'corpus', 'documents', `${id}.txt`), 'utf8');
const T = '2025-01-01T00:00:00.000Z';
const actors = (text: string, learner: ProjectLearner | null) =>
  suggestAll(text, { labels: ['actor'] }, { model, learner }).filter((s) => (s.score ?? 0) >= model.actor.threshold).map((s) => text.slice(s.start, s.end));

describe('a project learner', () => {
  it('one tag is evidence, not a rule: a place tagged once and left untagged elsewhere does not spread', () => {
    const text = 'Rebels advanced on Idlib. Idlib was shelled. In Idlib, people fled. The road to Idlib closed. Idlib fell on Friday.';
    const next = 'Fighting continued in Idlib. Rebels left Idlib. Idlib was quiet.';
    const spans = [{ id: 's', start: text.indexOf('Idlib'), end: text.indexOf('Idlib') + 5, label: 'actor' }];
    const once = new ProjectLearner(model);
    once.learn([exampleFor(text, 'tag', spans[0]!, T)]);
    const counted = new ProjectLearner(model);
    counted.learn([exampleFor(text, 'tag', spans[0]!, T), ...unmarkedExamples(text, spans, 'done', T)]);
    expect(counted.memory.evidence('actor', 'Idlib')).toEqual({ pos: 1, neg: 4, rej: 0, other: 0 });
    const n = (l: ProjectLearner) => actors(next, l).filter((q) => q === 'Idlib').length;
    // Known only as tagged once, it is proposed more than when the four untagged places count against it.
    expect(n(counted)).toBeLessThan(3);
    expect(n(counted)).toBeLessThanOrEqual(n(once));
  });

  it('a rejection in a context blocks the string in that context (a place after in, to, from), not elsewhere', () => {
    const first = corpus('000_341b31175584a5d7');
    const aleppo = first.indexOf('Aleppo nearly');
    const learner = new ProjectLearner(model);
    learner.learn([exampleFor(first, 'reject', { start: aleppo, end: aleppo + 6, label: 'actor' }, T)]);
    const text = 'Troops reached Aleppo on Monday. Aleppo said nothing.';
    const got = suggestAll(text, { labels: ['actor'] }, { model, learner }).map((s) => `${text.slice(s.start, s.end)}@${s.start}`);
    expect(got).not.toContain(`Aleppo@${text.indexOf('Aleppo')}`);
    expect(learner.memory.blocked('actor', 'Aleppo', 'x')).toBe(true);
    expect(learner.memory.blocked('actor', 'Aleppo', '^')).toBe(false);
  });

  it('one rejected place teaches about that string, not every word: the other actors of the document stay suggested', () => {
    const first = corpus('000_341b31175584a5d7');
    // Every proposal, whatever its score (no threshold).
    const all = (learner: ProjectLearner | null) => suggestAll(first, { labels: ['actor'] }, { model, learner });
    const before = all(null);
    const aleppo = before.find((s) => first.slice(s.start, s.end) === 'Aleppo')!;
    expect(aleppo).toBeDefined();
    const learner = new ProjectLearner(model);
    learner.learn([exampleFor(first, 'reject', aleppo, T)]);
    const after = all(learner);
    const key = (s: { start: number; end: number }) => `${first.slice(s.start, s.end)}@${s.start}`;
    expect(after.map(key)).not.toContain(key(aleppo));
    const others = before.filter((s) => s !== aleppo).map(key);
    expect(others).toEqual(expect.arrayContaining(['rebels', 'Russia', 'insurgent forces', 'Moscow'].map((q) => expect.stringMatching(new RegExp(`^${q}@`)))));
    expect(after.map(key)).toEqual(others);
    // The layer moved what tells "Aleppo" after "recaptured" apart, not what every proper noun shares.
    for (const f of ['b', 'p=PROPN', 's=Xx', 'lex=_', 'lex-1=_|_', 'r=B', 't1=O', 't1p=O|PROPN', 'nv=_']) expect(learner.actorLayer.weights.has(f)).toBe(false);
    expect(learner.actorLayer.weights.has('w=aleppo')).toBe(true);
  });

  it('a tagged actor is proposed in the next article; its weights move only where the model was wrong', () => {
    const first = corpus('000_341b31175584a5d7');
    const next = corpus('001_565ccf9d3e3b851f');
    const iran = first.indexOf('Iran—');
    expect(actors(next, null)).not.toContain('Iran');
    const learner = new ProjectLearner(model);
    learner.learn([exampleFor(first, 'tag', { start: iran, end: iran + 4, label: 'actor' }, T)]);
    expect(actors(next, learner)).toContain('Iran');
    expect(learner.decisions).toBe(1);
    expect(learner.actorLayer.weights.size).toBeGreaterThan(0);
  });

  it('rejected claims teach the claim classifier: the same kind of sentence scores lower', () => {
    const text = 'The conflict remains a source of deep concern for the region.';
    const before = suggestAll(text, { labels: ['claim'] }, { model })[0]?.score ?? 0;
    const learner = new ProjectLearner(model);
    for (let k = 0; k < 3; k++) learner.learn([exampleFor(text, 'reject', { start: 0, end: text.length - 1, label: 'claim' }, `2025-01-01T00:00:0${k}.000Z`)]);
    const after = suggestAll(text, { labels: ['claim'] }, { model, learner })[0]?.score ?? 0;
    expect(after).toBeLessThan(before);
  });
});

describe('the actor tagger', () => {
  it('scores tokens the fast way exactly as from feature strings', () => {
    const a = analyze(corpus('003_7af61ec1610bb656'));
    const extras = mergeExtras(ruleVotes(a), []);
    const fast = scoreTokens(a, [model.actor], extras);
    const slow = scoreTokensByStrings(a, [model.actor], extras);
    expect(fast.length).toBe(slow.length);
    for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 9);
  });
});
