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

  it('explains a refused token', async () => {
    const api = createHttpBridge('bad', async () => ({ ok: false, status: 401, json: async () => ({}) }));
    const result = await api.getSession({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/access token/);
  });
});
