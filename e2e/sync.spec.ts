import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocument, readAnnotationFile, readDocumentText, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';

/**
 * Sync in the browser against a bare git remote the test prepares: alice shares the sample
 * project, a teammate (bob, a plain git clone) adds his annotations and renames a label while
 * alice renames it too; alice's next Sync stops on project.json, she settles it in the dialog.
 */
const DOC = '000_341b31175584a5d7';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

function renameClaim(projectDir: string, name: string) {
  const file = join(projectDir, 'project.json');
  const project = JSON.parse(readFileSync(file, 'utf8')) as { labels: { id: string; name: string }[] };
  for (const l of project.labels) if (l.id === 'claim') l.name = name;
  writeFileSync(file, `${JSON.stringify(project, null, 2)}\n`);
}

test('sync: share the project on a remote, bring in a teammate\'s work, settle a schema conflict', async ({ page, serve }) => {
  const root = mkdtempSync(join(tmpdir(), 'factmark-e2e-sync-'));
  try {
    const remote = join(root, 'team.git');
    git(root, 'init', '-q', '--bare', '-b', 'main', remote);
    const app = await serve({ annotator: 'alice' });
    await page.goto(app.url);
    await openDocument(page, DOC);
    const text = readDocumentText(app.projectDir, DOC);
    await tagQuote(page, text, 'Russia', '2');
    await waitSaved(page);

    // Not shared yet: the button asks for a remote first.
    const button = page.getByTestId('sync-button');
    await expect(button).toHaveText(/Share/);
    await button.click();
    const settings = page.getByTestId('sync-settings-dialog');
    await expect(settings.getByTestId('sync-message')).toContainText('This project is not shared yet');
    await settings.getByLabel('Remote').fill(remote);
    await settings.getByTestId('sync-set-remote').click();
    await expect(settings.getByTestId('sync-now')).toBeVisible();
    git(app.projectDir, 'config', 'user.name', 'Alice');
    git(app.projectDir, 'config', 'user.email', 'alice@example.org');
    await settings.getByTestId('sync-now').click();
    const summary = page.getByTestId('sync-summary');
    await expect(summary).toContainText('Committed: Factmark sync: alice');
    await expect(summary).toContainText('Your commits were sent to the remote.');
    await summary.getByTestId('sync-summary-close').click();
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'main')).toContain(`annotations/alice/${DOC}.json`);
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('.factmark');
    await expect(page.getByTestId('sync-last')).toHaveAttribute('aria-label', /^last sync /);

    // bob, on his own clone: his annotations of the same document, and a label renamed.
    const bob = join(root, 'bob');
    git(root, 'clone', '-q', remote, bob);
    git(bob, 'config', 'user.name', 'Bob');
    git(bob, 'config', 'user.email', 'bob@example.org');
    const alices = readAnnotationFile(app.projectDir, 'alice', DOC).json;
    execFileSync('mkdir', ['-p', join(bob, 'annotations', 'bob')]);
    writeFileSync(join(bob, 'annotations', 'bob', `${DOC}.json`), `${JSON.stringify({ ...alices, annotator: 'bob', status: 'done' }, null, 2)}\n`);
    renameClaim(bob, 'Statement');
    git(bob, 'add', '-A');
    git(bob, 'commit', '-q', '-m', 'bob: annotations and a label renamed');
    git(bob, 'push', '-q', 'origin', 'main');

    // alice renames the same label her way, then syncs: the conflict is shown, never settled silently.
    renameClaim(app.projectDir, 'Assertion');
    await button.click();
    const dialog = page.getByTestId('sync-conflict-dialog');
    await expect(dialog).toBeVisible();
    const file = dialog.getByTestId('sync-conflict-file');
    await expect(file).toHaveAttribute('data-path', 'project.json');
    await expect(file.getByTestId('sync-mine')).toContainText('"Assertion"');
    await expect(file.getByTestId('sync-theirs')).toContainText('"Statement"');
    await expect(dialog.getByTestId('sync-confirm')).toBeDisabled();
    await file.getByTestId('sync-choose-merged').check();
    await expect(file.getByTestId('sync-merged-text')).toHaveValue(/"Assertion"/);
    await expect(dialog).toContainText('Both sides changed labels[claim].name: yours is kept there.');
    await readmeScreenshot(page, 'sync-conflict.png');
    // Meanwhile the project stays usable with alice's version (no conflict markers on disk).
    expect(readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toContain('"Assertion"');

    await file.getByTestId('sync-merged-text').fill(readFileSync(join(app.projectDir, 'project.json'), 'utf8').replace('"Assertion"', '"Claim (asserted)"'));
    await dialog.getByTestId('sync-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(summary).toContainText('Committed: the merge, with project.json settled');
    await expect(summary).toContainText('bob: 1 file changed; 1 done');
    await expect(button).not.toContainText('conflict');
    await readmeScreenshot(page, 'sync-summary.png');
    await summary.getByTestId('sync-summary-close').click();

    expect(existsSync(join(app.projectDir, 'annotations', 'bob', `${DOC}.json`))).toBe(true);
    git(bob, 'pull', '-q', 'origin', 'main');
    expect(readFileSync(join(bob, 'project.json'), 'utf8')).toContain('"Claim (asserted)"');
    await expect(page.getByRole('button', { name: /Claim \(asserted\)/ }).first()).toBeVisible();

    // Blind mode is a project setting: switched on in the Sync settings, it lands in project.json.
    await page.getByTestId('sync-settings').click();
    await page.getByTestId('sync-settings-dialog').getByTestId('sync-blind').check();
    await expect.poll(() => readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toContain('"blind": true');
    await expect(page.getByTestId('sync-settings-dialog').getByTestId('sync-blind')).toBeChecked();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
