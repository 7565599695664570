import type { GoroutineSummaries } from '../../../../workers/analysis/goroutineSummaries';

/** Share of the trace a goroutine must spend blocked, and still be blocked at the end, to be flagged. */
export const leakBlockedShare = 0.8;

/**
 * Goroutines that may have leaked: alive when the trace ended and blocked for most of it (a
 * goroutine waiting forever on a channel nobody will send to looks exactly like this).
 * Returns one flag per summary row.
 */
export function possibleLeaks(s: GoroutineSummaries, traceNs: number): Uint8Array {
  const reasons = s.blockReasons.length;
  const flags = new Uint8Array(s.count);
  for (let g = 0; g < s.count; g++) {
    if (!Number.isNaN(s.endTime[g])) continue;
    let blocked = 0;
    for (let r = 0; r < reasons; r++) blocked += s.blockNs[g * reasons + r];
    if (traceNs > 0 && blocked >= leakBlockedShare * traceNs) flags[g] = 1;
  }
  return flags;
}

/** Total blocked time of a row of a row-major [row × reason] table. */
export function blockedTotal(blockNs: Float64Array, reasons: number, row: number): number {
  let sum = 0;
  for (let r = 0; r < reasons; r++) sum += blockNs[row * reasons + r];
  return sum;
}

/** The reason a row was blocked for longest, '' when never blocked. */
export function topBlockReason(
  blockNs: Float64Array,
  names: readonly string[],
  row: number,
): string {
  let best = -1;
  for (let r = 0; r < names.length; r++) {
    const v = blockNs[row * names.length + r];
    if (v > 0 && (best < 0 || v > blockNs[row * names.length + best])) best = r;
  }
  return best < 0 ? '' : names[best];
}
