import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Transport-level checks of the serve server. The server listens on 127.0.0.1 only, but any web
 * page the user visits can still send requests to it, so every request must prove it comes from
 * the page we served: the right Host (defeats DNS rebinding), a same-origin Origin when the browser
 * sends one (defeats cross-site requests) and, for the API, the secret token printed at start-up.
 */

export const TOKEN_HEADER = 'x-factmark-token';

/** 24 random bytes, base64url: unguessable and safe in a URL query. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The Host header values that name this server (a rebinding attack sends its own host name). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** An Origin header, when present, must be this server; `null` and foreign origins are refused. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

/**
 * Constant-time token comparison. Both sides are hashed first so that timingSafeEqual always gets
 * equal-length inputs and the length of the secret does not leak either.
 */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `application/json`, optionally with parameters such as `; charset=utf-8`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}
