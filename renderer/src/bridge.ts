import type { FactmarkApi, OperationName } from '../../shared/api/contract';
import { PRELOAD_OPERATION_NAMES } from '../../shared/api/operationNames';
import { fail, type Result } from '../../shared/api/result';
import { bodyBytes, createKeepaliveBudget, KEEPALIVE_BUDGET_BYTES } from './support/keepaliveBudget';

/**
 * The one module that talks to Factmark's services. In Electron the preload exposes
 * `window.factmark` (IPC); under `factmark serve` the same API is reached over loopback HTTP,
 * authenticated by the session cookie the server set when the page was opened from the address it
 * printed (main/server/sessionCookie.ts), or by a token given explicitly.
 */
export type MenuCommandSource = { onMenuCommand?(cb: (cmd: string) => void): () => void };
export type Bridge = FactmarkApi & MenuCommandSource;

declare global {
  interface Window {
    factmark?: Bridge;
  }
}

export const LOST_CONTACT_MESSAGE = 'Lost contact with Factmark: is `factmark serve` still running?';

type FetchInit = { method: string; headers: Record<string, string>; body: string; keepalive?: boolean };
type FetchLike = (url: string, init: FetchInit) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

function transportRefusal(status: number): Result<never> {
  if (status === 401 || status === 403) {
    return fail('io', 'Factmark refused the request: open the exact address `factmark serve` printed (it contains the access token).');
  }
  if (status === 413) return fail('io', 'That request is too large for Factmark (the limit is 40 MB).');
  return fail('io', `Factmark answered with an unexpected HTTP status ${status}.`);
}

/** An HTTP client of `factmark serve` implementing the same API as the Electron preload. */
export function createHttpBridge(token: string, fetchImpl: FetchLike, baseUrl = ''): Bridge {
  const keepalive = createKeepaliveBudget();
  const call = async (name: OperationName, input: unknown): Promise<Result<unknown>> => {
    const body = JSON.stringify(input ?? {});
    const init: FetchInit = {
      method: 'POST',
      headers: token ? { 'content-type': 'application/json', 'x-factmark-token': token } : { 'content-type': 'application/json' },
      body,
    };
    // A save started while the page closes must still reach the server; browsers allow
    // keepalive only while the bodies in flight stay under 64 KB in total (keepaliveBudget.ts).
    const bytes = bodyBytes(body, KEEPALIVE_BUDGET_BYTES);
    const reserved = keepalive.reserve(bytes);
    if (reserved) init.keepalive = true;
    try {
      let response;
      try {
        response = await fetchImpl(`${baseUrl}/api/${name}`, init);
      } catch {
        return fail('io', LOST_CONTACT_MESSAGE);
      }
      if (!response.ok) return transportRefusal(response.status);
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        return fail('io', LOST_CONTACT_MESSAGE);
      }
    } finally {
      // In flight until its answer is read whole.
      if (reserved) keepalive.release(bytes);
    }
  };
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of PRELOAD_OPERATION_NAMES) api[name] = (input) => call(name, input);
  return api as unknown as Bridge;
}

function pickBridge(): Bridge {
  if (typeof window !== 'undefined' && window.factmark) return window.factmark;
  // The server exchanged the address's token for an HttpOnly cookie and dropped it from the address;
  // same-origin requests carry the cookie.
  return createHttpBridge('', (url, init) => fetch(url, { ...init, credentials: 'same-origin' }));
}

export const bridge: Bridge = pickBridge();

/** True inside the Electron shell (preload present). */
export const isElectron = (): boolean => typeof window !== 'undefined' && window.factmark !== undefined;
