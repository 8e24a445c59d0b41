import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link and image in the README and docs/ points at a file that exists, and every
 * `#anchor` at a heading of that file: moving reference text between pages must not leave a
 * newcomer on a dead link.
 */

const root = resolve(__dirname, '..');
const pages = ['README.md', 'DEVELOPERS.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks and inline code, where a `[x](y)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = match[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** `[text](target)` and `![alt](target)` links, with their line numbers. */
function links(markdown: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  prose(markdown)
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ target: m[1]!, line: i + 1 });
    });
  return found;
}

function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  const source = readFileSync(join(root, page), 'utf8');
  for (const { target } of links(source)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const file = pathPart === '' ? join(root, page) : resolve(dirname(join(root, page)), decodeURIComponent(pathPart));
    if (!existsSync(file)) {
      broken.push(`${page}: ${target} (no file ${relative(root, file)})`);
      continue;
    }
    if (anchor === undefined || !file.endsWith('.md') || statSync(file).isDirectory()) continue;
    if (!headingAnchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
  }
  return broken;
}

describe('links in the README and docs/', () => {
  it('finds the headings GitHub makes anchors of', () => {
    const anchors = headingAnchors('# Claim review: the same claim\n## `claims.json`\n## Sync figures\n## Sync figures\n```\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['claim-review-the-same-claim', 'claimsjson', 'sync-figures', 'sync-figures-1']);
  });

  it('reports a link to a missing file or heading', () => {
    expect(links('see [a](docs/x.md#y) and `[b](c.md)` and ![i](screenshots/a.png)').map((l) => l.target)).toEqual([
      'docs/x.md#y',
      'screenshots/a.png',
    ]);
  });

  it.each(pages)('%s: every relative link resolves', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('every docs page can be reached from the README', () => {
    const reached = new Set(['README.md']);
    const queue = ['README.md'];
    while (queue.length > 0) {
      const page = queue.shift()!;
      for (const { target } of links(readFileSync(join(root, page), 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || !target.split('#')[0]!.endsWith('.md')) continue;
        const next = relative(root, resolve(dirname(join(root, page)), target.split('#')[0]!)).split('\\').join('/');
        if (pages.includes(next) && !reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    expect(pages.filter((p) => !reached.has(p))).toEqual([]);
  });
});
