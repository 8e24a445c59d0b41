import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conllDocument } from '../formats/exportConll';
import { record, settings, T0 } from '../formats/exportTestKit';
import type { Span } from '../model/schemas';
import { snapRange } from './snap';
import { tokenizeSentences, type Token } from './tokenize';

/**
 * Word snapping and the CoNLL export agree (issue 14, items 6 and 13): over real sentences (the
 * five sample articles and tricky ones), every selection snaps to token boundaries of the CoNLL
 * token layer, a whole token stays exactly itself, part of a token grows to exactly that token,
 * and a span tagged by snapping is written by CoNLL over exactly its characters with no token cut.
 */
const CORPUS = join(__dirname, '..', '..', 'corpus', 'documents');
const TRICKY = [
  'Moscow’s continued commitment, the rebels’ advance and Russia\'s jets.',
  'The U.S. and the U.N. met at 3 p.m. with Mr. Putin in St. Petersburg; troops left the U.S.',
  'Pro-Assad forces, al-Assad’s army and anti-government fighters shot down an F-16 near COVID-19 wards.',
  'The UNHCR said 1.2bn, 300+ and 50% of 3,000 people fled—about 72 hours later…',
  '“We won,” he said. (HTS)-led groups [reportedly] took “Aleppo”.',
  'Aleppo\u00a0fell\u0085on Friday\u2028and\u3000Saturday\u202fnight.',
  'Fans 👍🏽 cheered 🇫🇷🇩🇪 as 👨‍👩‍👧 watched the e\u0301clair.',
  '4名平民死亡，72小时内2016年。قال الرئيس بشار الأسد إن 300 شخص.',
];

const texts = [
  ...readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(CORPUS, f), 'utf8')),
  ...TRICKY,
];

const PUNCTUATION_ONLY = /^\p{P}+$/u;
const words = { words: true };

describe('word snapping agrees with the CoNLL token layer', () => {
  it('snaps every token, part of a token and run of tokens to exactly the CoNLL tokens, and CoNLL writes the spans unchanged', () => {
    let checked = 0;
    for (const text of texts) {
      const tokens: Token[] = tokenizeSentences(text).flatMap((s) => s.tokens);
      const starts = new Set(tokens.map((t) => t.start));
      const ends = new Set(tokens.map((t) => t.end));
      const content = tokens.filter((t) => !PUNCTUATION_ONLY.test(t.text));
      const tagged: Span[] = [];
      for (const [i, t] of content.entries()) {
        // The whole token: exactly itself.
        expect(snapRange(text, t.start, t.end, words), `"${t.text}"`).toEqual({ start: t.start, end: t.end });
        // Part of it (one character in, one character short): exactly the token.
        if (t.end - t.start >= 3 && !/[\ud800-\udfff]/.test(t.text)) {
          expect(snapRange(text, t.start + 1, t.end - 1, words), `part of "${t.text}"`).toEqual({ start: t.start, end: t.end });
        }
        // From inside this token to inside a later one: both tokens whole.
        const later = content[i + 3];
        if (later && i % 5 === 0) {
          const r = snapRange(text, t.start + Math.floor((t.end - t.start) / 2), later.end - (later.end - later.start >= 2 ? 1 : 0), words);
          expect(r).toEqual({ start: t.start, end: later.end });
          if (r) tagged.push({ id: `s${i}`, start: r.start, end: r.end, label: i % 2 ? 'actor' : 'claim', quote: text.slice(r.start, r.end), createdAt: T0, updatedAt: T0 });
        }
        // Any selection ends on token boundaries.
        const r = snapRange(text, t.start + 1, t.end + 2, words);
        if (r) {
          expect(starts.has(r.start)).toBe(true);
          expect(ends.has(r.end)).toBe(true);
        }
        checked++;
      }
      // Snapped spans go to CoNLL unchanged: no token cut, none widened.
      const out = conllDocument(record('d', text, tagged), settings({ overlapPolicy: 'per-label-columns' }));
      expect(out.splitTokens).toBe(0);
      expect(out.widened).toEqual({});
    }
    expect(checked).toBeGreaterThan(2500);
  });
});
