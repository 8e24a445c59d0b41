import { describe, expect, it } from 'vitest';
import { decisionsFromSave, exampleKey, mergeExamples, rebuildExamples, sentenceWindow, unmarkedExamples } from './decisions';
import { learningExampleSchema } from './examples';

const TEXT = 'Rebels entered Aleppo on Friday. The Syrian army left Aleppo, the army said.\nIn Aleppo, people waited.';
const at = (q: string, n = 0) => {
  let i = -1;
  for (let k = 0; k <= n; k++) i = TEXT.indexOf(q, i + 1);
  return { start: i, end: i + q.length };
};
const T = '2025-01-01T00:00:00.000Z';

describe('learning examples from decisions', () => {
  it('a save: added (tagged, or accepted from a suggestion), relabelled, corrected, removed', () => {
    const before = [
      { id: 'a', ...at('Syrian army'), label: 'claim' },
      { id: 'b', ...at('The Syrian army'), label: 'actor' },
      { id: 'c', ...at('Friday'), label: 'number' },
    ];
    const after = [
      { id: 'a', ...at('Syrian army'), label: 'actor' },
      { id: 'b', ...at('Syrian army', 0), label: 'actor' },
      { id: 'd', ...at('Rebels'), label: 'actor', origin: { format: 'suggestion' } },
      { id: 'e', ...at('Aleppo'), label: 'actor' },
    ];
    const got = decisionsFromSave(TEXT, before, after, T);
    expect(got.map((e) => `${e.kind}:${e.label}:${e.quote}`)).toEqual(['relabel:actor:Syrian army', 'correct:actor:Syrian army', 'accept:actor:Rebels', 'tag:actor:Aleppo', 'remove:number:Friday']);
    expect(got[0]!.from).toMatchObject({ label: 'claim', quote: 'Syrian army' });
    expect(got[1]!.from).toMatchObject({ label: 'actor', quote: 'The Syrian army', context: '^' });
    for (const e of got) expect(learningExampleSchema.safeParse(e).success).toBe(true);
  });

  it('keeps each example’s sentence, so it replays without the document', () => {
    const w = sentenceWindow(TEXT, at('left').start, at('left').end);
    expect(w.text).toBe('The Syrian army left Aleppo, the army said.');
    expect(TEXT.slice(w.start, w.start + w.text.length)).toBe(w.text);
    expect(sentenceWindow(TEXT, at('people').start, at('people').end).text).toBe('In Aleppo, people waited.');
  });

  it('untagged occurrences of tagged strings count, where the annotator has read (all of a done document)', () => {
    const spans = [{ id: 'x', ...at('Aleppo'), label: 'actor' }];
    // In progress: only up to the last span.
    expect(unmarkedExamples(TEXT, spans, 'in_progress', T)).toEqual([]);
    const done = unmarkedExamples(TEXT, spans, 'done', T);
    expect(done.map((e) => [e.kind, e.start, e.context])).toEqual([
      ['unmarked', at('Aleppo', 1).start, 'x'],
      ['unmarked', at('Aleppo', 2).start, 'loc'],
    ]);
  });

  it('merging keeps earlier decisions once and replaces the untagged occurrences', () => {
    const spans = [{ id: 'x', ...at('Aleppo'), label: 'actor' }];
    const first = rebuildExamples(TEXT, spans, [{ ...at('army', 1), label: 'actor' }], 'done', T);
    expect(first.filter((e) => e.kind !== 'unmarked').map((e) => `${e.kind}:${e.quote}`)).toEqual(['tag:Aleppo', 'reject:army']);
    const again = mergeExamples(first, first.filter((e) => e.kind !== 'unmarked'), []);
    expect(again.map(exampleKey)).toEqual(first.filter((e) => e.kind !== 'unmarked').map(exampleKey));
  });
});
