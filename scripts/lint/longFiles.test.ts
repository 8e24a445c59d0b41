import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnexplainedLongFile, MAX_LINES, unexplainedLongFiles } from './longFiles';

// No module over ~400 lines without a reason stated at its top (issue 19).
const CHECKED = ['main', 'shared', 'renderer', 'scripts', 'e2e'];

describe('long files', () => {
  it.each(CHECKED)('none in %s/ is over the limit without saying why', (dir) => {
    expect(unexplainedLongFiles(resolve(dir))).toEqual([]);
  });

  it('flags a file over the limit, unless its top says why it is longer', () => {
    const body = Array.from({ length: MAX_LINES }, (_, i) => `export const x${i} = ${i};`).join('\n');
    expect(isUnexplainedLongFile(`${body}\n`)).toBe(false);
    expect(isUnexplainedLongFile(`${body}\nexport const y = 1;\n`)).toBe(true);
    expect(isUnexplainedLongFile(`// Longer than 400 lines because the steps share one open file.\n${body}\n`)).toBe(false);
    expect(isUnexplainedLongFile(`${body}\n// Longer than 400 lines because it says so too late.\n`)).toBe(true);
  });
});
