import type { EventTimes } from './eventTimes';

/**
 * The decoded Go execution trace: one columnar table of events in the global order Go's own
 * reader yields them (golang.org/x/exp/trace Reader.ReadEvent), plus interned strings and stacks.
 *
 * It mirrors the high-level event API of x/exp/trace (src/internal/trace/event.go): every event
 * has a kind (EventKind), a time, a scheduling context (G, P, M) and a stack; the kind decides
 * which argument columns mean something. Analyses can be written by reading cmd/trace and
 * internal/trace (gc.go, summary.go) and replacing `ev.Kind()`, `ev.Range()`,
 * `ev.StateTransition()`... with the column reads and helpers below.
 *
 * Everything is plain data (typed arrays, string arrays), so a model is transferable between
 * threads. Per event it costs 4 (time) + 1 (kind) + 4 (g) + 1 (P and M) + 2 (stack) + 4 (arg)
 * + 1 (transition) = 17 bytes; the rarer kinds keep their details in small side tables. The
 * columns for P and M, stack and transition are narrow when every value fits, as it nearly
 * always does, and wider otherwise: read them as numbers, not as a particular array type.
 */
export interface TraceModel extends EventTimes {
  /** Trace format version from the header, e.g. "1.26" (1.22, 1.23, 1.25, 1.26, or an old one). */
  version: string;
  /** Number of events; every event column has exactly this length. */
  count: number;

  /**
   * Event times, in nanoseconds since the first event of the trace: read them with
   * `eventTime(model, i)` (eventTimes.ts says how they are stored). The parser subtracts the
   * first timestamp in ticks before converting to ns, so values stay exact. Non-decreasing (Go
   * forces strictly increasing times within a generation).
   */
  timeBase: Float64Array;
  timeOffset: Uint32Array | Float64Array;
  /** EventKind of each event. */
  kind: Uint8Array;
  /** Goroutine whose context the event happened in (Go's Event.Goroutine()), -1 for none. */
  g: Int32Array;
  /**
   * P and M (thread) of the event's context (Event.Proc(), Event.Thread()), as a row of
   * `procThreads`: a trace has a few dozen distinct pairs, so one byte per event holds both.
   * Read them with `eventProc` and `eventThread`.
   */
  procThread: Uint8Array | Uint16Array | Int32Array;
  /** The distinct (P, M) pairs of the trace, -1 for none. */
  procThreads: { p: Int32Array; m: Int32Array };
  /** Global stack id of the event (Event.Stack()), 0 = no stack. Index into `stacks`. */
  stack: Uint16Array | Int32Array;
  /**
   * The kind's main argument:
   * - StateTransition: the id of the resource that changes state (goroutine id or P id; which
   *   one is `transitions.resourceKind[transition[i]]`).
   * - Metric, Label, RangeBegin/Active/End, TaskBegin/End, RegionBegin/End, Log, Sync: the row of
   *   this event in the side table of its kind (`metrics`, `labels`, `ranges`, `tasks`,
   *   `regions`, `logs`, `syncs`).
   * - StackSample, Experimental: -1.
   */
  arg: Int32Array;
  /**
   * StateTransition only: row in `transitions` (the distinct resource kind / from / to / reason
   * combinations of the trace, a few dozen rows). 0 for other kinds (row 0 is a placeholder).
   */
  transition: Uint8Array | Uint16Array;

  /** Distinct state-transition shapes, indexed by `transition[i]`. */
  transitions: TransitionTable;
  /**
   * Stacks of goroutines created by GoCreate/GoCreateBlocked transitions (the new goroutine's
   * start stack, Go's StateTransition.Stack). Sorted by event; the event's own `stack` is the
   * creator's stack. Other transitions use the event's stack (see `transitionStack`).
   */
  createdStacks: { event: Int32Array; stack: Int32Array };
  metrics: MetricTable;
  labels: LabelTable;
  ranges: RangeTable;
  sweeps: SweepTable;
  tasks: TaskTable;
  regions: RegionTable;
  logs: LogTable;
  syncs: SyncTable;
  /** Index of the first event of each generation (a Sync event), ascending. */
  generationStarts: Int32Array;

