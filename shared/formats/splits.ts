import type { DocumentMeta } from '../model/schemas';
import { SPLIT_NAMES, type SplitName, type SplitOptions } from './exportOptions';

/**
 * Train / dev / test splits of whole documents, reproducible from a seed. With `groupBy`, all
 * documents sharing that metadata value (e.g. the outlet) land in the same split, so copies or
 * rewrites of one story never straddle splits. Documents without a value form groups of one.
 *
 * Groups are sorted by key, shuffled with a seeded PRNG (mulberry32, a tiny well-known 32-bit
 * generator: same seed, same order on every platform), then each group goes to the split
 * furthest below its target share of documents.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function assignSplits(docs: readonly Pick<DocumentMeta, 'id' | 'outlet' | 'date' | 'source' | 'title'>[], opts: SplitOptions): Map<string, SplitName> {
  const groups = new Map<string, string[]>();
  for (const d of docs) {
    const value = opts.groupBy ? d[opts.groupBy] : null;
    const key = value !== null && value !== undefined && value.trim() !== '' ? `g:${value.trim().toLowerCase()}` : `d:${d.id}`;
    groups.set(key, [...(groups.get(key) ?? []), d.id]);
  }
  const keys = [...groups.keys()].sort();
  const random = mulberry32(opts.seed);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  const sum = opts.train + opts.dev + opts.test;
  const share: Record<SplitName, number> = { train: opts.train / sum, dev: opts.dev / sum, test: opts.test / sum };
  const filled: Record<SplitName, number> = { train: 0, dev: 0, test: 0 };
  const total = docs.length;
  const out = new Map<string, SplitName>();
  for (const key of keys) {
    const ids = groups.get(key) as string[];
    // The split with the largest shortfall (target minus documents so far) takes the group.
    let best: SplitName | null = null;
    let bestGap = -Infinity;
    for (const name of SPLIT_NAMES) {
      if (share[name] === 0) continue;
      const gap = share[name] * total - filled[name];
      if (gap > bestGap) {
        bestGap = gap;
        best = name;
      }
    }
    const chosen = best ?? 'train';
    filled[chosen] += ids.length;
    for (const id of ids) out.set(id, chosen);
  }
  return out;
}
