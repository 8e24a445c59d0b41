import { describe, expect, it } from 'vitest';
import { sentenceAfter, sentenceAround, sentenceBefore } from './sentenceBounds';

const at = (text: string, s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

describe('sentence bounds without a tokenizer', () => {
  const text = 'Mr. Putin met the U.N. envoy on Nov. 29 in Moscow. “We agreed,” he said! Talks resume today.\nA new paragraph starts here.';
  it('does not end a sentence at "Mr.", "U.N." or "Nov."', () => {
    expect(at(text, sentenceAround(text, text.indexOf('envoy'), text.indexOf('envoy') + 5))).toBe('Mr. Putin met the U.N. envoy on Nov. 29 in Moscow.');
  });
  it('keeps closing quotes and stops at line breaks', () => {
    expect(at(text, sentenceAround(text, text.indexOf('agreed'), text.indexOf('agreed')))).toBe('“We agreed,” he said!');
    expect(at(text, sentenceAround(text, text.indexOf('Talks'), text.indexOf('Talks')))).toBe('Talks resume today.');
  });
  it('finds the sentence after and before, across paragraphs', () => {
    const talks = sentenceAround(text, text.indexOf('Talks'), text.indexOf('Talks'));
    expect(at(text, sentenceAfter(text, talks.end))).toBe('A new paragraph starts here.');
    expect(at(text, sentenceBefore(text, talks.start))).toBe('“We agreed,” he said!');
    expect(sentenceBefore(text, 0)).toBeNull();
    expect(sentenceAfter(text, text.length)).toBeNull();
  });
});
