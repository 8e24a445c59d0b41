import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * The main text of an HTML article: Mozilla's Readability (the engine of Firefox's Reader View)
 * picks the article out of the page's menus, ads and footers, on a linkedom DOM (no browser, no
 * network: linkedom never fetches anything and Readability only reads the DOM it is given).
 * Paragraphs, headings, list items and table rows become lines separated by a blank line, so the
 * stored text reads like the article; title, byline (outlet/author) and publication date are kept.
 */
export type ArticleResult =
  | { ok: true; text: string; title: string | null; byline: string | null; siteName: string | null; date: string | null; notices: string[] }
  | { ok: false; message: string };

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of a DOM subtree with one blank line between blocks and whitespace collapsed inside them. */
export function blockText(root: DomNode): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[ \t\n\r\f]+/g, ' ').trim();
    if (line !== '') blocks.push(line);
    current = '';
  };
  const walk = (node: DomNode, pre: boolean) => {
    if (node.nodeType === 3) {
      current += pre ? (node.textContent ?? '').replace(/\n/g, '\u2028') : (node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      current += '\u2028';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i] as DomNode, pre || name === 'PRE');
    if (block) flush();
  };
  walk(root, false);
  flush();
  // Line breaks inside a block (<br>, <pre>) survive as single newlines.
  return blocks
    .map((b) => b.replace(/ ?\u2028 ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim())
    .filter((b) => b !== '')
    .join('\n\n');
}

function metaContent(document: { querySelector(s: string): { getAttribute(n: string): string | null } | null }, selectors: string[]): string | null {
  for (const s of selectors) {
    const v = document.querySelector(s)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

export function extractArticle(html: string, fileName: string): ArticleResult {
  const { document } = parseHTML(html);
  const date =
    metaContent(document, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'meta[name="pubdate"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date.issued"]',
    ]) ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const notices: string[] = [];
  let article: ReturnType<Readability<unknown>['parse']> = null;
  try {
    // Readability changes the DOM it reads; it gets its own copy.
    article = new Readability(parseHTML(html).document as unknown as Document, { keepClasses: false }).parse();
  } catch (err) {
    notices.push(`Readability could not read the page (${err instanceof Error ? err.message : String(err)}); the whole page text was kept.`);
  }
  let text = '';
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(content.body as unknown as DomNode);
    notices.push('Extracted the article text from HTML with Readability (menus, ads and footers left out).');
  }
  if (text.trim() === '') {
    text = document.body ? blockText(document.body as unknown as DomNode) : '';
    if (text !== '') notices.push('No article was recognised in the HTML; the text of the whole page was kept.');
  }
  if (text.trim() === '') return { ok: false, message: `"${fileName}" has no readable text: the page is empty or made only of scripts and images.` };
  const title = article?.title?.trim() || document.querySelector('title')?.textContent?.trim() || null;
  return {
    ok: true,
    text,
    title,
    byline: article?.byline?.trim() || null,
    siteName: article?.siteName?.trim() || null,
    date: article?.publishedTime?.trim() || date,
    notices,
  };
}
