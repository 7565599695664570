/** Count, sum, maximum and nearest-rank percentiles of a set of pause durations. */
export interface PauseStats {
  count: number;
  totalNs: number;
  maxNs: number;
  p50Ns: number;
  p95Ns: number;
  p99Ns: number;
}

/**
 * Summarizes stop-the-world pauses (or any durations in ns). Percentiles use the nearest-rank
 * method: the p-th percentile is the smallest value with at least p% of the values at or below
 * it, so it is always one of the measured pauses, never an interpolation. An empty input gives
 * all zeros.
 */
export function pauseStats(durationsNs: Float64Array): PauseStats {
  const count = durationsNs.length;
  if (count === 0) return { count: 0, totalNs: 0, maxNs: 0, p50Ns: 0, p95Ns: 0, p99Ns: 0 };
  const sorted = Float64Array.from(durationsNs).sort();
  let totalNs = 0;
  for (const d of sorted) totalNs += d;
  return {
    count,
    totalNs,
    maxNs: sorted[count - 1],
    p50Ns: nearestRank(sorted, 50),
    p95Ns: nearestRank(sorted, 95),
    p99Ns: nearestRank(sorted, 99),
  };
}

/** The nearest-rank percentile of ascending values: the value at rank ceil(p/100 × n). */
export function nearestRank(sortedAscending: Float64Array, percent: number): number {
  const n = sortedAscending.length;
  if (n === 0) return 0;
  const rank = Math.max(1, Math.ceil((percent / 100) * n));
  return sortedAscending[Math.min(rank, n) - 1];
}
