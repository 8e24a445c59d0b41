import { describe, expect, it } from 'vitest';
import { createKnownContents } from './knownContents';

const F = '/p/annotations/alice/doc.json';

/** A save as documentSave.ts does it: told before it starts, landed after the rename. */
function save(known: ReturnType<typeof createKnownContents>, hash: string) {
  const own = known.writing(F, hash);
  own.landed();
}

describe('known contents: only what the app did not write or read is a change', () => {
  it('a save\'s event read late, while the next save is being written, is ours', () => {
    const known = createKnownContents();
    known.read(F, 'v0');
    save(known, 'A');
    const late = known.observe(F); // the event of save A, delivered late
    const b = known.writing(F, 'B');
    expect(late.saw('A')).toBe(true);
    b.landed();
    expect(known.observe(F).saw('B')).toBe(true);
  });

  it('a read that starts before the next save lands and ends after it may see either save', () => {
    const known = createKnownContents();
    save(known, 'A');
    const b = known.writing(F, 'B');
    const first = known.observe(F);
    const second = known.observe(F);
    b.landed();
    const c = known.writing(F, 'C');
    c.landed();
    expect(first.saw('A')).toBe(true);
    expect(second.saw('B')).toBe(true);
    expect(known.observe(F).saw('C')).toBe(true);
  });

  it('quick saves back to an earlier state (undo, redo) are all ours, seen in any order of late events', () => {
    const known = createKnownContents();
    const reads = [known.observe(F)];
    save(known, 'A');
    reads.push(known.observe(F));
    save(known, 'B');
    reads.push(known.observe(F));
    save(known, 'A');
    expect(reads.map((r, i) => r.saw(['B', 'A', 'B'][i]!))).toEqual([true, true, true]);
    expect(known.observe(F).saw('A')).toBe(true);
  });

  it('once a later save has landed, a program putting an earlier save\'s bytes back is reported', () => {
    const known = createKnownContents();
    save(known, 'A');
    save(known, 'B');
    expect(known.observe(F).saw('B')).toBe(true);
    expect(known.observe(F).saw('A')).toBe(false);
    // Undo/redo variant: A, B, A saved; B put back by git is theirs.
    save(known, 'A');
    expect(known.observe(F).saw('B')).toBe(false);
  });

  it('a file read before a save but noted after it lands does not hide that content coming back later', () => {
    const known = createKnownContents();
    save(known, 'A');
    save(known, 'B');
    known.read(F, 'A'); // a getDocument that read the file before save B landed
    expect(known.observe(F).saw('B')).toBe(true);
    expect(known.observe(F).saw('A')).toBe(false);
  });

  it('content already read by the app is not reported again; content never seen is, once', () => {
    const known = createKnownContents();
    save(known, 'A');
    known.read(F, 'X'); // the UI reloaded it before the event came
    expect(known.observe(F).saw('X')).toBe(true);
    const one = known.observe(F);
    const two = known.observe(F);
    expect(one.saw('Y')).toBe(false);
    expect(two.saw('Y')).toBe(true);
  });

  it('a save that was refused or failed is not ours once it failed', () => {
    const known = createKnownContents();
    save(known, 'A');
    const during = known.observe(F);
    const b = known.writing(F, 'B');
    b.failed();
    expect(during.saw('B')).toBe(true); // a read under way when it was possible
    expect(known.observe(F).saw('B')).toBe(false);
  });

  it('an unknown file, an external removal and a removal we noted', () => {
    const known = createKnownContents();
    expect(known.observe(F).saw('Z')).toBe(false);
    expect(known.observe(F).saw(null)).toBe(false);
    known.read('/p/other.json', null);
    expect(known.observe('/p/other.json').saw(null)).toBe(true);
    const abandoned = known.observe(F);
    abandoned.abandon();
    expect(abandoned.saw('Q')).toBe(true); // nothing learnt from a read given up
  });
});
