import { describe, expect, it } from 'vitest';
import { createHttpBridge, LOST_CONTACT_MESSAGE } from './bridge';

describe('HTTP bridge', () => {
  it('posts the operation input as JSON with the token and returns the Result', async () => {
    const calls: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
    const api = createHttpBridge('tok', async (url, init) => {
      calls.push({ url, init });
      return { ok: true, status: 200, json: async () => ({ ok: true, value: { path: null } }) };
    });
    await expect(api.chooseFolder({ purpose: 'open' })).resolves.toEqual({ ok: true, value: { path: null } });
    expect(calls).toEqual([
      {
        url: '/api/chooseFolder',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-factmark-token': 'tok' },
          body: '{"purpose":"open"}',
          keepalive: true,
        },
      },
    ]);
  });

  it('without a token (the page, authenticated by its cookie) sends no token header', async () => {
    const headers: Record<string, string>[] = [];
    const api = createHttpBridge('', async (_url, init) => {
      headers.push(init.headers);
      return { ok: true, status: 200, json: async () => ({ ok: true, value: null }) };
    });
    await api.getSession({});
    expect(headers).toEqual([{ 'content-type': 'application/json' }]);
  });

  it('turns a network failure into an io error a user can act on', async () => {
    const api = createHttpBridge('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.getSession({})).resolves.toEqual({ ok: false, error: { code: 'io', message: LOST_CONTACT_MESSAGE } });
  });

  it('keeps the keepalive bodies in flight under the 64 KB limit of browsers; the others go without keepalive', async () => {
    // Browsers refuse ("Failed to fetch") a keepalive request that would pass 64 KB in flight: on a
    // busy machine two large saves overlapping made the second one fail as "Lost contact".
    const pending: { keepalive: boolean; answer: () => void }[] = [];
    const api = createHttpBridge('tok', (_url, init) => new Promise((resolve) => {
      pending.push({ keepalive: init.keepalive === true, answer: () => resolve({ ok: true, status: 200, json: async () => ({ ok: true, value: null }) }) });
    }));
    const big = (n: number) => ({ docId: 'd', status: 'todo' as const, spans: [], relations: [], baseRevision: 'x'.repeat(n) });
    const first = api.saveAnnotations(big(40_000));
    const second = api.saveAnnotations(big(40_000));
    const small = api.pollChanges({ since: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.map((p) => p.keepalive)).toEqual([true, false, true]);
    pending[0]!.answer();
    await first;
    const third = api.saveAnnotations(big(40_000));
    await new Promise((r) => setTimeout(r, 0));
    expect(pending[3]?.keepalive).toBe(true);
    for (const p of pending.slice(1)) p.answer();
    await Promise.all([second, small, third]);
    // Multi-byte text counts as the browser counts it (UTF-8): 25,000 × "é" is 50,000 bytes.
    const accents = api.saveAnnotations({ ...big(0), baseRevision: 'é'.repeat(25_000) });
    const more = api.saveAnnotations({ ...big(0), baseRevision: 'é'.repeat(25_000) });
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.slice(4).map((p) => p.keepalive)).toEqual([true, false]);
    for (const p of pending.slice(4)) p.answer();
    await Promise.all([accents, more]);
  });

  it('explains a refused token', async () => {
    const api = createHttpBridge('bad', async () => ({ ok: false, status: 401, json: async () => ({}) }));
    const result = await api.getSession({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/access token/);
  });
});
