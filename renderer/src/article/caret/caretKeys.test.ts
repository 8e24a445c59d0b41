import { describe, expect, it } from 'vitest';
import { caretMoveFor, type KeyLike } from './caretKeys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('caretMoveFor', () => {
  it('arrows move a character or a line, Shift extends', () => {
    expect(caretMoveFor(key('ArrowRight'))).toEqual({ kind: 'modify', alter: 'move', direction: 'right', granularity: 'character' });
    expect(caretMoveFor(key('ArrowLeft', { shiftKey: true }))).toEqual({ kind: 'modify', alter: 'extend', direction: 'left', granularity: 'character' });
    expect(caretMoveFor(key('ArrowDown', { shiftKey: true }))).toEqual({ kind: 'modify', alter: 'extend', direction: 'forward', granularity: 'line' });
  });
  it('Ctrl or Alt with Shift and an arrow extend by word', () => {
    for (const mod of [{ ctrlKey: true }, { altKey: true }]) {
      expect(caretMoveFor(key('ArrowRight', { shiftKey: true, ...mod }))).toEqual({ kind: 'modify', alter: 'extend', direction: 'right', granularity: 'word' });
    }
  });
  it('Home/End go to the line ends, Ctrl+Home/End to the article ends', () => {
    expect(caretMoveFor(key('End'))).toEqual({ kind: 'modify', alter: 'move', direction: 'forward', granularity: 'lineboundary' });
    expect(caretMoveFor(key('Home', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'edge', alter: 'extend', edge: 'start' });
  });
  it('leaves Alt+↑/↓ (documents) and other keys alone', () => {
    expect(caretMoveFor(key('ArrowDown', { altKey: true }))).toBeNull();
    expect(caretMoveFor(key('a'))).toBeNull();
    expect(caretMoveFor(key('Tab'))).toBeNull();
  });
});
