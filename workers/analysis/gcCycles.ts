import {
  EventKind,
  GoState,
  MetricName,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import {
  modelRangeSpans,
  spanEnd,
  spanStart,
  SpanFlag,
  stwReason,
  type RangeSpans,
} from './rangeSpans';
import { lastAtOrBefore } from './sortedSearch';
import { SweepWork } from './sweepWork';

/**
 * One row per GC cycle (one "GC concurrent mark phase" range), in order. Times in ns, sizes in
 * bytes; NaN where the trace holds no value (a cycle cut off by the trace start or end).
 */
export interface GcCycles {
  count: number;
  /** GCBegin: emitted before the sweep-termination STW (runtime/mgc.go gcStart). */
  start: Float64Array;
  /** GCEnd: emitted inside the mark-termination STW. */
  end: Float64Array;
  /** SpanFlag bits: startedBefore (already running at trace start), unfinished. */
  flags: Uint8Array;
  sweepTermStart: Float64Array;
  sweepTermNs: Float64Array;
  markTermStart: Float64Array;
  markTermNs: Float64Array;
  /** Concurrent mark: from the end of sweep termination to the start of mark termination. */
  concurrentMarkNs: Float64Array;
  /**
   * Mark assists that started in the cycle: total length of their ranges (which includes time
   * parked waiting for mark work), number of ranges and of goroutines.
   */
  assistNs: Float64Array;
  assistCount: Int32Array;
  assistGoroutines: Int32Array;
  /**
   * Time assisting goroutines actually ran during their assists (CPU spent assisting), within
   * concurrent mark.
   */
  assistCpuNs: Float64Array;
  /**
   * Running time of background mark workers during concurrent mark, by the mode their label
   * names. A worker can keep running into the pauses and past GCEnd (it may run the cycle's
   * termination itself); that time is not concurrent mark work and is left out, so the
   * CPU share below counts no time twice.
   */
  dedicatedNs: Float64Array;
  fractionalNs: Float64Array;
  idleNs: Float64Array;
  /** Incremental sweeping after this cycle, until the next one begins. */
  sweepNs: Float64Array;
  sweptBytes: Float64Array;
  reclaimedBytes: Float64Array;
  /** GOMAXPROCS when the cycle began. */
  gomaxprocs: Int32Array;
  /**
   * Share of the CPU (GOMAXPROCS × time from GCBegin to the end of mark termination) spent on GC
   * in the cycle: both STWs on
   * every P, assist CPU and all background workers, idle ones included as gctrace counts them.
   */
  cpuFraction: Float64Array;
  /**
   * Heap live (HeapAlloc) when the cycle began and when mark termination began: gctrace's first
   * two sizes ("X->Y->Z MB").
   */
  heapStart: Float64Array;
  heapEnd: Float64Array;
  /**
   * Heap live at GCEnd: the runtime resets it to the bytes marked just before (mgc.go
   * gcMarkTermination), so it is the live heap the cycle found, gctrace's third size.
   */
  heapMarked: Float64Array;
  /** The heap goal in force during the cycle (the last HeapGoal before GCEnd). */
  goal: Float64Array;
  /** heapEnd − goal: positive when the heap outgrew the goal before marking finished. */
  overshootBytes: Float64Array;
}

const workerLabels = ['GC (dedicated)', 'GC (fractional)', 'GC (idle)'];

/** GC cycles with their pauses, mark work, sweeping and heap sizes. */
export function gcCycles(model: TraceModel): GcCycles {
  const spans = modelRangeSpans(model);
  const markName = model.strings.indexOf(RangeName.gcMark);
  const marks: number[] = [];
  for (let s = 0; s < spans.count; s++) if (spans.name[s] === markName) marks.push(s);
  const n = marks.length;
  const nan = () => new Float64Array(n).fill(NaN);
  const zero = () => new Float64Array(n);
  const cycles: GcCycles = {
    count: n,
    start: Float64Array.from(marks, (s) => spanStart(model, spans, s)),
    end: Float64Array.from(marks, (s) =>
      spans.flags[s] & SpanFlag.unfinished ? NaN : spanEnd(model, spans, s),
    ),
    flags: Uint8Array.from(marks, (s) => spans.flags[s]),
    sweepTermStart: nan(),
    sweepTermNs: nan(),
    markTermStart: nan(),
    markTermNs: nan(),
    concurrentMarkNs: nan(),
    assistNs: zero(),
    assistCount: new Int32Array(n),
    assistGoroutines: new Int32Array(n),
    assistCpuNs: zero(),
    dedicatedNs: zero(),
    fractionalNs: zero(),
    idleNs: zero(),
    sweepNs: zero(),
    sweptBytes: zero(),
    reclaimedBytes: zero(),
    gomaxprocs: new Int32Array(n),
    cpuFraction: nan(),
    heapStart: nan(),
    heapEnd: nan(),
    heapMarked: nan(),
    goal: nan(),
    overshootBytes: nan(),
  };
  if (n === 0) return cycles;
  const markTermBegin = addSpanWork(model, spans, cycles);
  addEventWork(model, spans, marks, markTermBegin, cycles);
  for (let c = 0; c < n; c++) {
    const sweepTermEnd = cycles.sweepTermStart[c] + cycles.sweepTermNs[c];
    cycles.concurrentMarkNs[c] = cycles.markTermStart[c] - sweepTermEnd;
    cycles.overshootBytes[c] = cycles.heapEnd[c] - cycles.goal[c];
    // GCEnd falls early in mark termination; the cycle's GC work lasts to that pause's end.
    const markTermEnd = cycles.markTermStart[c] + cycles.markTermNs[c];
    const wall = (Number.isNaN(markTermEnd) ? cycles.end[c] : markTermEnd) - cycles.start[c];
    const gcCpu =
      (cycles.sweepTermNs[c] + cycles.markTermNs[c]) * cycles.gomaxprocs[c] +
      cycles.assistCpuNs[c] +
      cycles.dedicatedNs[c] +
      cycles.fractionalNs[c] +
      cycles.idleNs[c];
    cycles.cpuFraction[c] = gcCpu / (wall * cycles.gomaxprocs[c]);
  }
  return cycles;
}

/** The cycle whose start is the latest at or before t, -1 before the first. */
export function cycleAt(start: Float64Array, t: number): number {
  return lastAtOrBefore(start, t);
}

/**
 * STW phases and assists, each assigned to the cycle that began last before it. Returns the event
 * that began each cycle's mark termination (-1 if none).
 */
function addSpanWork(model: TraceModel, spans: RangeSpans, cycles: GcCycles): Int32Array {
  const markTermBegin = new Int32Array(cycles.count).fill(-1);
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const { name: spanName, scopeId, scopeKind, flags, beginEvent } = spans;
  const cycleStart = cycles.start;
  const Goroutine = ResourceKind.Goroutine;
  // Per goroutine (dense index): the last cycle it was counted as assisting in. A goroutine's
  // assists follow one another, so its cycles only move forward.
  const goroutines = new DenseIds();
  let assistedIn = new Int32Array(0);
  const stwKind = new Map<number, string | null>();
  let c = -1;
  for (let s = 0; s < spans.count; s++) {
    const name = spanName[s];
    const t = spanStart(model, spans, s);
    // Spans come in start order, except that one already running when its generation began
    // starts at the generation's Sync, before spans begun just ahead of it: the cycle moves
    // forward, and back by a search in that case.
    if (c >= 0 && t < cycleStart[c]) c = cycleAt(cycleStart, t);
    else while (c + 1 < cycleStart.length && cycleStart[c + 1] <= t) c++;
    if (c < 0) continue;
    const d = spanEnd(model, spans, s) - t;
    if (name === assistName) {
      cycles.assistNs[c] += d;
      cycles.assistCount[c]++;
      const g = goroutines.index(scopeId[s]);
      if (g >= assistedIn.length) assistedIn = withRoom(assistedIn, g, -1);
      if (assistedIn[g] !== c) {
        assistedIn[g] = c;
        cycles.assistGoroutines[c]++;
      }
    } else if (scopeKind[s] === Goroutine && flags[s] === 0) {
      let reason = stwKind.get(name);
      if (reason === undefined) stwKind.set(name, (reason = stwReason(model.strings[name])));
      if (reason === 'GC sweep termination') {
        cycles.sweepTermStart[c] = t;
        cycles.sweepTermNs[c] = d;
      } else if (reason === 'GC mark termination') {
        cycles.markTermStart[c] = t;
        cycles.markTermNs[c] = d;
        markTermBegin[c] = beginEvent[s];
      }
    }
  }
  return markTermBegin;
}

/**
 * One pass over the events for what only the event order tells: heap live at the cycle's begin,
 * mark-termination and end events, the goal and GOMAXPROCS, the running time of labelled GC
 * workers and of goroutines inside an assist, and the sweeps.
 */
function addEventWork(
  model: TraceModel,
  spans: RangeSpans,
  marks: number[],
  markTermBegin: Int32Array,
  cycles: GcCycles,
) {
  const { kind, arg, count, transition } = model;
  const { name: metricName, value: metricValue } = model.metrics;
  const { name: rangeName, scopeId: rangeScope } = model.ranges;
  const heapName = model.strings.indexOf(MetricName.heapObjects);
  const goalName = model.strings.indexOf(MetricName.heapGoal);
  const procsName = model.strings.indexOf(MetricName.gomaxprocs);
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const sweepName = model.strings.indexOf(RangeName.gcSweep);
  const labelMode = workerLabels.map((l) => model.strings.indexOf(l));
  const workerTime = [cycles.dedicatedNs, cycles.fractionalNs, cycles.idleNs];
  const steps = goroutineSteps(model);
  // Codes as locals: read from the imported objects in this loop, they slow V8 down.
  const { Metric, Label, RangeBegin, RangeActive, RangeEnd, StateTransition } = EventKind;
  const { toRunning, fromRunning } = GoStep;
  const goroutines = new GoroutineWork();
  const mark = concurrentMark(cycles);
  const sweeps = new SweepWork(model, cycles);
  let heap = NaN;
  let goal = NaN;
  let procs = 0;
  // The next cycle whose begin event is ahead, and that event; the end event of the cycle
  // begun last; the next begun cycle whose mark termination is ahead, and that event.
  let next = 0;
  let nextBegin = spans.beginEvent[marks[0]];
  let lastEnd = -1;
  let termination = 0;
  let nextTermination = -1;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (i === nextBegin) {
      cycles.heapStart[next] = heap;
      cycles.gomaxprocs[next] = procs;
      lastEnd = spans.endEvent[marks[next]];
      next++;
      nextBegin = next < marks.length ? spans.beginEvent[marks[next]] : -1;
      termination = firstWithTermination(markTermBegin, termination, next);
      nextTermination = termination < next ? markTermBegin[termination] : -1;
    }
    if (i === nextTermination) {
      cycles.heapEnd[termination] = heap;
      termination = firstWithTermination(markTermBegin, termination + 1, next);
      nextTermination = termination < next ? markTermBegin[termination] : -1;
    }
    if (k === StateTransition) {
      const step = steps[transition[i]];
      if (step === 0) continue;
      const s = goroutines.find(arg[i]);
      if (s < 0) continue;
      const t = eventTime(model, i);
      if (goroutines.inAssist[s]) {
        if (step & toRunning) goroutines.assistSince[s] = t;
        else if (step & fromRunning) {
          const since = goroutines.assistSince[s];
          if (!Number.isNaN(since)) mark.add(cycles.assistCpuNs, since, t);
          goroutines.assistSince[s] = NaN;
        }
      }
      const mode = goroutines.stintMode[s];
      if (!(step & fromRunning) || mode < 0) continue;
      mark.add(workerTime[mode], goroutines.stintStart[s], t);
      goroutines.stintMode[s] = -1;
    } else if (k === Metric) {
      const name = metricName[arg[i]];
      const value = metricValue[arg[i]];
      if (name === heapName) heap = value;
      else if (name === goalName) goal = value;
      else if (name === procsName) procs = value;
    } else if (k === Label) {
      const mode = labelMode.indexOf(model.labels.label[arg[i]]);
      if (mode >= 0) {
        const s = goroutines.slot(model.labels.goroutine[arg[i]]);
        goroutines.stintMode[s] = mode;
        goroutines.stintStart[s] = eventTime(model, i);
      }
    } else if (k === RangeBegin || k === RangeActive || k === RangeEnd) {
      const row = arg[i];
      const name = rangeName[row];
      if (name === sweepName) sweeps.add(i, k, row);
      else if (i === lastEnd) {
        cycles.heapMarked[next - 1] = heap;
        cycles.goal[next - 1] = goal;
      } else if (name !== assistName) continue;
      else if (k === RangeBegin) {
        const s = goroutines.slot(rangeScope[row]); // The assisting goroutine emits it.
        goroutines.inAssist[s] = 1;
        goroutines.assistSince[s] = eventTime(model, i);
      } else if (k === RangeEnd) {
        const s = goroutines.slot(rangeScope[row]);
        const since = goroutines.assistSince[s];
        if (goroutines.inAssist[s] && !Number.isNaN(since)) {
          mark.add(cycles.assistCpuNs, since, eventTime(model, i));
        }
        goroutines.inAssist[s] = 0;
      }
    }
  }
  sweeps.finish();
}

