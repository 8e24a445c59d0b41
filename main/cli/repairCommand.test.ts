import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationFileSchema } from '../../shared/model/schemas';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from '../services/serviceTestKit';
import { sha256Hex } from '../services/textHash';
import type { CliIo } from './io';
import { runCli } from './runCli';

afterEach(removeTempDirs);

const TEXT = 'The mayor said 40 people left the old town on Monday.\nPolice disputed the figure later that week.\n';

function capture(cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd };
  return { io, out: () => out, err: () => err };
}

describe('factmark repair', () => {
  it('moves exact spans, keeps orphans, and writes against the new text (--dry-run writes nothing)', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    const mayor = TEXT.indexOf('The mayor');
    const police = TEXT.indexOf('Police disputed');
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('m', mayor, mayor + 9, 'actor'), span('p', police, police + 15, 'claim')] }));
    await (service as { dispose?: () => Promise<void> }).dispose?.();
    const edited = `Update: ${TEXT.replace('Police disputed', 'The police flatly disputed')}`;
    writeFileSync(join(dir, 'documents', `${docId}.txt`), edited);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const before = readFileSync(file, 'utf8');

    const dry = capture(dir);
    expect(await runCli(['repair', dir, '--annotator', 'alice', '--dry-run'], dry.io)).toBe(0);
    expect(dry.out()).toContain(`${docId}: 1 span(s) move, 1 orphan(s): "Police disputed" (missing)`);
    expect(dry.out()).toContain('Nothing was written.');
    expect(readFileSync(file, 'utf8')).toBe(before);

    const run = capture(dir);
    expect(await runCli(['repair', dir, '--annotator', 'alice'], run.io)).toBe(0);
    expect(run.out()).toContain('Repaired 1 document(s): 1 span(s) moved, 1 orphan(s) left to place or drop in the app.');
    const stored = annotationFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(stored.textSha256).toBe(sha256Hex(edited));
    expect(stored.spans.map((s) => [s.id, s.start, s.quote])).toEqual([['m', edited.indexOf('The mayor'), 'The mayor']]);
    expect(stored.orphans?.map((o) => o.id)).toEqual(['p']);

    const again = capture(dir);
    expect(await runCli(['repair', dir, '--annotator', 'alice'], again.io)).toBe(0);
    expect(again.out()).toContain('needs a repair');
  });

  it('refuses a missing project with exit 1 and a wrong command line with exit 1', async () => {
    const { io, err } = capture('/');
    expect(await runCli(['repair', '/no/such/project', '--annotator', 'alice'], io)).toBe(1);
    expect(err()).toContain('factmark repair:');
    expect(await runCli(['repair'], capture('/').io)).toBe(1);
  });
});
