/**
 * Promise.all over `items` with at most `limit` calls in flight, results in input order. Reading
 * every file of a large project at once would hold all of them in memory together; a small
 * window keeps the disk busy without that.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * fn over `items` in input order, with up to `ahead` later items already being read while the
 * caller handles the current one: a streaming consumer keeps the disk busy without holding more
 * than `ahead` results. A failure surfaces when its item's turn comes (never as an unhandled
 * rejection of an item read ahead and not reached).
 */
export async function* mapAhead<T, R>(items: readonly T[], ahead: number, fn: (item: T, index: number) => Promise<R>): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    // The item being handled plus `ahead` more.
    while (next < items.length && window.length < ahead + 1) {
      const p = fn(items[next] as T, next);
      p.catch(() => undefined);
      window.push(p);
      next++;
    }
  };
  fill();
  while (window.length > 0) {
    const result = await (window.shift() as Promise<R>);
    yield result;
    fill();
  }
}
