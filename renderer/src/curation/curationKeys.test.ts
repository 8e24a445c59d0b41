import { describe, expect, it } from 'vitest';
import { curationKeyAction, nextUndecided } from './curationKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('curation keys', () => {
  it('maps n/p, 1..9, a and x; ignores modified keys and annotators that do not exist', () => {
    const who = ['alice', 'bob'];
    expect(curationKeyAction(key('n'), who)).toEqual({ kind: 'move', delta: 1 });
    expect(curationKeyAction(key('P'), who)).toEqual({ kind: 'move', delta: -1 });
    expect(curationKeyAction(key('2'), who)).toEqual({ kind: 'decide', decision: { kind: 'pick', annotator: 'bob' } });
    expect(curationKeyAction(key('3'), who)).toBeNull();
    expect(curationKeyAction(key('a'), who)).toEqual({ kind: 'decide', decision: 'proposal' });
    expect(curationKeyAction(key('x'), who)).toEqual({ kind: 'decide', decision: { kind: 'reject' } });
    expect(curationKeyAction(key('e'), who)).toEqual({ kind: 'edit' });
    expect(curationKeyAction(key('n', { ctrlKey: true }), who)).toBeNull();
  });

  it('finds the next undecided stop, wrapping around', () => {
    expect(nextUndecided(['s1', 's2', 's3'], { s2: 1 }, 0)).toBe(2);
    expect(nextUndecided(['s1', 's2', 's3'], { s3: 1 }, 1)).toBe(0);
    expect(nextUndecided(['s1', 's2'], { s1: 1, s2: 1 }, 1)).toBe(1);
  });
});
