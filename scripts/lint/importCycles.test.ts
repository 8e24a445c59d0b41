import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCycles, runtimeImports } from './importCycles';

// A module that imports one that imports it back loads half-initialised in one of the two orders.
const CHECKED = ['main', 'renderer', 'shared'];

describe('import cycles', () => {
  it.each(CHECKED)('finds none in %s/', (dir) => {
    expect(importCycles(resolve(dir))).toEqual([]);
  });
});

describe('the cycle finder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a cycle through a dynamic import, and ignores type-only imports', () => {
    dir = mkdtempSync(join(tmpdir(), 'factmark-cycles-'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'b.ts'), "export const b = () => import('./a');\n");
    writeFileSync(join(dir, 'c.ts'), "import type { D } from './d';\nexport type C = D;\n");
    writeFileSync(join(dir, 'd.tsx'), "import { type C } from './c';\nexport type D = C;\n");
    expect(importCycles(dir)).toEqual([['a.ts', 'b.ts']]);
  });

  it('reads re-exports and side-effect imports as imports', () => {
    expect(runtimeImports('x.ts', "export * from './a';\nimport './b.css';\nimport type { T } from './t';\nimport x from 'react';\n")).toEqual(['./a', './b.css']);
  });
});
