import { afterEach, describe, expect, it } from 'vitest';
import type { FactmarkHandlers } from '../../shared/api/contract';
import { ok } from '../../shared/api/result';
import { dispatch } from './factmarkService';
import { makeService, projectWithAnnotator, removeTempDirs } from './serviceTestKit';

afterEach(removeTempDirs);

describe('dispatch', () => {
  it('refuses unknown operations, including inherited property names', async () => {
    const { service } = makeService();
    for (const name of ['deleteEverything', 'toString', '__proto__', 'constructor']) {
      const result = await dispatch(service, name, {});
      expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: `Unknown operation "${name}".` } });
    }
  });

  it('refuses inputs that do not match the contract, before any handler runs', async () => {
    const calls: string[] = [];
    const spy = new Proxy({} as FactmarkHandlers, {
      get: (_t, name) => async () => {
        calls.push(String(name));
        return ok(null);
      },
    });
    const bad: [string, unknown][] = [
      ['getDocument', { docId: '../../etc/passwd' }],
      ['getDocument', {}],
      ['setAnnotator', { name: '' }],
      ['openProject', { path: 'x', extra: true }],
      ['saveAnnotations', { docId: 'a', status: 'finished', spans: [] }],
      ['saveAnnotations', { docId: 'a', status: 'done', spans: [{ id: 's', start: -1, end: 2, label: 'x', createdAt: 'now', updatedAt: 'now' }] }],
      ['exportProject', { format: 'xml' }],
      ['getSession', 'not an object'],
    ];
    for (const [name, input] of bad) {
      const result = await dispatch(spy, name, input);
      expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-input');
        expect(result.error.message).toContain(`Invalid input for ${name}`);
      }
    }
    expect(calls).toEqual([]);
  });

  it('passes parsed input (with defaults) to the handler', async () => {
    const seen: unknown[] = [];
    const handlers = {
      exportProject: async (input: unknown) => {
        seen.push(input);
        return ok('done');
      },
    } as unknown as FactmarkHandlers;
    expect(await dispatch(handlers, 'exportProject', { format: 'jsonl' })).toEqual({ ok: true, value: 'done' });
    expect(seen).toEqual([{ format: 'jsonl', scope: 'done' }]);
  });

  it('turns a thrown error into an internal failure instead of throwing', async () => {
    const handlers = {
      getProject: async () => {
        throw new Error('boom');
      },
    } as unknown as FactmarkHandlers;
    expect(await dispatch(handlers, 'getProject', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Unexpected error: boom' },
    });
  });

  it('runs real operations end to end', async () => {
    const { service } = await projectWithAnnotator();
    const result = await dispatch(service, 'getProject', undefined);
    expect(result.ok && (result.value as { name: string }).name).toBe('Test project');
  });

  it('reports file-system errors as io failures naming the file', async () => {
    const { service } = makeService({ dataDir: '/dev/null/factmark' });
    const result = await dispatch(service, 'setAnnotator', { name: 'alice' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('io');
      expect(result.error.message).toMatch(/^\/dev\/null\/factmark.*: part of the path is not a folder\.$/);
      expect(result.error.file).toMatch(/^\/dev\/null\/factmark/);
    }
  });
});
