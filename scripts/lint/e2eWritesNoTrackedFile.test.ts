import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// CI fails when a test run changes a tracked file (.ci/run). The one way e2e tests used to do it
// was writing a README screenshot straight into docs/screenshots/; only e2e/screenshots.ts may
// name that folder (it writes there only with UPDATE_SCREENSHOTS=1).
const E2E = join(process.cwd(), 'e2e');
const NAMES_DOCS_SCREENSHOTS = /docs\/screenshots|['"]docs['"]\s*,\s*['"]screenshots['"]/;

export function specsNamingDocsScreenshots(files: { name: string; text: string }[]): string[] {
  return files.filter((f) => f.name !== 'screenshots.ts' && NAMES_DOCS_SCREENSHOTS.test(f.text)).map((f) => f.name);
}

describe('e2e tests leave tracked files alone', () => {
  it('flags a spec that writes into docs/screenshots itself, and not the helper', () => {
    expect(specsNamingDocsScreenshots([
      { name: 'a.spec.ts', text: "await page.screenshot({ path: join(repoRoot, 'docs/screenshots/x.png') });" },
      { name: 'b.spec.ts', text: "const dir = resolve(__dirname, '..', 'docs', 'screenshots');" },
      { name: 'c.spec.ts', text: "await readmeScreenshot(page, 'x.png');" },
      { name: 'screenshots.ts', text: "resolve(__dirname, '..', 'docs', 'screenshots')" },
    ])).toEqual(['a.spec.ts', 'b.spec.ts']);
  });

  it('has every e2e file take README screenshots through e2e/screenshots.ts', () => {
    const files = readdirSync(E2E).filter((n) => n.endsWith('.ts')).map((name) => ({ name, text: readFileSync(join(E2E, name), 'utf8') }));
    expect(files.length).toBeGreaterThan(5);
    expect(specsNamingDocsScreenshots(files)).toEqual([]);
  });
});