  /** Interned strings; ids are global across generations, 0 = "". */
  strings: string[];
  stacks: StackTable;

  /** Problems a partial parse ran into (truncation, corruption), as text for the UI. */
  warnings: string[];
  /** Bytes parsed into complete generations, and the size of the input. */
  bytesRead: number;
  bytesTotal: number;
}

/** Kinds of events, numbered as Go's trace.EventKind. */
export const EventKind = {
  Bad: 0,
  Sync: 1,
  Metric: 2,
  Label: 3,
  StackSample: 4,
  RangeBegin: 5,
  RangeActive: 6,
  RangeEnd: 7,
  TaskBegin: 8,
  TaskEnd: 9,
  RegionBegin: 10,
  RegionEnd: 11,
  Log: 12,
  StateTransition: 13,
  Experimental: 14,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** Goroutine states, numbered as Go's trace.GoState. */
export const GoState = {
  Undetermined: 0,
  NotExist: 1,
  Runnable: 2,
  Running: 3,
  Waiting: 4,
  Syscall: 5,
} as const;
export type GoState = (typeof GoState)[keyof typeof GoState];

/** Proc states, numbered as Go's trace.ProcState. */
export const ProcState = {
  Undetermined: 0,
  NotExist: 1,
  Running: 2,
  Idle: 3,
} as const;
export type ProcState = (typeof ProcState)[keyof typeof ProcState];

/** What a state transition, label or range is about, numbered as Go's trace.ResourceKind. */
export const ResourceKind = {
  None: 0,
  Goroutine: 1,
  Proc: 2,
  Thread: 3,
} as const;
export type ResourceKind = (typeof ResourceKind)[keyof typeof ResourceKind];

/** Range names as x/exp/trace spells them; STW ranges are "stop-the-world (<reason>)". */
export const RangeName = {
  gcMark: 'GC concurrent mark phase',
  gcSweep: 'GC incremental sweep',
  gcMarkAssist: 'GC mark assist',
  stwPrefix: 'stop-the-world (',
} as const;

/** Metric names as x/exp/trace spells them. */
export const MetricName = {
  gomaxprocs: '/sched/gomaxprocs:threads',
  heapObjects: '/memory/classes/heap/objects:bytes',
  heapGoal: '/gc/heap/goal:bytes',
} as const;

export interface TransitionTable {
  resourceKind: Uint8Array;
  /** GoState or ProcState, depending on resourceKind. */
  from: Uint8Array;
  to: Uint8Array;
  /** String id of the reason (GoBlock/GoStop reasons, e.g. "chan receive"), 0 = none. */
  reason: Int32Array;
}

export interface MetricTable {
  /** String id of the metric name (see MetricName). */
  name: Uint16Array | Int32Array;
  value: Uint32Array | Float64Array;
}

export interface LabelTable {
  /** String id of the label, e.g. "GC (dedicated)". */
  label: Int32Array;
  /** The labelled goroutine (labels are always on goroutines in Go 1.22+). */
  goroutine: Int32Array;
}

export interface RangeTable {
  /** String id of the range name (see RangeName). */
  name: Uint16Array | Int32Array;
  /** ResourceKind of the scope: None for the GC mark phase, Proc for sweep, Goroutine else. */
  scopeKind: Uint8Array;
  /** Goroutine or P id of the scope, -1 for ResourceNone. */
  scopeId: Int32Array;
}

/**
 * The "bytes swept" and "bytes reclaimed" of each RangeEnd of "GC incremental sweep" that has
 * them, ascending by event (see `sweepRow`). Kept apart from the ranges: most ranges have none.
 */
export interface SweepTable {
  event: Int32Array;
  sweptBytes: Uint32Array | Float64Array;
  reclaimedBytes: Uint32Array | Float64Array;
}

/** TaskBegin/TaskEnd rows. Task ids are 64-bit on the wire; kept exact up to 2^53. */
export interface TaskTable {
  id: Float64Array;
  /** Parent task id, -1 = none (Go's NoTask; a parent of 0, the background task, reads as none). */
  parent: Float64Array;
  /** String id of the task type; on TaskEnd, the type of the matching begin if known. */
  type: Int32Array;
}

export interface RegionTable {
  task: Float64Array;
  /** String id of the region type. */
  type: Int32Array;
}

export interface LogTable {
  task: Float64Array;
  category: Int32Array;
  message: Int32Array;
}

/** One row per Sync event: Go emits one at the start of each generation and one at the end. */
export interface SyncTable {
  /** Sync number N, counting from 1 like Go's Sync.N. */
  n: Int32Array;
  /**
   * Clock snapshot of the generation (format 1.25+), NaN when absent: the trace time (ns, on
   * our time axis), the wall clock (ms since the Unix epoch, for Date) and the monotonic clock.
   */
  clockTime: Float64Array;
  clockWallMs: Float64Array;
  clockMonoNs: Float64Array;
}

/**
 * Stacks and frames. Stack s has frames stackFrames[stackOffsets[s] .. stackOffsets[s+1]),
 * leaf (innermost call) first, as Go stores them. Stack 0 is the empty stack.
 */
export interface StackTable {
  stackOffsets: Int32Array;
  /** Frame ids, indexes into the frame columns below. */
  stackFrames: Int32Array;
  /** Per frame: string ids of the function name and file, the line and the program counter. */
  funcName: Int32Array;
  file: Int32Array;
  line: Int32Array;
  pc: Float64Array;
}

/** P of event i's context (Event.Proc()), -1 for none. */
export function eventProc(model: TraceModel, i: number): number {
  return model.procThreads.p[model.procThread[i]];
}

/** M (thread) of event i's context (Event.Thread()), -1 for none. */
export function eventThread(model: TraceModel, i: number): number {
  return model.procThreads.m[model.procThread[i]];
}

/** The name of the range event i ("GC concurrent mark phase", "stop-the-world (…)", …). */
export function rangeName(model: TraceModel, i: number): string {
  return model.strings[model.ranges.name[model.arg[i]]];
}

/** The frame ids of a stack, leaf first (a view on the model: copy before transferring). */
export function stackFrames(model: TraceModel, stackId: number): Int32Array {
  const { stackOffsets, stackFrames: frames } = model.stacks;
  return frames.subarray(stackOffsets[stackId], stackOffsets[stackId + 1]);
}

/** Number of stacks, including the empty stack 0. */
export function stackCount(model: TraceModel): number {
  return model.stacks.stackOffsets.length - 1;
}

/**
 * The stack Go's StateTransition.Stack reports: the new goroutine's start stack for GoCreate,
 * otherwise the event's own stack.
 */
export function transitionStack(model: TraceModel, i: number): number {
  const { event, stack } = model.createdStacks;
  const row = firstAtLeast(event, i);
  return row < event.length && event[row] === i ? stack[row] : model.stack[i];
}

/** The row in `sweeps` of sweep-ending event i, -1 if it has none. */
export function sweepRow(model: TraceModel, i: number): number {
  const row = firstAtLeast(model.sweeps.event, i);
  return row < model.sweeps.event.length && model.sweeps.event[row] === i ? row : -1;
}

/** The first index of an ascending column whose value is at least `value`. */
function firstAtLeast(column: Int32Array, value: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The reason string of a state transition event ("" if none). */
export function transitionReason(model: TraceModel, i: number): string {
  return model.strings[model.transitions.reason[model.transition[i]]];
}

/** The metric name of a Metric event. */
export function metricName(model: TraceModel, i: number): string {
  return model.strings[model.metrics.name[model.arg[i]]];
}
