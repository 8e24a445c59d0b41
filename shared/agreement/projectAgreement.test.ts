import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementDocument } from './projectAgreement';
import type { AgreementSpan, TokenRange } from './types';

/** Ten one-character tokens: offsets 0..9, token i = [i, i+1). */
const TOKENS: TokenRange[] = Array.from({ length: 10 }, (_, i) => ({ start: i, end: i + 1 }));
const s = (start: number, end: number, label: string, attributes?: AgreementSpan['attributes']): AgreementSpan => ({ start, end, label, ...(attributes ? { attributes } : {}) });
const doc = (docId: string, annotations: Record<string, AgreementSpan[]>): AgreementDocument => ({ docId, title: docId, tokens: TOKENS, annotations: new Map(Object.entries(annotations)) });

describe('computeAgreement', () => {
  it('gives hand-computed figures for one pair on one document', () => {
    const report = computeAgreement(
      [
        doc('d1', {
          alice: [s(0, 4, 'claim'), s(0, 1, 'actor', { kind: 'person' })],
          bob: [s(0, 3, 'claim'), s(0, 1, 'actor', { kind: 'media' })],
        }),
      ],
      ['alice', 'bob'],
      ['claim', 'actor'],
    );
    const pair = report.pairs[0]!;
    expect(pair.annotators).toEqual(['alice', 'bob']);
    // claim: no exact match, one overlap match.
    expect(pair.labels.claim!.f1Exact).toBe(0);
    expect(pair.labels.claim!.f1Overlap).toBe(1);
    // claim layer: alice 1111000000, bob 1110000000: p_o = 0.9, p_e = 0.4·0.3 + 0.6·0.7 = 0.54, kappa = 0.36/0.46.
    expect(pair.labels.claim!.kappa!).toBeCloseTo(0.36 / 0.46, 12);
    // alpha (2 coders, 20 values): o_11 = 6, o_00 = 12, o_01 = o_10 = 1, n_1 = 7, n_0 = 13; alpha = 1 - 19·2/(2·7·13).
    expect(pair.labels.claim!.alpha!).toBeCloseTo(1 - (19 * 2) / (2 * 7 * 13), 12);
    // actor: identical spans and layers; the one attribute differs.
    expect(pair.labels.actor!.f1Exact).toBe(1);
    expect(pair.labels.actor!.kappa).toBe(1);
    expect(pair.labels.actor!.attributes).toBe(0);
    // overall pools counts: exact 1 matched of 2+2 spans; kappa from the pooled 2×2 (20 items).
    expect(pair.overall.f1Exact).toBeCloseTo(0.5, 12);
    expect(pair.overall.f1Overlap).toBe(1);
    // pooled table: n11 = 3 + 1, n10 = 1, n01 = 0, n00 = 6 + 9: p_o = 19/20, p_a1 = 5/20, p_b1 = 4/20.
    const pe = (5 / 20) * (4 / 20) + (15 / 20) * (16 / 20);
    expect(pair.overall.kappa!).toBeCloseTo((19 / 20 - pe) / (1 - pe), 12);
    expect(pair.overall.unmatched).toBe(2);
  });

  it('counts each document once per annotator set, skips documents one annotator did, pools pairs for "all"', () => {
    const report = computeAgreement(
      [
        doc('same', { a: [s(0, 2, 'x')], b: [s(0, 2, 'x')], c: [s(0, 2, 'x')] }),
        doc('differ', { a: [s(0, 2, 'x')], b: [s(5, 7, 'x')], c: [s(0, 2, 'x')] }),
        doc('alone', { a: [s(0, 2, 'x')] }),
      ],
      ['a', 'b', 'c'],
      ['x'],
    );
    expect(report.pairs.map((p) => [p.annotators.join('-'), p.documents, p.overall.f1Exact])).toEqual([
      ['a-b', 2, 0.5],
      ['a-c', 2, 1],
      ['b-c', 2, 0.5],
    ]);
    expect(report.all.documents).toBe(2);
    // all pairs pooled: 6 pairs of documents, 4 of them agree: matched 4 of 12 + ... = 2·4/12.
    expect(report.all.overall.f1Exact).toBeCloseTo(8 / 12, 12);
    expect(report.documents.map((d) => d.docId)).toEqual(['differ', 'same']);
    expect(report.documents[1]!.overall.alpha).toBe(1);
    expect(report.documents[0]!.overall.unmatched).toBe(4);
  });

  it('restricts to the chosen annotators and labels', () => {
    const report = computeAgreement([doc('d', { a: [s(0, 2, 'x'), s(3, 4, 'y')], b: [s(0, 2, 'x')], c: [] })], ['a', 'b'], ['x']);
    expect(report.pairs).toHaveLength(1);
    expect(report.all.overall.f1Exact).toBe(1);
    expect(report.labels).toEqual(['x']);
  });
});

describe('computeAgreement: unitizing alpha (alphaU)', () => {
  it('is uα of each label layer on the characters of the text, and overall pools the layers', () => {
    // 10 characters; claim: alice [2,6), bob [3,7): the two-observer case worked by hand in
    // unitizingAlpha.test.ts (uα = 1 − 4/10.7865). actor: identical, uα = 1.
    const text = 'abcdefghij';
    const report = computeAgreement(
      [{ docId: 'd', title: 'd', tokens: TOKENS, text, annotations: new Map(Object.entries({ alice: [s(2, 6, 'claim'), s(8, 9, 'actor')], bob: [s(3, 7, 'claim'), s(8, 9, 'actor')] })) }],
      ['alice', 'bob'],
      ['claim', 'actor'],
    );
    const pair = report.pairs[0]!;
    expect(pair.labels.claim!.alphaU!).toBeCloseTo(0.6292, 4);
    expect(pair.labels.actor!.alphaU).toBe(1);
    expect(report.all.labels.claim!.alphaU!).toBeCloseTo(0.6292, 4);
    // Overall: 1 − (D_o claim + D_o actor) / (D_e claim + D_e actor); actor has D_o = 0, so it is above claim's.
    expect(pair.overall.alphaU!).toBeGreaterThan(0.6292);
    expect(pair.overall.alphaU!).toBeLessThan(1);
    expect(report.documents[0]!.overall.alphaU).toBeCloseTo(pair.overall.alphaU!, 12);
  });

  it('counts an astral character (an emoji) as one character, not two UTF-16 units', () => {
    // The same unitization as above, with an emoji before the spans: offsets shift by 2 UTF-16 units, the continuum by 1 character.
    const text = '😀bcdefghij';
    const report = computeAgreement(
      [{ docId: 'd', title: 'd', tokens: TOKENS, text, annotations: new Map(Object.entries({ alice: [s(3, 7, 'claim')], bob: [s(4, 8, 'claim')] })) }],
      ['alice', 'bob'],
      ['claim'],
    );
    expect(report.pairs[0]!.labels.claim!.alphaU!).toBeCloseTo(0.6292, 4);
  });

  it('is undefined (null) where nobody marked the label', () => {
    const report = computeAgreement([{ ...doc('d', { a: [s(0, 2, 'x')], b: [s(0, 2, 'x')] }), text: 'abcdefghij' }], ['a', 'b'], ['x', 'y']);
    expect(report.pairs[0]!.labels.y!.alphaU).toBeNull();
    expect(report.pairs[0]!.labels.x!.alphaU).toBe(1);
  });
});
