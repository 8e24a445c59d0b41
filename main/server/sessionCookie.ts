import { tokenMatches } from './requestGuards';

/**
 * The browser's proof of access after its first visit. The address `factmark serve` prints
 * carries the access token in its query; that first request is answered with a redirect to the
 * bare address and an HttpOnly, SameSite=Strict cookie holding a session secret (never the token
 * itself), so the token leaves the address bar and the history, page scripts cannot read the
 * cookie, and no other site's request carries it. Cookies ignore ports, so the name carries the
 * port: two servers on one machine keep their own.
 */

export const TOKEN_QUERY = 'token';

export const sessionCookieName = (port: number) => `factmark-session-${port}`;

export function sessionCookie(port: number, session: string): string {
  return `${sessionCookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const hasSession = (cookieHeader: string | undefined, port: number, session: string) => tokenMatches(cookieValue(cookieHeader, sessionCookieName(port)), session);

/** The address to send a browser to once its token is exchanged: the same path and query, without the token. */
export function withoutToken(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete(TOKEN_QUERY);
  const rest = query.toString();
  return `${url.pathname}${rest ? `?${rest}` : ''}`;
}
