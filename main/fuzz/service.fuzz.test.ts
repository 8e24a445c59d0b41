import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type FactmarkHandlers } from '../../shared/api/contract';
import { ok, type Result } from '../../shared/api/result';
import { dispatch } from '../services/factmarkService';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from '../services/serviceTestKit';
import { FUZZ_RUNS, fuzz, hostileJsonText, hostileLeaf } from './fuzzKit';

/**
 * The project readers (project.json, documents/<id>.json, annotations/<annotator>/<id>.json)
 * through the service, over a real project whose files are replaced by hostile contents, and the
 * contract's input validation (dispatch with arbitrary JSON). Every case must answer a Result
 * (never 'internal', which would be a bug), keep any file it sets aside byte-identical, and write
 * nothing else: no partial or temporary files.
 */

/** File-system cases are slower than pure ones: the same count, capped so the suite stays quick on CI. */
const FILE_RUNS = Math.min(FUZZ_RUNS, Number(process.env.FUZZ_FILE_RUNS) || 1000);

let ctx: Awaited<ReturnType<typeof projectWithAnnotator>> & { docId: string };
let originals: Record<string, string>;
const files = () => ({
  project: join(ctx.dir, 'project.json'),
  meta: join(ctx.dir, 'documents', `${ctx.docId}.json`),
  annotation: join(ctx.dir, 'annotations', 'alice', `${ctx.docId}.json`),
});

beforeAll(async () => {
  const base = await projectWithAnnotator();
  const docId = await importText(base.service, 'story.txt', 'Alice said 40 people came. 😀 Bob denied it.\n');
  unwrap(await base.service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor'), span('n', 11, 13, 'number')] }));
  ctx = { ...base, docId };
  originals = Object.fromEntries(Object.entries(files()).map(([k, f]) => [k, readFileSync(f, 'utf8')]));
});

afterAll(async () => {
  await (ctx?.service as { dispose?: () => Promise<void> } | undefined)?.dispose?.();
  await removeTempDirs();
});

/** Files that are neither the project's own nor its history/lock bookkeeping: must never appear. */
function strayFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tmp|~$|\.\d+$/.test(e.name) && !/\.invalid-/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function isResult(r: Result<unknown>): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.error.code).not.toBe('internal');
    expect(r.error.message.length).toBeGreaterThan(0);
  }
}

describe('fuzz: project files read through the service', () => {
  for (const which of ['project', 'meta', 'annotation'] as const) {
    it(`${which} file: every hostile content ends in a result or a typed error, nothing rewritten`, async () => {
      const valid = JSON.parse(originals[which]!);
      await fuzz(
        `service reader: ${which === 'project' ? 'project.json' : which === 'meta' ? 'documents/<id>.json' : 'annotations/<annotator>/<id>.json'}`,
        fc.asyncProperty(hostileJsonText(valid), async (content) => {
          const f = files();
          // What lands on disk (a lone surrogate is written as U+FFFD): the bytes to compare with.
          const bytes = Buffer.from(content, 'utf8');
          writeFileSync(f[which], bytes);
          isResult(await ctx.service.getProject({}));
          isResult(await ctx.service.getDocument({ docId: ctx.docId }));
          if (which === 'project') isResult(await ctx.service.getSession({}));
          const folder = join(f[which], '..');
          const base = `${ctx.docId}.json`;
          if (which === 'annotation') {
            // Either kept as it is, or moved aside byte-identical: never rewritten, never lost.
            const aside = readdirSync(folder).filter((n) => n.startsWith(`${base}.invalid-`));
            if (existsSync(f.annotation)) expect(readFileSync(f.annotation).equals(bytes)).toBe(true);
            else {
              expect(aside).toHaveLength(1);
              expect(readFileSync(join(folder, aside[0]!)).equals(bytes)).toBe(true);
            }
            for (const n of aside) rmSync(join(folder, n));
          } else {
            expect(readFileSync(f[which]).equals(bytes)).toBe(true);
          }
          expect(strayFiles(ctx.dir)).toEqual([]);
          writeFileSync(f[which], originals[which]!);
          if (!existsSync(f.annotation)) writeFileSync(f.annotation, originals.annotation!);
          // An invalid project.json closes the project (getSession): open it again for the next case.
          if (which === 'project') unwrap(await ctx.service.openProject({ path: ctx.dir }));
        }),
        FILE_RUNS,
      );
      // The untouched project still reads as before.
      const doc = unwrap(await ctx.service.getDocument({ docId: ctx.docId }));
      expect(doc.spans.map((s) => s.id)).toEqual(['a', 'n']);
    });
  }
});

describe('fuzz: contract input validation', () => {
  it('dispatch answers any operation name and any JSON input with a Result; handlers see only valid input', async () => {
    const seen: string[] = [];
    const stub = Object.fromEntries(
      OPERATION_NAMES.map((name) => [
        name,
        async () => {
          seen.push(name);
          return ok(null);
        },
      ]),
    ) as unknown as FactmarkHandlers;
    const { contract } = await import('../../shared/api/contract');
    const name = fc.oneof(fc.constantFrom(...OPERATION_NAMES), fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
    const input = fc.oneof(fc.jsonValue(), hostileLeaf, fc.dictionary(fc.constantFrom('docId', 'path', 'spans', 'status', 'files', 'name', 'since', 'place', 'drop'), fc.oneof(fc.jsonValue(), hostileLeaf)));
    await fuzz(
      'contract dispatch (arbitrary JSON)',
      fc.asyncProperty(name, input, async (n, raw) => {
        const before = seen.length;
        const r = await dispatch(stub, n, raw);
        expect(typeof r.ok).toBe('boolean');
        if (seen.length > before) {
          // The handler ran: the input was valid for that operation.
          expect((contract as Record<string, { input: { safeParse(v: unknown): { success: boolean } } }>)[n]!.input.safeParse(raw ?? {}).success).toBe(true);
        } else if (!r.ok) {
          expect(r.error.code).toBe('invalid-input');
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('the real service answers arbitrary input to its reading operations with a Result', async () => {
    const readOps = ['getSession', 'getProject', 'getDocument', 'listVersions', 'pollChanges'].filter((n) => (OPERATION_NAMES as readonly string[]).includes(n));
    await fuzz(
      'service dispatch, reading operations',
      fc.asyncProperty(fc.constantFrom(...readOps), fc.oneof(fc.jsonValue(), fc.record({ docId: fc.oneof(fc.constant(ctx.docId), fc.string(), hostileLeaf) }), fc.record({ since: hostileLeaf })), async (n, raw) => {
        isResult(await dispatch(ctx.service, n, raw));
      }),
      FILE_RUNS,
    );
  });
});
