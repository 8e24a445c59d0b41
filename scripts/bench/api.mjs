import { performance } from 'node:perf_hooks';

const TOKEN_HEADER = 'x-factmark-token';
const REQUEST_TIMEOUT_MS = 60_000;

/** The HTTP API of `factmark serve`, as the browser client calls it (POST /api/<op>, token header). */
export function apiClient(serveUrl) {
  const url = new URL(serveUrl);
  const token = url.searchParams.get('token');
  async function call(operation, input) {
    const res = await fetch(new URL(`/api/${operation}`, url.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const raw = await res.text();
    const result = JSON.parse(raw);
    if (!result.ok) throw new Error(`${operation} failed: ${result.error?.message ?? raw.slice(0, 200)}`);
    return { value: result.value, bytes: Buffer.byteLength(raw) };
  }
  return { call };
}

/** Time `runs` calls, each from the request to the whole response parsed (ms). */
export async function timeCalls(api, operation, input, runs) {
  const samples = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = await api.call(operation, input);
    samples.push(performance.now() - t0);
    bytes = out.bytes;
  }
  return { samples, responseBytes: bytes };
}

/** The saveAnnotations input that writes back what getDocument returned (the app's autosave). */
export function saveInputFrom(docId, view) {
  return {
    docId,
    status: view.status === 'todo' ? 'in_progress' : view.status,
    spans: view.spans.map(({ id, start, end, label, createdAt, updatedAt }) => ({ id, start, end, label, createdAt, updatedAt })),
  };
}
