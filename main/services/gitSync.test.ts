import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactmarkHandlers } from '../../shared/api/contract';
import type { SyncOutcome } from '../../shared/api/syncViews';
import { projectFileSchema } from '../../shared/model/schemas';
import { createGit, GitMissingError, gitVersion } from './gitSyncRunner';
import { readProjectFile } from './projectStore';
import { failure, importText, makeService, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

/**
 * Sync with real git repositories in temp folders: a bare remote and two clones, one annotator
 * each (alice, bob). Identities are set per repository, never globally.
 */
const TEXT = 'The minister said that 300 people were evacuated from the city on Tuesday.\n';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
const identity = (cwd: string, name: string) => {
  git(cwd, 'config', 'user.name', name);
  git(cwd, 'config', 'user.email', `${name}@example.org`);
};

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
  await removeTempDirs();
});
const track = (service: FactmarkHandlers) => {
  disposers.push(() => (service as unknown as { dispose(): Promise<void> }).dispose());
  return service;
};

function synced(outcome: SyncOutcome) {
  if (outcome.state !== 'synced') throw new Error(`expected synced, got ${outcome.state}`);
  return outcome;
}
function conflicted(outcome: SyncOutcome) {
  if (outcome.state !== 'conflict') throw new Error(`expected a conflict, got ${outcome.state}`);
  return outcome;
}

/** alice creates the project, shares it on a new bare remote; bob clones it. */
async function team() {
  const remote = join(tempDir(), 'remote.git');
  const a = await projectWithAnnotator();
  track(a.service);
  const docId = await importText(a.service, 'evacuation.txt', TEXT);
  const set = unwrap(await a.service.setSyncRemote({ url: remote }));
  expect(set.createdRemote).toBe(true);
  expect(set.isRepo).toBe(true);
  identity(a.dir, 'Alice');
  const first = synced(unwrap(await a.service.syncProject({})).outcome);
  expect(first.pushed).toBe(true);

  const bDir = join(tempDir(), 'bob-copy');
  git(tempDir(), 'clone', '-q', remote, bDir);
  identity(bDir, 'Bob');
  const { service: bService } = makeService();
  track(bService);
  unwrap(await bService.setAnnotator({ name: 'bob' }));
  unwrap(await bService.openProject({ path: bDir }));
  return { remote, alice: { service: a.service, dir: a.dir }, bob: { service: bService, dir: bDir }, docId };
}

async function tag(service: FactmarkHandlers, docId: string, status: 'in_progress' | 'done', spans: ReturnType<typeof span>[]) {
  const doc = unwrap(await service.getDocument({ docId }));
  unwrap(await service.saveAnnotations({ docId, status, spans, baseRevision: doc.revision }));
}

async function renameClaimLabel(service: FactmarkHandlers, name: string) {
  const project = unwrap(await service.getProject({}));
  const labels = project.labels.map((l) => (l.id === 'claim' ? { ...l, name } : l));
  unwrap(await service.applySchemaChange({ labels, relationTypes: project.relationTypes, renames: { labels: {}, attributes: {} }, confirmDeletes: false }));
}