/** The first cycle from `c` on, among those begun (below `begun`), that has a mark termination. */
function firstWithTermination(markTermBegin: Int32Array, c: number, begun: number): number {
  while (c < begun && markTermBegin[c] < 0) c++;
  return c;
}

/**
 * What a goroutine state transition shape tells the GC work, as bits: only starting or stopping
 * to run matters, so 0 for the rest (most of them: waking up, blocking while runnable…).
 */
const GoStep = { toRunning: 1, fromRunning: 2 } as const;

/** GoStep bits per row of `model.transitions`. */
function goroutineSteps({ transitions }: TraceModel): Uint8Array {
  const { resourceKind, from, to } = transitions;
  return Uint8Array.from(resourceKind, (resource, row) => {
    if (resource !== ResourceKind.Goroutine || from[row] === to[row]) return 0;
    return (
      (to[row] === GoState.Running ? GoStep.toRunning : 0) |
      (from[row] === GoState.Running ? GoStep.fromRunning : 0)
    );
  });
}

/**
 * Per goroutine with GC work (dense index): the mode (-1 none) and start of a labelled worker's
 * stint; whether it is in an assist, and since when it runs in it (NaN while not running).
 */
class GoroutineWork {
  stintMode = new Int8Array(0);
  stintStart = new Float64Array(0);
  inAssist = new Uint8Array(0);
  assistSince = new Float64Array(0);
  private readonly ids = new DenseIds();

