// Summary statistics for timing samples. Nearest-rank percentiles: with 5-30 samples an
// interpolated p95 would invent values that were never measured.

/** The value at quantile q (0..1) of the samples, nearest rank; null for no samples. */
export function quantile(samples, q) {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** n, median, p95 and max of a list of numbers. */
export function summarize(samples) {
  return {
    n: samples.length,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: samples.length ? Math.max(...samples) : null,
  };
}
