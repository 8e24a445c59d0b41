import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../shared/model/labels';
import {
  CORPUS_DIR,
  TEST_VERSION,
  failure,
  hashTree,
  makeService,
  removeTempDirs,
  span,
  tempDir,
  unwrap,
} from './serviceTestKit';

afterEach(removeTempDirs);

describe('session and sample project', () => {
  it('opens a copy of the sample corpus on an empty data folder', async () => {
    const { dataDir, service } = makeService();
    const session = unwrap(await service.getSession({}));
    const sample = realpathSync(join(dataDir, 'projects', 'sample'));
    expect(session.version).toBe(TEST_VERSION);
    expect(session.annotator).toBeNull();
    expect(session.suggestedAnnotator).toMatch(/^[\p{L}\p{N}]/u);
    expect(session.nativeDialogs).toBe(false);
    expect(session.projectError).toBeNull();
    expect(session.project?.path).toBe(sample);
    expect(session.project?.isSample).toBe(true);
    expect(session.project?.documents.map((d) => d.id)).toEqual([
      '000_341b31175584a5d7',
      '001_565ccf9d3e3b851f',
      '002_ee4df2b2a6fab1ba',
      '003_7af61ec1610bb656',
      '004_4ca62f903d1abc74',
    ]);
    expect(session.project?.documents.every((d) => d.status === 'todo' && !d.textChanged)).toBe(true);
    expect(session.project?.problems).toEqual([]);
    expect(session.recentProjects).toEqual([sample]);
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(settings).toEqual({ schemaVersion: 1, annotator: null, recentProjects: [sample], lastProject: sample });
  });

  it('never writes corpus/: saving in the sample changes only the copy', async () => {
    const before = hashTree(CORPUS_DIR);
    const { dataDir, service } = makeService();
    unwrap(await service.getSession({}));
    unwrap(await service.setAnnotator({ name: 'alice' }));
    const docId = '000_341b31175584a5d7';
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 0, 6, 'actor')] }));
    expect(hashTree(CORPUS_DIR)).toEqual(before);
    expect(existsSync(join(CORPUS_DIR, 'annotations'))).toBe(false);
    const saved = JSON.parse(
      readFileSync(join(dataDir, 'projects', 'sample', 'annotations', 'alice', `${docId}.json`), 'utf8'),
    );
    expect(saved.spans[0].quote).toBe('Russia');
  });

  it('keeps the sample copy (and its annotations) instead of copying it again', async () => {
    const { dataDir, service } = makeService();
    unwrap(await service.getSession({}));
    unwrap(await service.setAnnotator({ name: 'alice' }));
    unwrap(await service.saveAnnotations({ docId: '001_565ccf9d3e3b851f', status: 'done', spans: [] }));
    const again = makeService({ dataDir }).service;
    unwrap(await again.openSampleProject({}));
    const view = unwrap(await again.getProject({}));
    expect(view.documents.find((d) => d.id === '001_565ccf9d3e3b851f')?.status).toBe('done');
  });

  it('reopens the last project in a new window, and prefers an initial project', async () => {
    const { dataDir, service } = makeService();
    const dir = join(tempDir(), 'p1');
    unwrap(await service.createProject({ path: dir, name: 'P1' }));
    const second = unwrap(await makeService({ dataDir }).service.getSession({}));
    expect(second.project?.path).toBe(realpathSync(dir));
    expect(second.project?.isSample).toBe(false);
    const other = join(tempDir(), 'p2');
    unwrap(await service.createProject({ path: other, name: 'P2' }));
    const third = unwrap(await makeService({ dataDir, initialProject: dir }).service.getSession({}));
    expect(third.project?.name).toBe('P1');
  });

  it('reports an unreadable last project as projectError, naming project.json', async () => {
    const { dataDir, service } = makeService();
    const dir = join(tempDir(), 'p');
    unwrap(await service.createProject({ path: dir, name: 'P' }));
    writeFileSync(join(dir, 'project.json'), '{"schemaVersion": 1, "name": ');
    const session = unwrap(await makeService({ dataDir }).service.getSession({}));
    expect(session.project).toBeNull();
    expect(session.projectError?.file).toBe(join(realpathSync(dir), 'project.json'));
    expect(session.projectError?.message).toMatch(/project\.json: not valid JSON/);
  });

  it('keeps remembered names: annotator saved, CLI override not saved', async () => {
    const { dataDir, service } = makeService();
    const session = unwrap(await service.setAnnotator({ name: '  Bea Muster ' }));
    expect(session.annotator).toBe('Bea Muster');
    const cli = makeService({ dataDir, annotator: 'robot' }).service;
    expect(unwrap(await cli.getSession({})).annotator).toBe('robot');
    expect(unwrap(await makeService({ dataDir }).service.getSession({})).annotator).toBe('Bea Muster');
  });

  it('moves an invalid settings file aside and starts with defaults', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), '{"annotator": 42}');
    const session = unwrap(await makeService({ dataDir }).service.getSession({}));
    expect(session.annotator).toBeNull();
    expect(session.project?.isSample).toBe(true);
  });
});

