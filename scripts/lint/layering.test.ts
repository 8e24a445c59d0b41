import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering (renderer -> shared <- main) is enforced by eslint.config.mjs; this proves each
// rule fires on a forbidden import and stays quiet on an allowed one.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it('keeps shared/ pure', async () => {
    expect(await restrictedImports('shared/text/x.ts', "import { readFile } from 'node:fs';\nexport const f = readFile;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/text/x.ts', "import { createFactmarkService } from '../../main/services/factmarkService';\nexport const f = createFactmarkService;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/text/x.ts', "import { ArticleView } from '../../renderer/src/article/ArticleView';\nexport const f = ArticleView;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/text/x.ts', "import { z } from 'zod';\nexport const f = z;\n")).toHaveLength(0);
  });

  it('keeps the renderer away from main, Node and Electron', async () => {
    expect(await restrictedImports('renderer/src/x.ts', "import { dispatch } from '../../main/services/factmarkService';\nexport const f = dispatch;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import { join } from 'node:path';\nexport const f = join;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import { contract } from '../../shared/api/contract';\nexport const f = contract;\n")).toHaveLength(0);
  });

  it('keeps main away from the renderer', async () => {
    expect(await restrictedImports('main/services/x.ts', "import { bridge } from '../../renderer/src/bridge';\nexport const f = bridge;\n")).toHaveLength(1);
    expect(await restrictedImports('main/services/x.ts', "import { readFile } from 'node:fs';\nexport const f = readFile;\n")).toHaveLength(0);
  });
});