const labelName = (dir: string) => projectFileSchema.parse(JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8'))).labels.find((l) => l.id === 'claim')?.name;

describe('git sync', () => {
  it('two annotators tag the same document, sync, and each sees the other\'s work without a conflict', async () => {
    const { alice, bob, docId } = await team();
    await tag(alice.service, docId, 'done', [span('a1', 4, 12, 'actor'), span('a2', 23, 26, 'number')]);
    await tag(bob.service, docId, 'in_progress', [span('b1', 4, 12, 'actor')]);

    const a1 = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a1.committed?.message).toBe('Factmark sync: alice: 1 annotation file (1 done)');
    expect(a1.pushed).toBe(true);

    const b1 = synced(unwrap(await bob.service.syncProject({})).outcome);
    expect(b1.incoming.annotators).toEqual([{ name: 'alice', filesChanged: 1, done: 1, inProgress: 0, documents: 1 }]);
    expect(existsSync(join(bob.dir, 'annotations', 'alice', `${docId}.json`))).toBe(true);

    const a2 = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a2.committed).toBeNull();
    expect(a2.incoming.annotators).toEqual([{ name: 'bob', filesChanged: 1, done: 0, inProgress: 1, documents: 1 }]);
    const bobs = JSON.parse(readFileSync(join(alice.dir, 'annotations', 'bob', `${docId}.json`), 'utf8')) as { spans: { id: string }[] };
    expect(bobs.spans.map((s) => s.id)).toEqual(['b1']);
    // Each one's own file is untouched by the other's sync.
    const alices = JSON.parse(readFileSync(join(bob.dir, 'annotations', 'alice', `${docId}.json`), 'utf8')) as { spans: { id: string }[] };
    expect(alices.spans.map((s) => s.id)).toEqual(['a1', 'a2']);
    const status = unwrap(await alice.service.getSyncStatus({}));
    expect(status).toMatchObject({ ahead: 0, behind: 0, conflict: null, message: null });
    expect(status.lastSyncAt).not.toBeNull();
  });

  it('brings in new documents and names them', async () => {
    const { alice, bob } = await team();
    const added = await importText(bob.service, 'second.txt', 'A second article about the siege.\n');
    synced(unwrap(await bob.service.syncProject({})).outcome);
    // alice's window watches the project (as the app does): the merge's new files are reported.
    const cursor = unwrap(await alice.service.pollChanges({ since: 0 })).cursor;
    const a = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a.incoming.newDocuments).toEqual([{ id: added, title: 'A second article about the siege.' }]);
    expect(unwrap(await alice.service.getProject({})).documents.map((d) => d.id)).toContain(added);
    let seen: { kind: string; docId: string | null }[] = [];
    for (let i = 0; i < 100 && !seen.some((c) => c.kind === 'document' && c.docId === added); i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = [...seen, ...unwrap(await alice.service.pollChanges({ since: cursor })).changes];
    }
    expect(seen).toContainEqual({ kind: 'document', docId: added });
  });

  it('commits only the annotator\'s own files and the project files, never .factmark/, exports or others\' stray files', async () => {
    const { alice, docId } = await team();
    await tag(alice.service, docId, 'in_progress', [span('a1', 4, 12, 'actor')]);
    mkdirSync(join(alice.dir, 'annotations', 'carol'), { recursive: true });
    writeFileSync(join(alice.dir, 'annotations', 'carol', `${docId}.json`), '{}\n');
    mkdirSync(join(alice.dir, 'exports'), { recursive: true });
    writeFileSync(join(alice.dir, 'exports', 'x.jsonl'), '{}\n');
    writeFileSync(join(alice.dir, 'annotations', 'alice', `${docId}.json.invalid-20260101T000000Z`), 'broken');
    const before = unwrap(await alice.service.getSyncStatus({}));
    expect(before.changes.mine).toEqual([`annotations/alice/${docId}.json`]);
    expect(before.changes.others).toEqual([`annotations/carol/${docId}.json`]);
    // Something the person staged by hand stays staged, out of Factmark's commit.
    git(alice.dir, 'add', 'exports/x.jsonl');
    synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(git(alice.dir, 'diff', '--cached', '--name-only')).toBe('exports/x.jsonl\n');
    const tracked = git(alice.dir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
    expect(tracked).toContain(`annotations/alice/${docId}.json`);
    expect(tracked).toContain('project.json');
    expect(tracked.filter((p) => p.startsWith('.factmark') || p.startsWith('exports') || p.includes('carol') || p.includes('.invalid-'))).toEqual([]);
    expect(existsSync(join(alice.dir, '.factmark', 'sync.json'))).toBe(true);
    expect(readFileSync(join(alice.dir, '.factmark', '.gitignore'), 'utf8')).toContain('*');
  });

  it('syncs with nothing to commit', async () => {
    const { alice } = await team();
    const again = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(again).toMatchObject({ committed: null, pushed: false, incoming: { commits: 0, newDocuments: [], annotators: [] } });
  });

  it('says clearly when the remote cannot be reached, and loses nothing', async () => {
    const { alice, remote, docId } = await team();
    await tag(alice.service, docId, 'done', [span('a1', 4, 12, 'actor')]);
    renameSync(remote, `${remote}.away`);
    const error = failure(await alice.service.syncProject({}));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/^Could not reach the remote .*remote\.git: git says ".+"\. Your changes are committed here \(1 file\) and nothing was lost; sync again when the remote can be reached\.$/);
    expect(git(alice.dir, 'log', '-1', '--format=%s')).toMatch(/alice: 1 annotation file \(1 done\)/);
    expect(unwrap(await alice.service.getSyncStatus({})).ahead).toBe(1);
    renameSync(`${remote}.away`, remote);
    expect(synced(unwrap(await alice.service.syncProject({})).outcome).pushed).toBe(true);
    expect(git(remote, 'log', '-1', '--format=%s', 'main')).toMatch(/alice: 1 annotation file/);
  });

  it('pushes after merging when the remote moved (fetch, merge, push)', async () => {
    const { alice, bob, docId } = await team();
    await tag(bob.service, docId, 'done', [span('b1', 4, 12, 'actor')]);
    synced(unwrap(await bob.service.syncProject({})).outcome);
    await tag(alice.service, docId, 'done', [span('a1', 4, 12, 'actor')]);
    const a = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a.pushed).toBe(true);
    expect(git(alice.dir, 'status', '--porcelain', '--', 'annotations')).toBe('');
    expect(git(alice.dir, 'rev-parse', 'HEAD').trim()).toBe(git(alice.dir, 'rev-parse', 'origin/main').trim());
  });

  it('a copy of the project that was never a repository joins the remote on its first sync', async () => {
    const { alice, remote, docId } = await team();
    const carolDir = join(tempDir(), 'carol-copy');
    cpSync(alice.dir, carolDir, { recursive: true, filter: (src) => !src.includes(`${join(alice.dir, '.git')}`) && !src.includes('.factmark') });
    const { service: carol } = makeService();
    track(carol);
    unwrap(await carol.setAnnotator({ name: 'carol' }));
    unwrap(await carol.openProject({ path: carolDir }));
    await tag(carol, docId, 'done', [span('c1', 4, 12, 'actor')]);
    expect(unwrap(await carol.setSyncRemote({ url: remote })).createdRemote).toBe(false);
    identity(carolDir, 'Carol');
    const first = synced(unwrap(await carol.syncProject({})).outcome);
    expect(first.pushed).toBe(true);
    synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(existsSync(join(alice.dir, 'annotations', 'carol', `${docId}.json`))).toBe(true);
  });

  it('syncs only from the window holding the annotator\'s lock', async () => {
    const { alice } = await team();
    const { service: second } = makeService();
    track(second);
    unwrap(await second.setAnnotator({ name: 'alice' }));
    unwrap(await second.openProject({ path: alice.dir }));
    const refused = failure(await second.syncProject({}));
    expect(refused.code).toBe('read-only');
    expect(refused.message).toMatch(/This window is read-only; close the other one to edit here\. Sync from the window that is editing\.$/);
    synced(unwrap(await alice.service.syncProject({})).outcome);
  });

  it('refuses to sync a project with no remote, and one that is not a repository, with sentences', async () => {
    const { service } = await projectWithAnnotator();
    track(service);
    const status = unwrap(await service.getSyncStatus({}));
    expect(status).toMatchObject({ isRepo: false, message: 'This project is not shared yet: set a remote (a URL, or the path of a shared folder) to sync it.' });
    expect(failure(await service.syncProject({})).message).toMatch(/is not a git repository yet; set a remote in Sync/);
    expect(failure(await service.setSyncRemote({ url: '--upload-pack=evil' })).code).toBe('invalid-input');
  });

  it('never runs a command given as an ext:: remote', async () => {
    const { alice } = await team();
    const marker = join(tempDir(), 'ran');
    // Even where the repository's own configuration allows ext:: remotes.
    git(alice.dir, 'config', 'protocol.ext.allow', 'always');
    unwrap(await alice.service.setSyncRemote({ url: `ext::sh -c touch% ${marker}` }));
    expect(failure(await alice.service.syncProject({})).message).toMatch(/^Could not reach the remote ext::sh/);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('git sync: a schema change on both sides', () => {
  /** alice renames the Claim label to "Assertion" and syncs first; bob renames it to "Statement". */
  async function schemaConflict() {
    const t = await team();
    await renameClaimLabel(t.alice.service, 'Assertion');
    synced(unwrap(await t.alice.service.syncProject({})).outcome);
    await renameClaimLabel(t.bob.service, 'Statement');
    const outcome = conflicted(unwrap(await t.bob.service.syncProject({})).outcome);
    return { ...t, conflict: outcome.conflict };
  }

  it('surfaces as a conflict listing the file with both versions, never silently', async () => {
    const { bob, conflict } = await schemaConflict();
    expect(conflict.files.map((f) => f.path)).toEqual(['project.json']);
    const [file] = conflict.files;
    expect(file?.kind).toBe('project');
    expect(file?.mine).toContain('"Statement"');
    expect(file?.theirs).toContain('"Assertion"');
    expect(file?.base).toContain('"Claim"');
    // The combination keeps mine where both changed the same value, and says where.
    expect(file?.merged).toContain('"Statement"');
    expect(file?.mergeNotes).toEqual(['labels[claim].name']);
    // The app keeps working meanwhile: project.json holds bob's version, no conflict markers.
    expect(unwrap(await readProjectFile(bob.dir)).labels[0]?.name).toBe('Statement');
    // The merge waits in git's own state, and the status shows the conflict again.
    expect(existsSync(join(bob.dir, '.git', 'MERGE_HEAD'))).toBe(true);
    expect(unwrap(await bob.service.getSyncStatus({})).conflict?.files.map((f) => f.path)).toEqual(['project.json']);
    expect(conflicted(unwrap(await bob.service.syncProject({})).outcome).conflict.files).toHaveLength(1);
  });

  it('keep mine: the merge completes with mine and reaches the other side', async () => {
    const { alice, bob } = await schemaConflict();
    const done = synced(unwrap(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'mine' }] })).outcome);
    expect(done.pushed).toBe(true);
    expect(labelName(bob.dir)).toBe('Statement');
    expect(existsSync(join(bob.dir, '.git', 'MERGE_HEAD'))).toBe(false);
    const a = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a.incoming.projectFiles).toEqual(['project.json']);
    expect(labelName(alice.dir)).toBe('Statement');
  });

  it('take theirs: the merge completes with theirs', async () => {
    const { bob } = await schemaConflict();
    const r = unwrap(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'theirs' }] }));
    expect(synced(r.outcome).pushed).toBe(true);
    expect(r.project.labels.find((l) => l.id === 'claim')?.name).toBe('Assertion');
    expect(labelName(bob.dir)).toBe('Assertion');
  });

  it('a merged version the user confirms is checked, then applied', async () => {
    const { bob, conflict } = await schemaConflict();
    const bad = failure(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'merged', content: '{"schemaVersion": 1' }] }));
    expect(bad.message).toMatch(/^project\.json is not valid JSON .*Nothing was changed; edit the merged version or choose mine or theirs\.$/);
    const noLabels = failure(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'merged', content: '{"schemaVersion":1,"name":"x","labels":[]}' }] }));
    expect(noLabels.message).toMatch(/^project\.json is not a valid project file: labels/);
    expect(existsSync(join(bob.dir, '.git', 'MERGE_HEAD'))).toBe(true);
    const merged = (conflict.files[0]?.merged ?? '').replace('"Statement"', '"Claim (statement or assertion)"');
    synced(unwrap(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'merged', content: merged }] })).outcome);
    expect(labelName(bob.dir)).toBe('Claim (statement or assertion)');
  });

  it('every conflicted file needs a choice; abort gives the merge up', async () => {
    const { bob } = await schemaConflict();
    expect(failure(await bob.service.resolveSyncConflict({ abort: false, resolutions: [] })).message).toBe('Choose a version for project.json too; nothing was changed.');
    const aborted = unwrap(await bob.service.resolveSyncConflict({ abort: true, resolutions: [] })).outcome;
    expect(aborted.state).toBe('aborted');
    expect(existsSync(join(bob.dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(labelName(bob.dir)).toBe('Statement');
    expect(failure(await bob.service.resolveSyncConflict({ abort: false, resolutions: [] })).code).toBe('not-found');
  });
});

describe('git sync: a label id renamed', () => {
  it('carries the other annotators\' rewritten files with the schema change, so nothing points at the old id', async () => {
    const { alice, bob, docId } = await team();
    await tag(bob.service, docId, 'done', [span('b1', 4, 12, 'actor')]);
    synced(unwrap(await bob.service.syncProject({})).outcome);
    synced(unwrap(await alice.service.syncProject({})).outcome);
    const project = unwrap(await alice.service.getProject({}));
    const labels = project.labels.map((l) => (l.id === 'actor' ? { ...l, id: 'source' } : l));
    const relationTypes = project.relationTypes.map((r) => ({ ...r, from: r.from.map((x) => (x === 'actor' ? 'source' : x)), to: r.to.map((x) => (x === 'actor' ? 'source' : x)) }));
    unwrap(await alice.service.applySchemaChange({ labels, relationTypes, renames: { labels: { actor: 'source' }, attributes: {} }, confirmDeletes: false }));
    const a = synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(a.committed?.message).toBe('Factmark sync: alice: project.json; 1 file of other annotators (schema change)');
    const b = synced(unwrap(await bob.service.syncProject({})).outcome);
    expect(b.incoming.ownFilesChanged).toBe(1);
    const bobs = JSON.parse(readFileSync(join(bob.dir, 'annotations', 'bob', `${docId}.json`), 'utf8')) as { spans: { label: string }[] };
    expect(bobs.spans.map((s) => s.label)).toEqual(['source']);
  });
});

describe('blind mode', () => {
  it('hides other annotators\' annotations of a document until the annotator marks it done', async () => {
    const { alice, bob, docId } = await team();
    unwrap(await alice.service.setBlindMode({ blind: true }));
    await tag(alice.service, docId, 'in_progress', [span('a1', 4, 12, 'actor')]);
    synced(unwrap(await alice.service.syncProject({})).outcome);
    await tag(bob.service, docId, 'done', [span('b1', 4, 12, 'actor')]);
    synced(unwrap(await bob.service.syncProject({})).outcome);
    synced(unwrap(await alice.service.syncProject({})).outcome);
    expect(unwrap(await alice.service.getSyncStatus({})).blind).toBe(true);

    const everyone = { format: 'jsonl' as const, annotator: '*', scope: 'all' as const };
    const hidden = unwrap(await alice.service.exportProject({ ...everyone, outPath: join(alice.dir, 'before.jsonl') }));
    expect(readFileSync(hidden.path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { meta: { annotator: string } }).meta.annotator)).toEqual(['alice']);

    await tag(alice.service, docId, 'done', [span('a1', 4, 12, 'actor')]);
    const shown = unwrap(await alice.service.exportProject({ ...everyone, outPath: join(alice.dir, 'after.jsonl') }));
    expect(readFileSync(shown.path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { meta: { annotator: string } }).meta.annotator)).toEqual(['alice', 'bob']);

    // bob (done already) sees alice's work; switching blind mode off shows everything.
    unwrap(await alice.service.setBlindMode({ blind: false }));
    expect(readFileSync(join(alice.dir, 'project.json'), 'utf8')).not.toContain('blind');
  });
});

describe('the git runner', () => {
  it('names a missing git with a sentence a user can act on', async () => {
    expect(await gitVersion('factmark-no-such-git')).toBeNull();
    await expect(createGit(tempDir(), 'factmark-no-such-git')(['status'])).rejects.toBeInstanceOf(GitMissingError);
    expect(new GitMissingError().message).toMatch(/^Sync needs git, which was not found on this computer\. Install git/);
    expect(await gitVersion()).toMatch(/^\d+\.\d+/);
  });
});
