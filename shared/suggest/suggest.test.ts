import { describe, expect, it } from 'vitest';
import { claimantIn, suggestAll } from './suggest';

const quote = (text: string, r: { start: number; end: number } | undefined) => r && text.slice(r.start, r.end);

describe('suggestAll: the claimant of a claim', () => {
  it.each([
    ['Four civilians were killed in the strike, according to the White Helmets.', 'White Helmets'],
    ['Rebels entered the city on Friday, the Syrian army reported.', 'Syrian army'],
    ['Kremlin spokesperson Dmitry Peskov said that Moscow would keep supporting Damascus.', 'Dmitry Peskov'],
    ['Dmitry Peskov told the Russian state media that the attack was planned abroad.', 'Dmitry Peskov'],
    ['“We will restore order as soon as possible,” Bashar al-Assad said.', 'Bashar al-Assad'],
  ])('%s', (text, expected) => {
    const claim = suggestAll(text, { known: ['White Helmets', 'Syrian army'] }).find((s) => s.label === 'claim');
    expect(claim).toBeDefined();
    expect(quote(text, claim!.claimant)).toBe(expected);
  });

  it('names no claimant when the frame has no actor, or the claim no frame', () => {
    const text = 'Rebels entered the city on Friday, officials said. The rebels reportedly advanced towards the city.';
    for (const s of suggestAll(text).filter((x) => x.label === 'claim')) expect(s.claimant).toBeUndefined();
  });

  it('uses an actor already tagged in the frame, even when actors are not suggested', () => {
    const text = 'Rebels entered the city on Friday, the army reported.';
    const at = text.indexOf('the army');
    const [claim] = suggestAll(text, { labels: ['claim'], existing: [{ start: at, end: at + 8, label: 'actor' }] });
    expect(quote(text, claim?.claimant)).toBe('the army');
  });

  it('claimantIn: the actor wholly inside the frame nearest to the cue, before it first', () => {
    const text = 'Ann of the UN said to Bob that';
    const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
    const frame = { start: 0, end: text.length };
    expect(claimantIn(text, frame, [at('Ann'), at('UN'), at('Bob')])).toEqual(at('UN'));
    expect(claimantIn(text, frame, [at('Ann'), at('Bob')])).toEqual(at('Ann'));
    // No cue in the frame: the first actor.
    expect(claimantIn(text, { start: 0, end: 13 }, [at('UN'), at('Ann'), at('Bob')])).toEqual(at('Ann'));
    expect(claimantIn(text, { start: 0, end: 10 }, [at('UN')])).toBeNull();
  });
});
