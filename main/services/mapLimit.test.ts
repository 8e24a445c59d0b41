import { describe, expect, it } from 'vitest';
import { mapAhead, mapLimit } from './mapLimit';

describe('mapLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
    expect(most).toBe(3);
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});

describe('mapAhead', () => {
  it('yields in input order, reads at most `ahead` items past the one being handled, and surfaces a failure in turn', async () => {
    const started: number[] = [];
    const seen: string[] = [];
    const delays = [5, 1, 4, 2, 3, 0, 6];
    for await (const v of mapAhead(delays, 2, async (n, i) => {
      started.push(i);
      await new Promise((r) => setTimeout(r, n));
      return `${i}:${n}`;
    })) {
      // While item k is handled, items up to k + 2 have been started, none beyond.
      const k = seen.length;
      expect(Math.max(...started)).toBeLessThanOrEqual(Math.min(k + 2, delays.length - 1));
      seen.push(v);
    }
    expect(seen).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);

    const got: number[] = [];
    const failing = mapAhead([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('unreadable');
      return n;
    });
    await expect(
      (async () => {
        for await (const v of failing) got.push(v);
      })(),
    ).rejects.toThrow('unreadable');
    expect(got).toEqual([1]);
  });
});
