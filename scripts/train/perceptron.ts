import perceptron from 'wink-perceptron';
import { mulberry32 } from '../../shared/formats/splits';

/**
 * Training with wink-perceptron (a multi-class averaged perceptron, winkjs), made reproducible:
 * its own shuffling uses Math.random, so it is off and the examples are given in a seeded order
 * per epoch instead (mulberry32), all epochs in one pass (`maxIterations: 1`), which is the same
 * algorithm. The result is the averaged weights per feature and class, rounded by wink to 3 decimals.
 */
export interface TrainedWeights {
  classes: string[];
  bias: number[];
  /** feature -> weight per class (in `classes` order), features sorted, all-zero rows dropped. */
  features: [string, number[]][];
}

export function seededOrder<T>(items: readonly T[], epochs: number, seed: number): T[] {
  const out: T[] = [];
  for (let e = 0; e < epochs; e++) {
    const random = mulberry32(seed + e);
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    out.push(...copy);
  }
  return out;
}

/**
 * Learn from `items` in a seeded order over `epochs`; `extract` turns one item into its
 * (features, class) examples (a sentence into its tokens).
 */
export function trainPerceptron<T>(
  items: readonly T[],
  extract: (item: T) => [string[], string][],
  classes: readonly string[],
  epochs: number,
  seed: number,
  minCount = 1,
): TrainedWeights {
  // Features seen fewer than minCount times in the training items are left out (noise, size).
  let keep: ((f: string) => boolean) | null = null;
  if (minCount > 1) {
    const counts = new Map<string, number>();
    for (const item of items) for (const [fs] of extract(item)) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
    keep = (f) => (counts.get(f) ?? 0) >= minCount;
  }
  const p = perceptron();
  p.defineConfig({
    shuffleData: false,
    maxIterations: 1,
    featureExtractor: (item: unknown) =>
      extract(item as T).map(([features, label]) => {
        const obj: Record<string, number> = {};
        for (const f of features) if (keep === null || keep(f)) obj[f] = 1;
        return [obj, { label }];
      }),
  });
  p.learn(seededOrder(items, epochs, seed));
  const [weights, biases] = JSON.parse(p.exportJSON()) as [Record<string, Record<string, number>>, Record<string, number>];
  const features: [string, number[]][] = [];
  for (const f of Object.keys(weights).sort()) {
    const row = classes.map((c) => weights[f]?.[c] ?? 0);
    if (row.some((w) => w !== 0)) features.push([f, row]);
  }
  return { classes: [...classes], bias: classes.map((c) => biases[c] ?? 0), features };
}
