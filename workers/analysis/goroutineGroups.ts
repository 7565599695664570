import type { GoroutineSummaries, GoroutineTimes } from './goroutineSummaries';

/**
 * Goroutines grouped by start function, as `go tool trace`'s goroutine analysis lists them:
 * one row per function with the goroutine count and the summed time breakdown.
 */
export interface GoroutineGroups extends GoroutineTimes {
  count: number;
  /** Start function of the group ("" for goroutines never seen with a stack). */
  name: string[];
  goroutines: Int32Array;
}

/** Sums goroutine summaries per start function, groups in descending execution time. */
export function goroutineGroups(s: GoroutineSummaries): GoroutineGroups {
  const named = s.names.length;
  const reasons = s.blockReasons.length;
  const sum = (column: Float64Array) => {
    const out = new Float64Array(named);
    for (let g = 0; g < s.count; g++) out[s.name[g]] += column[g];
    return out;
  };
  const goroutines = new Int32Array(named);
  const blockNs = new Float64Array(named * reasons);
  for (let g = 0; g < s.count; g++) {
    goroutines[s.name[g]]++;
    for (let r = 0; r < reasons; r++)
      blockNs[s.name[g] * reasons + r] += s.blockNs[g * reasons + r];
  }
  const unsorted = {
    totalNs: sum(s.totalNs),
    execNs: sum(s.execNs),
    schedWaitNs: sum(s.schedWaitNs),
    syscallNs: sum(s.syscallNs),
    syscallBlockNs: sum(s.syscallBlockNs),
    unknownNs: sum(s.unknownNs),
  };
  // A window may leave a start function with no goroutine alive in it.
  const order = Array.from({ length: named }, (_, i) => i)
    .filter((i) => goroutines[i] > 0)
    .sort((a, b) => unsorted.execNs[b] - unsorted.execNs[a] || (s.names[a] < s.names[b] ? -1 : 1));
  const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i]);
  const sortedBlock = new Float64Array(order.length * reasons);
  order.forEach((from, to) => {
    sortedBlock.set(blockNs.subarray(from * reasons, (from + 1) * reasons), to * reasons);
  });
  return {
    count: order.length,
    name: order.map((i) => s.names[i]),
    goroutines: Int32Array.from(order, (i) => goroutines[i]),
    totalNs: pick(unsorted.totalNs),
    execNs: pick(unsorted.execNs),
    schedWaitNs: pick(unsorted.schedWaitNs),
    syscallNs: pick(unsorted.syscallNs),
    syscallBlockNs: pick(unsorted.syscallBlockNs),
    blockReasons: [...s.blockReasons],
    blockNs: sortedBlock,
    unknownNs: pick(unsorted.unknownNs),
  };
}
