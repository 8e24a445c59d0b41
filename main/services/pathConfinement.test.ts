import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isConfined, isInside } from './pathConfinement';
import { failure, importText, projectWithAnnotator, removeTempDirs, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

describe('path confinement of UI-sent paths', () => {
  it('isInside compares whole path segments', () => {
    expect(isInside('/p/proj', '/p/proj')).toBe(true);
    expect(isInside('/p/proj', '/p/proj/exports/a.jsonl')).toBe(true);
    expect(isInside('/p/proj', '/p/proj-evil/a.jsonl')).toBe(false);
    expect(isInside('/p/proj', '/p/a.jsonl')).toBe(false);
    expect(isInside('/p/proj', '/p/proj/..foo')).toBe(true);
  });

  it('judges ../, absolute paths and symbolic links by where they really lead', async () => {
    const root = tempDir();
    const project = join(root, 'project');
    const outside = join(root, 'outside');
    mkdirSync(join(project, 'exports'), { recursive: true });
    mkdirSync(outside);
    symlinkSync(outside, join(project, 'exports', 'link-out'));
    symlinkSync(join(outside, 'target.jsonl'), join(project, 'exports', 'file-link.jsonl'));
    symlinkSync(join(project, 'exports'), join(outside, 'link-in'));
    const roots = [project];
    expect(await isConfined('exports/a.jsonl', project, roots)).toBe(true);
    expect(await isConfined(join(project, 'new', 'deeper', 'a.jsonl'), project, roots)).toBe(true);
    expect(await isConfined('../outside/a.jsonl', project, roots)).toBe(false);
    expect(await isConfined('exports/../../outside/a.jsonl', project, roots)).toBe(false);
    expect(await isConfined(join(outside, 'a.jsonl'), project, roots)).toBe(false);
    expect(await isConfined('/etc/passwd', project, roots)).toBe(false);
    expect(await isConfined('exports/link-out/a.jsonl', project, roots)).toBe(false);
    expect(await isConfined('exports/file-link.jsonl', project, roots)).toBe(false);
    // A link from outside into the project leads inside.
    expect(await isConfined(join(outside, 'link-in', 'a.jsonl'), project, roots)).toBe(true);
    // A folder the user picked in the native chooser is allowed too.
    expect(await isConfined(join(outside, 'a.jsonl'), project, [project, outside])).toBe(true);
  });

  it('the service refuses exports the UI sends outside the project, unless the folder was chosen natively', async () => {
    const outside = tempDir();
    let pick: string | null = null;
    const { service, dir } = await projectWithAnnotator({ host: { chooseFolder: async () => pick } });
    const docId = await importText(service, 'a.txt', 'Text.');
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [] }));
    for (const outPath of [join(outside, 'x.jsonl'), '../x.jsonl', join(dir, '..', 'x.jsonl')]) {
      const error = failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/inside the project folder/);
    }
    symlinkSync(outside, join(dir, 'exports-link'));
    expect(failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: 'exports-link/x.jsonl' })).code).toBe('invalid-input');
    expect(existsSync(join(outside, 'x.jsonl'))).toBe(false);
    // Inside the project: fine.
    unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: 'mine.jsonl' }));
    // After the user picks the folder in the OS dialog, it is allowed.
    pick = outside;
    unwrap(await service.chooseFolder({ purpose: 'export' }));
    unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: join(outside, 'x.jsonl') }));
    expect(existsSync(join(outside, 'x.jsonl'))).toBe(true);
  });
});
