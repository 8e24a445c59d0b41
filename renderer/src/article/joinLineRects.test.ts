import { describe, expect, it } from 'vitest';
import { joinLineRects } from './domOffsets';

describe('joinLineRects', () => {
  it('joins the pieces of one line (text split by marks) and keeps lines apart', () => {
    const line1 = [
      { left: 300, top: 10, width: 40, height: 20 },
      { left: 340, top: 10, width: 25, height: 20 },
      { left: 250, top: 10, width: 50, height: 20 },
    ];
    const line2 = [{ left: 24, top: 42, width: 80, height: 20 }];
    expect(joinLineRects([...line1, ...line2])).toEqual([
      { left: 250, top: 10, width: 115, height: 20 },
      { left: 24, top: 42, width: 80, height: 20 },
    ]);
  });
  it('keeps pieces of one line that do not touch (a span split by right-to-left reordering)', () => {
    expect(joinLineRects([{ left: 0, top: 0, width: 10, height: 20 }, { left: 50, top: 0, width: 10, height: 20 }])).toHaveLength(2);
  });
});
