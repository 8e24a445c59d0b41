import { describe, expect, it } from 'vitest';
import { pushEscapeHandler, runEscapeHandlers } from './escapeHandlers';

describe('escape handlers', () => {
  it('asks the latest handler first, falls back to earlier ones, and forgets removed ones', () => {
    const calls: string[] = [];
    const removeOuter = pushEscapeHandler(() => (calls.push('outer'), true));
    const removeInner = pushEscapeHandler(() => (calls.push('inner'), false));
    expect(runEscapeHandlers()).toBe(true);
    expect(calls).toEqual(['inner', 'outer']);
    removeOuter();
    expect(runEscapeHandlers()).toBe(false);
    removeInner();
    expect(runEscapeHandlers()).toBe(false);
    expect(calls).toEqual(['inner', 'outer', 'inner']);
  });
});
