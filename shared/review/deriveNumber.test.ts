import { describe, expect, it } from 'vitest';
import { deriveNumbers } from './deriveNumber';

/** The numbers of one claim, each given by its quote (and occurrence), read from the words. */
function read(claim: string, quotes: string[], attributes: Record<string, Record<string, unknown>> = {}) {
  let from = 0;
  const spans = quotes.map((q, i) => {
    const start = claim.indexOf(q, from);
    if (start < 0) throw new Error(`"${q}" is not in "${claim}"`);
    from = start + q.length;
    return { id: `n${i}`, start: 100 + start, end: 100 + start + q.length, quote: q, attributes: attributes[q] ?? {} };
  });
  const out = deriveNumbers({ start: 100, text: claim }, spans);
  return spans.map((s) => {
    const n = out.get(s.id);
    return n ? [n.value, n.approx, n.unit, n.quantity] : null;
  });
}

describe('numbers read from their words inside a claim', () => {
  const cases: [string, string, string[], (unknown[] | null)[]][] = [
    ['a verb before ("killed four civilians and injured 25 others")', 'The attacks reportedly killed four civilians and injured 25 others, including eight children', ['four', '25', 'eight'], [
      [4, 'exact', 'civilians', 'casualties killed'],
      [25, 'exact', 'civilians', 'casualties injured'],
      [8, 'exact', 'children', 'casualties injured'],
    ]],
    ['harm nouns after ("four civilian fatalities and six injuries")', 'airstrikes hit a school, resulting in four civilian fatalities and six injuries', ['four', 'six'], [
      [4, 'exact', 'civilians', 'casualties killed'],
      [6, 'exact', 'civilians', 'casualties injured'],
    ]],
    ['the predicate after an aside ("…, including 10 children, have lost their lives")', 'at least 25 individuals, including 10 children, have lost their lives due to strikes', ['at least 25', '10'], [
      [25, 'at least', 'individuals', 'casualties killed'],
      [10, 'exact', 'children', 'casualties killed'],
    ]],
    ['"of their" before the group', 'while over 300 of their fighters have been killed in the intense clashes', ['over 300'], [[300, 'more than', 'fighters', 'casualties killed']]],
    ['a headline ("300+ Insurgents Killed")', '300+ Insurgents Killed', ['300+'], [[300, 'more than', 'insurgents', 'casualties killed']]],
    ['"the deaths of"', 'airstrikes have resulted in the deaths of at least 400 militants in the last 24 hours', ['at least 400', '24 hours'], [
      [400, 'at least', 'militants', 'casualties killed'],
      [24, 'exact', 'hours', 'duration'],
    ]],
    ['"were killed" after the group', 'Two people were killed and 12 were wounded when the shell hit', ['Two', '12'], [
      [2, 'exact', 'people', 'casualties killed'],
      [12, 'exact', 'people', 'casualties injured'],
    ]],
    ['displacement', 'Some 1,200 families have been displaced by the fighting', ['Some 1,200'], [[1200, 'about', 'families', 'displaced']]],
    ['an approximator left out of the span', 'more than 300 fighters were killed', ['300'], [[300, 'more than', 'fighters', 'casualties killed']]],
    ['a year is a year, not a count of what follows', 'In 2016, Assad regained complete control of Aleppo city', ['2016'], [[2016, 'exact', null, 'date or year']]],
    ['a counted group with no harm: a count', 'the rebels advanced into two provinces', ['two'], [[2, 'exact', 'provinces', 'count']]],
    ['no number in the words: nothing', 'a breach of sovereignty, he said', ['a breach'], [null]],
  ];
  it.each(cases)('%s', (_name, claim, quotes, expected) => {
    expect(read(claim, quotes)).toEqual(expected);
  });

  it('keeps what the annotator filled and derives only the empty fields, saying which', () => {
    const claim = 'Strikes killed four civilians on Sunday';
    const span = { id: 'n', start: 15, end: 19, quote: 'four' };
    expect(deriveNumbers({ start: 0, text: claim }, [{ ...span, attributes: { value: 4, approx: 'exact', unit: 'people' } }]).get('n')).toEqual({
      value: 4, approx: 'exact', valueMax: null, unit: 'people', quantity: 'casualties killed', derived: ['quantity'],
    });
    expect(deriveNumbers({ start: 0, text: claim }, [span]).get('n')!.derived).toEqual(['value', 'approx', 'unit', 'quantity']);
    const all = { value: 5, approx: 'about', unit: 'civilians', quantity: 'casualties killed' };
    expect(deriveNumbers({ start: 0, text: claim }, [{ ...span, attributes: all }]).get('n')).toEqual({ ...all, valueMax: null, derived: [] });
  });

  it('reads ranges with their maximum', () => {
    expect(deriveNumbers({ start: 0, text: 'between 10 and 15 people were injured' }, [{ id: 'r', start: 0, end: 17, quote: 'between 10 and 15' }]).get('r')).toMatchObject({
      value: 10, approx: 'range', valueMax: 15, quantity: 'casualties injured', derived: ['value', 'approx', 'value_max', 'unit', 'quantity'],
    });
  });
});
