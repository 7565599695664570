import type { GcCycles } from '../../../workers/gctrace/decodeGctrace';
import type { ScavengerSeries } from '../../../workers/gctrace/scavengerLines';
import type { StwPauseSeries } from '../gc/chartData';

/** The two pauses of a gc line, as gctrace names its clock phases (runtime/mgc.go). */
export const gctracePauseReasons = ['sweep termination', 'mark termination'];

/**
 * Both STW pauses of every cycle at their place in time. `@Ts` is when the cycle began (sweep
 * termination); mark termination starts after sweep termination and concurrent mark.
 */
export function gctracePauses(c: GcCycles): StwPauseSeries {
  const n = c.number.length;
  const start = new Float64Array(2 * n);
  const duration = new Float64Array(2 * n);
  const reason = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    start[2 * i] = c.startNs[i];
    duration[2 * i] = c.clockSweepTermNs[i];
    start[2 * i + 1] = c.startNs[i] + c.clockSweepTermNs[i] + c.clockMarkNs[i];
    duration[2 * i + 1] = c.clockMarkTermNs[i];
    reason[2 * i + 1] = 1;
  }
  return { reasons: gctracePauseReasons, start, duration, reason };
}

/** When each cycle ended: its start plus its three clock phases. */
export function cycleEnds(c: GcCycles): Float64Array {
  return c.startNs.map(
    (s, i) => s + c.clockSweepTermNs[i] + c.clockMarkNs[i] + c.clockMarkTermNs[i],
  );
}

export interface GctraceHeapSeries {
  /** Heap in use at each cycle's start and end, in time order. */
  heap: { time: Float64Array; value: Float64Array };
  /** Each cycle's goal, in force from the end of the previous cycle (where the pacer set it). */
  goal: { time: Float64Array; value: Float64Array };
  /** Marked (live) heap at each cycle's end: the base of the next goal. */
  marked: { time: Float64Array; value: Float64Array };
  cycles: { start: Float64Array; end: Float64Array };
}

/** The heap sizes of a gctrace log placed in time for the heap chart. */
export function gctraceHeapSeries(c: GcCycles): GctraceHeapSeries {
  const n = c.number.length;
  const end = cycleEnds(c);
  const heapTime = new Float64Array(2 * n);
  const heapValue = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    heapTime[2 * i] = c.startNs[i];
    heapValue[2 * i] = c.heapStartBytes[i];
    heapTime[2 * i + 1] = end[i];
    heapValue[2 * i + 1] = c.heapEndBytes[i];
  }
  return {
    heap: { time: heapTime, value: heapValue },
    goal: {
      time: c.startNs.map((s, i) => (i > 0 ? Math.min(s, end[i - 1]) : s)),
      value: c.heapGoalBytes.slice(),
    },
    marked: { time: end, value: c.heapLiveBytes.slice() },
    cycles: { start: c.startNs.slice(), end },
  };
}

/**
 * GC's share of the CPU during each cycle: all five CPU phases over GOMAXPROCS × the cycle's
 * wall time, as a percentage. (The line's own P% is cumulative since program start.)
 */
export function cycleCpuPercent(c: GcCycles): Float64Array {
  const end = cycleEnds(c);
  return c.startNs.map((s, i) => {
    const cpu =
      c.cpuSweepTermNs[i] +
      c.cpuAssistNs[i] +
      c.cpuBackgroundNs[i] +
      c.cpuIdleNs[i] +
      c.cpuMarkTermNs[i];
    const wall = (end[i] - s) * c.procs[i];
    return wall > 0 ? (100 * cpu) / wall : NaN;
  });
}

/** Mark assists' share of the concurrent mark CPU time (assist + background + idle), percent. */
export function assistSharePercent(c: GcCycles): Float64Array {
  return c.cpuAssistNs.map((a, i) => {
    const mark = a + c.cpuBackgroundNs[i] + c.cpuIdleNs[i];
    return mark > 0 ? (100 * a) / mark : NaN;
  });
}

/** Time from each cycle's start to the next one's (n−1 values). */
export function cycleIntervals(c: GcCycles): Float64Array {
  const n = c.startNs.length;
  return Float64Array.from(
    { length: Math.max(0, n - 1) },
    (_, i) => c.startNs[i + 1] - c.startNs[i],
  );
}

/**
 * Scavenger lines placed at the start of the gc cycle printed before them (scavenger lines carry
 * no time of their own); lines before the first cycle sit at 0.
 */
export function scavengerTimes(s: ScavengerSeries, c: GcCycles): Float64Array {
  const startOf = new Map<number, number>();
  for (let i = 0; i < c.number.length; i++) startOf.set(c.number[i], c.startNs[i]);
  return Float64Array.from(s.afterCycle, (n) => startOf.get(n) ?? 0);
}
