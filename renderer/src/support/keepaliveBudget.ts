/**
 * Browsers refuse a `keepalive` fetch once the bodies of the keepalive requests in flight would
 * pass 64 KiB (Fetch standard, "HTTP-network-or-cache fetch"; Chromium rejects with "Failed to
 * fetch"). On a busy machine the server answers slowly, requests overlap, and a save could be
 * refused by the browser itself, showing "Lost contact" although the server is fine. Requests
 * take keepalive (which lets a save started while the page closes still arrive) only while the
 * bytes in flight stay under the limit; the others go as ordinary requests.
 */
export const KEEPALIVE_BUDGET_BYTES = 60 * 1024;

export interface KeepaliveBudget {
  /** Reserve room for a body of this many bytes; false when it would not fit (send it without keepalive). */
  reserve(bytes: number): boolean;
  release(bytes: number): void;
  inFlight(): number;
}

export function createKeepaliveBudget(limit = KEEPALIVE_BUDGET_BYTES): KeepaliveBudget {
  let used = 0;
  return {
    reserve(bytes) {
      if (used + bytes > limit) return false;
      used += bytes;
      return true;
    },
    release(bytes) {
      used = Math.max(0, used - bytes);
    },
    inFlight: () => used,
  };
}

/** The UTF-8 size of a request body (what the browser counts), without encoding large ones. */
export function bodyBytes(body: string, atMost: number): number {
  // Each UTF-16 unit is at least one UTF-8 byte: a longer string cannot fit anyway.
  if (body.length > atMost) return body.length;
  return new TextEncoder().encode(body).length;
}
