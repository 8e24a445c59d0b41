import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/startServer';
import { rawRequest } from '../server/testHttp';
import { scanProject } from './projectCheck';
import { failure, hashTree, importText, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

/**
 * A project folder from someone else may hold links out of it, named pipes, devices and huge
 * files (issue 13, item 2). Each symptom reported is reproduced here through the service (and the
 * `serve` API): the answer is a sentence naming the file, at once, and nothing outside the
 * project is read or written.
 */
afterEach(removeTempDirs);

const TEXT = 'The minister said that 300 people were evacuated.\n';
const SECRET = 'the contents of a private file outside the project\n';

async function projectWithDocument() {
  const p = await projectWithAnnotator();
  const docId = await importText(p.service, 'a.txt', TEXT);
  const outside = tempDir('factmark-outside-');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  return { ...p, docId, outside, textFile: join(p.dir, 'documents', `${docId}.txt`) };
}

/** Every file under `dir`, read: none may hold the secret. */
const allText = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');

describe('a project folder with links, pipes, devices and huge files', () => {
  it('a symlinked annotations/<me> folder receives no save; nothing outside is written', async () => {
    const { service, dir, docId, outside } = await projectWithDocument();
    const before = hashTree(outside);
    mkdirSync(join(dir, 'annotations'), { recursive: true });
    rmSync(join(dir, 'annotations', 'alice'), { recursive: true, force: true });
    symlinkSync(outside, join(dir, 'annotations', 'alice'));
    const refused = failure(await service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 4, 12, 'actor')] }));
    expect(refused.code).toBe('io');
    expect(refused.message).toMatch(/annotations[/\\]alice[/\\].*: its folder leads outside the project \(to .*factmark-outside-.*\); Factmark reads and writes only inside/);
    expect(hashTree(outside)).toEqual(before);
  });

  it('a document text linked to a file outside is never shown or exported: it is listed as a problem', async () => {
    const { service, dir, docId, outside, textFile } = await projectWithDocument();
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 4, 12, 'actor')] }));
    rmSync(textFile);
    symlinkSync(join(outside, 'secret.txt'), textFile);
    const project = unwrap(await service.getProject({}));
    expect(project.documents.map((d) => d.id)).not.toContain(docId);
    expect(project.problems).toContainEqual(expect.objectContaining({ file: textFile, message: expect.stringMatching(/is a link to .*secret\.txt, outside the project/) }));
    const opened = failure(await service.getDocument({ docId }));
    expect(opened).toMatchObject({ code: 'io', file: textFile });
    expect(opened.message).not.toContain(SECRET.trim());
    const exported = await service.exportProject({ format: 'jsonl', unit: 'utf16', scope: 'all' });
    if (!exported.ok) expect(exported.error.message).toMatch(/outside the project/);
    mkdirSync(join(dir, 'exports'), { recursive: true });
    expect(allText(join(dir, 'exports'))).not.toContain(SECRET.trim());
  });

  it('a text linked to /dev/zero and a text that is a named pipe are answered at once with a sentence', async () => {
    const { service, docId, textFile, dir } = await projectWithDocument();
    const pipeId = await importText(service, 'b.txt', 'Another text.\n');
    const pipe = join(dir, 'documents', `${pipeId}.txt`);
    rmSync(textFile);
    symlinkSync('/dev/zero', textFile);
    rmSync(pipe);
    execFileSync('mkfifo', [pipe]);
    expect(failure(await service.getDocument({ docId })).message).toMatch(/is a link to \/dev\/zero, outside the project/);
    expect(failure(await service.getDocument({ docId: pipeId })).message).toMatch(/is a named pipe, not a regular file; Factmark reads only regular files/);
    const problems = unwrap(await service.getProject({})).problems.map((p) => p.file);
    expect(problems).toEqual(expect.arrayContaining([textFile, pipe]));
    // `factmark validate` names both.
    expect((await scanProject(dir)).issues.map((i) => i.file)).toEqual(expect.arrayContaining([textFile, pipe]));
  });

  it('a text over the limit is refused with its size and the limit', async () => {
    const { service, docId, textFile } = await projectWithDocument();
    truncateSync(textFile, 61 * 1024 * 1024);
    expect(failure(await service.getDocument({ docId })).message).toBe(`${textFile}: it is 61 MB; Factmark reads document texts of at most 60 MB. Remove or shorten it.`);
  });

  it('an annotation file that is a pipe or a link out is set aside (the link, not its target), never read', async () => {
    const { service, dir, docId, outside } = await projectWithDocument();
    const folder = join(dir, 'annotations', 'alice');
    mkdirSync(folder, { recursive: true });
    symlinkSync(join(outside, 'secret.txt'), join(folder, `${docId}.json`));
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.spans).toEqual([]);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(readdirSync(folder).some((n) => n.startsWith(`${docId}.json.invalid-`))).toBe(true);
    renameSync(join(folder, readdirSync(folder)[0] as string), join(tempDir(), 'moved'));
    execFileSync('mkfifo', [join(folder, `${docId}.json`)]);
    expect(unwrap(await service.getDocument({ docId })).spans).toEqual([]);
  });
});

describe('serve keeps answering', () => {
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('a request for a /dev/zero or pipe text gets a clear error, and the next request is answered', async () => {
    const { service, docId, textFile } = await projectWithDocument();
    rmSync(textFile);
    symlinkSync('/dev/zero', textFile);
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Factmark</title>');
    server = await startServer({ handlers: service, staticDir });
    const api = (operation: string, body: unknown) =>
      rawRequest((server as RunningServer).port, {
        method: 'POST',
        path: `/api/${operation}`,
        headers: { 'content-type': 'application/json', 'x-factmark-token': (server as RunningServer).token },
        body: JSON.stringify(body),
      });
    const res = await api('getDocument', { docId });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/\/dev\/zero, outside the project/) } });
    expect(JSON.parse((await api('getSession', {})).body)).toMatchObject({ ok: true });
  });
});
