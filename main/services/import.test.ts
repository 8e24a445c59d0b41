import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import { documentMetaSchema } from '../../shared/model/schemas';
import { slugId, titleFor, uniqueId } from './documentNaming';
import { base64, failure, projectWithAnnotator, removeTempDirs, unwrap } from './serviceTestKit';
import { sha256Hex } from './textHash';

afterEach(removeTempDirs);

async function importFiles(files: { name: string; content: string | Uint8Array }[]) {
  const ctx = await projectWithAnnotator({ now: () => new Date('2026-02-03T04:05:06.000Z') });
  const out = unwrap(
    await ctx.service.importDocuments({ files: files.map((f) => ({ name: f.name, base64: base64(f.content) })) }),
  );
  return { ...ctx, ...out };
}

const readMeta = (dir: string, id: string) =>
  documentMetaSchema.parse(JSON.parse(readFileSync(join(dir, 'documents', `${id}.json`), 'utf8')));
const readText = (dir: string, id: string) => readFileSync(join(dir, 'documents', `${id}.txt`), 'utf8');

describe('importing documents', () => {
  it('imports UTF-8 text with metadata and lists it', async () => {
    const text = '\n  Floods hit the valley  \nSecond line.\n';
    const { dir, results, project } = await importFiles([{ name: 'C:\\news\\Flood report (v2).txt', content: text }]);
    expect(results).toEqual([{ name: 'Flood report (v2).txt', ok: true, docId: 'Flood-report-v2', notices: [] }]);
    expect(readText(dir, 'Flood-report-v2')).toBe(text);
    expect(readMeta(dir, 'Flood-report-v2')).toEqual({
      schemaVersion: 1,
      id: 'Flood-report-v2',
      title: 'Floods hit the valley',
      outlet: null,
      date: null,
      source: 'Flood report (v2).txt',
      textSha256: sha256Hex(text),
      length: text.length,
      importedAt: '2026-02-03T04:05:06.000Z',
      importNotices: [],
    });
    expect(project.documents).toEqual([
      { id: 'Flood-report-v2', title: 'Floods hit the valley', outlet: null, date: null, status: 'todo', counts: {}, textChanged: false, length: text.length, entities: [] },
    ]);
  });

  it('normalises CRLF to LF with a notice kept in the metadata', async () => {
    const { dir, results } = await importFiles([{ name: 'win.txt', content: 'One\r\nTwo\r\n' }]);
    expect(results[0]?.ok).toBe(true);
    expect(results[0]?.notices.join(' ')).toMatch(/CRLF/);
    expect(readText(dir, 'win')).toBe('One\nTwo\n');
    const meta = readMeta(dir, 'win');
    expect(meta.importNotices).toEqual(results[0]?.notices);
    expect(meta.textSha256).toBe(sha256Hex('One\nTwo\n'));
  });

  it('decodes UTF-16 with a byte order mark and stores UTF-8', async () => {
    const text = 'Grüße aus Köln 😀';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { dir, results } = await importFiles([{ name: 'utf16.txt', content: bytes }]);
    expect(results[0]).toMatchObject({ ok: true, docId: 'utf16' });
    expect(results[0]?.notices.join(' ')).toMatch(/UTF-16/);
    expect(readText(dir, 'utf16')).toBe(text);
    expect(readMeta(dir, 'utf16').length).toBe(text.length);
  });

  it('refuses Latin-1, binary and empty files, each with its reason, and imports the rest', async () => {
    const { results, project } = await importFiles([
      { name: 'latin.txt', content: Buffer.from('Caf\xe9 cr\xe8me au lait', 'latin1') },
      { name: 'image.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) },
      { name: 'empty.txt', content: '' },
      { name: 'blank.txt', content: ' \n\t\n' },
      { name: 'good.md', content: 'Intro line\n\n# The real title\n\nBody.' },
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false, true]);
    expect(results[0]?.error).toMatch(/latin\.txt.*not UTF-8.*Latin-1/);
    expect(results[1]?.error).toMatch(/image\.png.*binary/);
    expect(results[2]?.error).toMatch(/empty\.txt.*empty/);
    expect(results[3]?.error).toMatch(/blank\.txt/);
    expect(project.documents.map((d) => [d.id, d.title])).toEqual([['good', 'The real title']]);
  });

  it('refuses a text that is already in the project, also within one batch', async () => {
    const { service, results } = await importFiles([
      { name: 'a.txt', content: 'Same words.\n' },
      { name: 'b.txt', content: 'Same words.\r\n' },
    ]);
    expect(results[0]?.ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, error: 'b.txt has the same text as document "a", so it was not imported again.' });
    const later = unwrap(await service.importDocuments({ files: [{ name: 'c.txt', base64: base64('Same words.\n') }] }));
    expect(later.results[0]?.error).toMatch(/same text as document "a"/);
    expect(later.project.documents).toHaveLength(1);
  });

  it('makes ids unique and valid, whatever the file names', async () => {
    const { results } = await importFiles([
      { name: 'report.txt', content: 'one' },
      { name: 'report.md', content: 'two' },
      { name: 'REPORT.txt', content: 'three' },
      { name: 'Статья.txt', content: 'four' },
      { name: '__.txt', content: 'five' },
    ]);
    expect(results.map((r) => r.docId)).toEqual(['report', 'report-2', 'REPORT-3', 'document', 'document-2']);
  });

  it('refuses files over the size limit and bytes that are not base64', async () => {
    const { service } = await projectWithAnnotator();
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61);
    const { results } = unwrap(
      await service.importDocuments({
        files: [
          { name: 'big.txt', base64: big.toString('base64') },
          { name: 'mangled.txt', base64: 'not base64!' },
          { name: 'fine.txt', base64: base64('fine') },
        ],
      }),
    );
    expect(results.map((r) => r.name)).toEqual(['big.txt', 'mangled.txt', 'fine.txt']);
    expect(results[0]?.error).toMatch(/big\.txt is 20\.0 MB; the largest file Factmark imports is 20\.0 MB/);
    expect(results[1]?.error).toMatch(/mangled\.txt did not arrive intact/);
    expect(results[2]).toMatchObject({ ok: true, docId: 'fine' });
  });

  it('imports a 10 MB file', async () => {
    const text = 'x'.repeat(10 * 1024 * 1024 - 1) + '\n';
    const { dir, results } = await importFiles([{ name: 'ten.txt', content: text }]);
    expect(results[0]?.ok).toBe(true);
    expect(readMeta(dir, 'ten').length).toBe(text.length);
    expect(readMeta(dir, 'ten').title).toHaveLength(200);
  });

  it('needs an open project', async () => {
    const { service } = await projectWithAnnotator();
    const missing = failure(await service.openProject({ path: '/nonexistent-factmark' }));
    expect(missing.code).toBe('invalid-project');
    // The earlier project stays open after a failed open.
    expect(unwrap(await service.getProject({})).name).toBe('Test project');
  });
});

describe('import naming rules', () => {
  it('slugs file stems', () => {
    expect(slugId('My File (1).final.txt')).toBe('My-File-1-final');
    expect(slugId('a/b/c.md')).toBe('c');
    expect(slugId('-x-.txt')).toBe('x');
    expect(slugId('.txt')).toBe('document');
    expect(slugId(`${'a'.repeat(300)}.txt`)).toHaveLength(100);
  });

  it('numbers ids case-insensitively', () => {
    expect(uniqueId('a', new Set())).toBe('a');
    expect(uniqueId('A', new Set(['a', 'a-2']))).toBe('A-3');
  });

  it('titles: markdown heading for .md, else the first non-empty line, at most 200 characters', () => {
    expect(titleFor('# Heading\nx', 'a.md')).toBe('Heading');
    expect(titleFor('# Heading\nx', 'a.txt')).toBe('# Heading');
    expect(titleFor('no heading\n# later', 'a.MD')).toBe('later');
    expect(titleFor('plain\n', 'a.md')).toBe('plain');
    const emoji = '😀'.repeat(250);
    const title = titleFor(emoji, 'a.txt');
    expect(Array.from(title)).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
  });
});
