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

export function traceBasics(model: TraceModel): TraceBasics {
  const procs = new Set<number>();
  const goroutines = new Set<number>();
  let cpuSamples = 0;
  const { kind, arg, transition } = model;
  const resourceKind = model.transitions.resourceKind;
  for (let i = 0; i < model.count; i++) {
    const k = kind[i];
    if (k === EventKind.StackSample) cpuSamples++;
    else if (k === EventKind.StateTransition) {
      const rk = resourceKind[transition[i]];
      if (rk === ResourceKind.Proc) procs.add(arg[i]);
      else if (rk === ResourceKind.Goroutine) goroutines.add(arg[i]);
    }
  }
  return {
    durationNs: model.count > 0 ? model.time[model.count - 1] - model.time[0] : 0,
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
