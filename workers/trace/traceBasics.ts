import { DenseIds } from '../analysis/denseIds';
import { memoizeByModel } from '../analysis/modelMemo';
import { eventTime } from './eventTimes';
import { EventKind, ResourceKind, type TraceModel } from './model';

/** The decoder's part of `summarize --json`, defined as in tools/traceoracle. */
export interface TraceBasics {
  /** Last event time minus first event time (ns). */
  durationNs: number;
  /** Events in the model, Sync events included (Go's ReadEvent count). */
  events: number;
  /** Distinct P ids that are the resource of a Proc state transition. */
  procs: number;
  /** Distinct goroutine ids that are the resource of a Goroutine state transition. */
  goroutines: number;
  /** StackSample events (CPU profile samples recorded in the trace). */
  cpuSamples: number;
  warnings: string[];
}

/**
 * The basics of a model, counted once: the file summary and the trace view's overview both ask,
 * and counting is a pass over every event.
 */
export const traceBasics = memoizeByModel(countBasics);

function countBasics(model: TraceModel): TraceBasics {
  const { kind, arg, transition, count } = model;
  const resourceKind = model.transitions.resourceKind;
  // Codes as locals: reading the imported constant objects in this loop made V8 run it ~8×
  // slower (Node 20). Dense id tables rather than Sets, for the same reason: one Set.add per
  // transition (tens of millions) was most of the time.
  const { StackSample, StateTransition } = EventKind;
  const { Proc, Goroutine } = ResourceKind;
  const procs = new DenseIds();
  const goroutines = new DenseIds();
  let cpuSamples = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === StackSample) cpuSamples++;
    else if (k === StateTransition) {
      const rk = resourceKind[transition[i]];
      if (rk === Proc) procs.index(arg[i]);
      else if (rk === Goroutine) goroutines.index(arg[i]);
    }
  }
  return {
    durationNs: model.count > 0 ? eventTime(model, model.count - 1) - eventTime(model, 0) : 0,
    events: model.count,
    procs: procs.size,
    goroutines: goroutines.size,
    cpuSamples,
    warnings: model.warnings,
  };
}

/** The `overview` query: what the trace is, before any analysis. */
export function traceOverview(model: TraceModel) {
  return {
    version: model.version,
    ...traceBasics(model),
    generations: model.generationStarts.length,
    strings: model.strings.length,
    stacks: model.stacks.stackOffsets.length - 1,
    bytesRead: model.bytesRead,
    bytesTotal: model.bytesTotal,
  };
}