describe('opening and creating projects', () => {
  it('refuses an invalid project.json with invalid-project naming the file and the problem', async () => {
    const { service } = makeService();
    const dir = tempDir();
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ schemaVersion: 1, name: 'x', labels: [] }));
    const error = failure(await service.openProject({ path: dir }));
    expect(error.code).toBe('invalid-project');
    expect(error.file).toBe(join(dir, 'project.json'));
    expect(error.message).toMatch(new RegExp(`^${join(dir, 'project.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: labels`));
    const session = unwrap(await service.getSession({}));
    expect(session.project).toBeNull();
    expect(session.projectError?.file).toBe(join(dir, 'project.json'));
  });

  it('refuses a folder without project.json and a missing folder', async () => {
    const { service } = makeService();
    const empty = tempDir();
    expect(failure(await service.openProject({ path: empty })).message).toMatch(/not a Factmark project/);
    const missing = join(empty, 'nope');
    const error = failure(await service.openProject({ path: missing }));
    expect(error).toEqual({ code: 'invalid-project', message: `${missing}: folder not found.`, file: missing });
  });

  it('creates a project with the default labels, pretty JSON, and opens it', async () => {
    const { service } = makeService();
    const dir = join(tempDir(), 'new', 'deeper');
    const view = unwrap(await service.createProject({ path: dir, name: 'My study' }));
    expect(view).toMatchObject({ name: 'My study', labels: DEFAULT_LABELS, documents: [], problems: [], isSample: false });
    const expected = `${JSON.stringify({ schemaVersion: 1, name: 'My study', labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES, settings: { snapToWords: true } }, null, 2)}\n`;
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe(expected);
    expect(existsSync(join(dir, 'documents'))).toBe(true);
    expect(unwrap(await service.getProject({})).path).toBe(realpathSync(dir));
  });

  it('refuses to create a project in a non-empty folder or over an existing project', async () => {
    const { service } = makeService();
    const busy = tempDir();
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect(failure(await service.createProject({ path: busy, name: 'x' })).message).toMatch(/is not empty/);
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(busy, 'project.json'))).toBe(false);
    const proj = join(tempDir(), 'p');
    unwrap(await service.createProject({ path: proj, name: 'first' }));
    expect(failure(await service.createProject({ path: proj, name: 'second' })).message).toMatch(/already a Factmark project/);
    expect(JSON.parse(readFileSync(join(proj, 'project.json'), 'utf8')).name).toBe('first');
  });

  it('keeps at most 10 recent projects, most recent first, without duplicates', async () => {
    const { service } = makeService();
    const root = tempDir();
    const dirs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const dir = join(root, `p${i}`);
      mkdirSync(dir);
      unwrap(await service.createProject({ path: dir, name: `P${i}` }));
      dirs.push(realpathSync(dir));
    }
    unwrap(await service.openProject({ path: join(root, 'p5') }));
    const { recentProjects } = unwrap(await service.getSession({}));
    expect(recentProjects).toEqual([dirs[5], dirs[11], dirs[10], dirs[9], dirs[8], dirs[7], dirs[6], dirs[4], dirs[3], dirs[2]]);
  });

  it('answers no-project before any project is open', async () => {
    const { service } = makeService();
    expect(failure(await service.getProject({})).code).toBe('no-project');
    expect(failure(await service.importDocuments({ files: [{ name: 'a.txt', base64: 'YQ==' }] })).code).toBe('no-project');
  });

  it('offers native folder dialogs only with a host that has them', async () => {
    const { service } = makeService();
    expect(failure(await service.chooseFolder({ purpose: 'open' }))).toEqual({
      code: 'unsupported',
      message: 'Folder dialogs need the desktop app; type a path instead.',
    });
    const asked: string[] = [];
    const withHost = makeService({
      host: {
        chooseFolder: async (purpose) => {
          asked.push(purpose);
          return '/picked';
        },
      },
    }).service;
    expect(unwrap(await withHost.chooseFolder({ purpose: 'export' }))).toEqual({ path: '/picked' });
    expect(asked).toEqual(['export']);
    expect(unwrap(await withHost.getSession({})).nativeDialogs).toBe(true);
  });

  it('asks for an annotator before document operations', async () => {
    const { service } = makeService();
    unwrap(await service.getSession({}));
    const need = { code: 'invalid-input', message: 'Choose your annotator name first.' };
    expect(failure(await service.getDocument({ docId: '000_341b31175584a5d7' }))).toEqual(need);
    expect(failure(await service.saveAnnotations({ docId: '000_341b31175584a5d7', status: 'todo', spans: [] }))).toEqual(need);
    expect(failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'all' }))).toEqual(need);
  });
});
