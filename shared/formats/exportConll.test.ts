import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conlleval, goldAgainstItself } from './conlleval.testkit';
import { conllDocument } from './exportConll';
import { record, settings, spanAt } from './exportTestKit';

const FIXTURES = join(__dirname, '..', '..', 'test-fixtures', 'external', 'conll');

const TEXT = 'Hi 😀! President Joe Biden said 42 soldiers died.\nMinistry of Defence denied it.';
const claim = spanAt(TEXT, 'President Joe Biden said 42 soldiers died', 'claim');
const actor = spanAt(TEXT, 'President Joe Biden', 'actor');
const number = spanAt(TEXT, '42', 'number');
const ministry = spanAt(TEXT, 'Ministry of Defence', 'actor');
const rec = record('doc1', TEXT, [claim, actor, number, ministry]);

const rows = (text: string) => text.split('\n');

describe('CoNLL export', () => {
  it('writes IOB2 with -DOCSTART-, one token per line and blank lines between sentences (longest wins)', () => {
    const out = conllDocument(rec, settings());
    expect(rows(out.text)).toEqual([
      '-DOCSTART- O',
      '',
      'Hi O',
      '😀 O',
      '! O',
      '',
      'President B-claim',
      'Joe I-claim',
      'Biden I-claim',
      'said I-claim',
      '42 I-claim',
      'soldiers I-claim',
      'died I-claim',
      '. O',
      '',
      'Ministry B-actor',
      'of I-actor',
      'Defence I-actor',
      'denied O',
      'it O',
      '. O',
      '',
      '',
    ]);
    // The nested actor and number cannot share the column: counted, per label, never silent.
    expect(out.dropped['longest-wins']).toEqual({ actor: 1, number: 1 });
    expect(out.dropped['per-label-columns']).toEqual({});
    expect(out.kept).toEqual({ claim: 1, actor: 1 });
  });

  it('keeps nested spans in one column per label, and writes BIOES with single-token S-', () => {
    const out = conllDocument(rec, settings({ overlapPolicy: 'per-label-columns', conllScheme: 'bioes' }));
    const lines = rows(out.text);
    expect(lines[0]).toBe('-DOCSTART- O O O');
    expect(lines.slice(6, 13)).toEqual([
      'President B-claim B-actor O',
      'Joe I-claim I-actor O',
      'Biden I-claim E-actor O',
      'said I-claim O O',
      '42 I-claim O S-number',
      'soldiers I-claim O O',
      'died E-claim O O',
    ]);
    expect(out.kept).toEqual({ claim: 1, actor: 2, number: 1 });
    expect(out.dropped['per-label-columns']).toEqual({});
  });

  it('counts overlapping spans of one label as dropped under both policies, and spans over no token', () => {
    const text = 'Alpha beta gamma delta.';
    const a = spanAt(text, 'Alpha beta gamma', 'claim');
    const b = spanAt(text, 'gamma delta', 'claim');
    const blank = { ...spanAt(text, ' ', 'number'), id: 'blank' };
    const out = conllDocument(record('d', text, [a, b, blank]), settings({ overlapPolicy: 'per-label-columns' }));
    expect(out.dropped['per-label-columns']).toEqual({ claim: 1, number: 1 });
    expect(out.dropped['longest-wins']).toEqual({ claim: 1, number: 1 });
    expect(rows(out.text)).toContain('Alpha B-claim O O');
  });

  it('never cuts a chunk at a sentence boundary: the sentences are joined', () => {
    const text = 'He said: "We won. They lost." Then he left.';
    const quote = spanAt(text, 'We won. They lost.', 'claim');
    const out = conllDocument(record('d', text, [quote]), settings());
    const score = conlleval(goldAgainstItself(out.text, 1));
    expect(score.foundCorrect).toBe(1);
    const lines = rows(out.text);
    const start = lines.indexOf('We B-claim');
    expect(lines.slice(start, start + 6)).toEqual(['We B-claim', 'won I-claim', '. I-claim', 'They I-claim', 'lost I-claim', '. I-claim']);
  });

  it('is read by a conlleval-compatible scorer: a gold file against itself scores 100% on every label', () => {
    const many = [
      rec,
      record('doc2', 'Reuters reported 3 deaths. AFP said 4.', [
        spanAt('Reuters reported 3 deaths. AFP said 4.', 'Reuters', 'actor'),
        spanAt('Reuters reported 3 deaths. AFP said 4.', '3', 'number'),
        spanAt('Reuters reported 3 deaths. AFP said 4.', 'AFP', 'actor'),
        spanAt('Reuters reported 3 deaths. AFP said 4.', 'AFP said 4', 'claim'),
      ]),
    ];
    for (const conllScheme of ['iob2', 'bioes'] as const) {
      for (const overlapPolicy of ['longest-wins', 'per-label-columns'] as const) {
        const s = settings({ conllScheme, overlapPolicy });
        const file = many.map((r) => conllDocument(r, s).text).join('');
        const columns = overlapPolicy === 'longest-wins' ? [1] : [1, 2, 3];
        for (const col of columns) {
          const score = conlleval(goldAgainstItself(file, col));
          expect(score.foundCorrect).toBeGreaterThan(0);
          expect(score.correctChunks).toBe(score.foundCorrect);
          expect(score.correctTags).toBe(score.tokens);
          for (const t of Object.values(score.perType)) expect(t.f1).toBe(100);
        }
        // The chunks the scorer finds are exactly the spans the export says it kept.
        const kept = many.map((r) => conllDocument(r, s).kept);
        const expected: Record<string, number> = {};
        for (const k of kept) for (const [l, n] of Object.entries(k)) expected[l] = (expected[l] ?? 0) + n;
        const found: Record<string, number> = {};
        for (const col of columns) for (const [t, v] of Object.entries(conlleval(goldAgainstItself(file, col)).perType)) found[t] = (found[t] ?? 0) + v.foundCorrect;
        expect(found).toEqual(expected);
      }
    }
  });
});

