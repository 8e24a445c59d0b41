import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo, type History } from './history';

describe('history', () => {
  it('undoes and redoes one step', () => {
    const h = pushHistory(createHistory(['a']), ['a', 'b']);
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    const back = undo(h);
    expect(back.present).toEqual(['a']);
    expect(canRedo(back)).toBe(true);
    expect(redo(back).present).toEqual(['a', 'b']);
  });

  it('drops the redo list on a new push and ignores pushing the same value', () => {
    const h = undo(pushHistory(createHistory(1), 2));
    const branched = pushHistory(h, 3);
    expect(branched.future).toEqual([]);
    expect(pushHistory(branched, 3)).toBe(branched);
  });

  it('keeps only the newest `limit` steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });

  it('undo/redo at the ends change nothing', () => {
    const h = createHistory('x');
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('undo after push returns the previous value; redo is its inverse (property)', () => {
    const op = fc.oneof(fc.integer().map((n) => ({ push: n })), fc.constant('undo' as const), fc.constant('redo' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer(), (ops, initial) => {
        let h: History<number> = createHistory(initial);
        for (const o of ops) {
          if (o === 'undo') {
            const before = h;
            h = undo(h);
            if (canUndo(before)) expect(redo(h)).toEqual(before);
          } else if (o === 'redo') {
            const before = h;
            h = redo(h);
            if (canRedo(before)) expect(undo(h)).toEqual(before);
          } else {
            const previous = h.present;
            h = pushHistory(h, o.push);
            if (o.push !== previous) expect(undo(h).present).toBe(previous);
          }
        }
      }),
    );
  });
});