  /** The dense index of goroutine `g`, -1 if it has had no GC work. */
  find(g: number): number {
    return this.ids.find(g);
  }

  /** The dense index of goroutine `g`, with room for its state. */
  slot(g: number): number {
    const s = this.ids.index(g);
    if (s >= this.stintMode.length) {
      this.stintMode = withRoom(this.stintMode, s, -1);
      this.stintStart = withRoom(this.stintStart, s, NaN);
      this.inAssist = withRoom(this.inAssist, s, 0);
      this.assistSince = withRoom(this.assistSince, s, NaN);
    }
    return s;
  }
}

/**
 * The concurrent mark of each cycle: between its two pauses, or its ends where one is missing.
 * `add` adds the part of [a, b) inside each cycle's concurrent mark to that cycle's column.
 */
function concurrentMark(cycles: GcCycles) {
  const from = cycles.start.map((start, c) =>
    Number.isNaN(cycles.sweepTermNs[c]) ? start : cycles.sweepTermStart[c] + cycles.sweepTermNs[c],
  );
  const to = cycles.end.map((end, c) =>
    !Number.isNaN(cycles.markTermStart[c])
      ? cycles.markTermStart[c]
      : Number.isNaN(end)
        ? Infinity
        : end,
  );
  const { start, count } = cycles;
  return {
    add(column: Float64Array, a: number, b: number): void {
      for (let c = Math.max(0, cycleAt(start, a)); c < count; c++) {
        if (start[c] >= b) break;
        const d = Math.min(b, to[c]) - Math.max(a, from[c]);
        if (d > 0) column[c] += d;
      }
    },
  };
}