describe('the conlleval-compatible scorer', () => {
  it('matches conlleval.pl on the CoNLL-2000 sample shipped with seqeval (IOB1, gold vs guess)', () => {
    const score = conlleval(readFileSync(join(FIXTURES, 'seqeval/tests/data/ground_truth.txt'), 'utf8'));
    // conlleval.pl (2004-01-26) on this file: processed 961 tokens with 459 phrases; found: 539; correct: 371.
    expect([score.tokens, score.foundCorrect, score.foundGuessed, score.correctChunks, score.correctTags]).toEqual([961, 459, 539, 371, 808]);
    const perType = Object.fromEntries(Object.entries(score.perType).map(([t, v]) => [t, [v.foundCorrect, v.foundGuessed, v.correct]]));
    expect(perType).toEqual({ ADJP: [6, 1, 0], ADVP: [8, 11, 5], NP: [262, 317, 206], PP: [90, 107, 89], SBAR: [6, 3, 2], VP: [87, 100, 69] });
  });

  it('scores spaCy’s CoNLL-2003 IOB2 sample against itself at 100%, -DOCSTART- ignored', () => {
    const text = readFileSync(join(FIXTURES, 'spacy/extra/example_data/ner_example_data/ner-token-per-line-conll2003.iob'), 'utf8');
    const score = conlleval(goldAgainstItself(text, 3));
    expect(score.foundCorrect).toBeGreaterThan(3);
    expect(score.correctChunks).toBe(score.foundCorrect);
    expect(Object.keys(score.perType)).toContain('PERSON');
  });

  it('finds BIOES chunks: S- alone, B- … E-, adjacent chunks of one type', () => {
    const s = conlleval(['a S-X S-X', 'b S-X S-X', 'c B-X B-X', 'd E-X E-X', 'e B-Y B-Y', 'f I-Y I-Y', 'g E-Y E-Y'].join('\n'));
    expect(s.perType.X?.foundCorrect).toBe(3);
    expect(s.perType.Y?.foundCorrect).toBe(1);
    expect(() => conlleval('a B-X B-X\nb O')).toThrow(/number of features/);
  });
});

/** Characters Python's str.split() splits on (str.isspace), which conlleval.py ports use. */
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

describe('CoNLL tokens respect every span and every separator (issue 14, items 6 and 7)', () => {
  it('cuts a token where a span starts or ends inside it: "UN" in "UNHCR", "Assad" in "Pro-Assad"', () => {
    const text = 'The UNHCR said Pro-Assad forces left.';
    const un = spanAt(text, 'UN', 'actor');
    const assad = spanAt(text, 'Assad', 'actor');
    for (const overlapPolicy of ['longest-wins', 'per-label-columns'] as const) {
      const out = conllDocument(record('d', text, [un, assad]), settings({ overlapPolicy }));
      const lines = rows(out.text);
      expect(lines).toContain(overlapPolicy === 'longest-wins' ? 'UN B-actor' : 'UN O B-actor O');
      expect(lines.some((l) => l.startsWith('HCR O'))).toBe(true);
      expect(lines.slice(lines.findIndex((l) => l.startsWith('Pro ')), lines.findIndex((l) => l.startsWith('Pro ')) + 3).map((l) => l.split(' ')[0])).toEqual(['Pro', '-', 'Assad']);
      expect(out.widened).toEqual({});
      expect(out.splitTokens).toBe(1);
      // The scorer finds each span over exactly its own characters.
      expect(conlleval(goldAgainstItself(out.text, overlapPolicy === 'longest-wins' ? 1 : 2)).perType.actor?.foundCorrect).toBe(2);
    }
    // Without spans inside them, UNHCR and Pro-Assad's tokens are not cut.
    expect(conllDocument(record('d', text, []), settings()).splitTokens).toBe(0);
  });

  it('counts a span it cannot write exactly (a boundary inside a surrogate pair) as widened, per label', () => {
    const text = 'Flag 🇫🇷 here.';
    const half = { ...spanAt(text, '🇫🇷', 'number'), id: 'half' };
    half.end = half.start + 1; // between the two halves of U+1F1EB
    const out = conllDocument(record('d', text, [half]), settings());
    expect(out.widened).toEqual({ number: 1 });
    expect(rows(out.text)).toContain('🇫🇷 B-number');
  });

  it('never writes a separator as a token or inside one: every line has the same columns for conlleval.pl and Python', () => {
    const seps = ['\u0085', '\u00a0', '\u1680', '\u2000', '\u2009', '\u202f', '\u205f', '\u3000', '\u2028', '\u2029', '\v', '\f', '\r', '\t', '\x1c', '\x1d', '\x1e', '\x1f', '\ufeff'];
    const text = `Rebels${seps.join('entered')}Aleppo on Friday.`;
    const rebels = spanAt(text, 'Rebels', 'actor');
    const aleppo = spanAt(text, 'Aleppo', 'actor');
    const out = conllDocument(record('d', text, [rebels, aleppo]), settings({ overlapPolicy: 'per-label-columns' }));
    const lines = rows(out.text).filter((l) => l !== '');
    for (const line of lines) {
      expect(line.split(' ')).toHaveLength(4);
      expect(line.split(PYTHON_WHITESPACE)).toHaveLength(4);
    }
    // Exactly the words: no separator became a token line (U+0085 did), none was kept inside a token.
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual(['Rebels', ...Array<string>(seps.length - 1).fill('entered'), 'Aleppo', 'on', 'Friday', '.']);
    expect(() => conlleval(goldAgainstItself(out.text, 2))).not.toThrow();
    expect(conlleval(goldAgainstItself(out.text, 2)).perType.actor?.foundCorrect).toBe(2);
  });

  it('writes the five sample articles so that every line splits into the same columns, whatever splits them', () => {
    const dir = join(__dirname, '..', '..', 'corpus', 'documents');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const out = conllDocument(record(f, text, []), settings());
      for (const line of rows(out.text).filter((l) => l !== '')) {
        expect(line.split(' ')).toHaveLength(2);
        expect(line.split(PYTHON_WHITESPACE)).toHaveLength(2);
      }
    }
  });
});
