import type { FlameTree } from '../flame/flameTree';
import { EventKind, eventProc, eventThread, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { StackProfileBuilder, stackProfileFlame } from './stackProfile';
import { inWindow, type TimeWindow } from './timeWindow';

/**
 * CPU profile samples recorded into the trace (when CPU profiling ran alongside it). Their
 * P and G may disagree with the scheduling events: the runtime records them from a signal
 * handler (internal/trace/order.go does not validate them).
 */
export interface CpuSamples {
  time: Float64Array;
  p: Int32Array;
  g: Int32Array;
  m: Int32Array;
  /** Stack ids of the model. */
  stack: Int32Array;
}

export function cpuSamples(model: TraceModel, window?: TimeWindow): CpuSamples {
  const rows: number[] = [];
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] === EventKind.StackSample && inWindow(eventTime(model, i), window))
      rows.push(i);
  }
  return {
    time: Float64Array.from(rows, (i) => eventTime(model, i)),
    p: Int32Array.from(rows, (i) => eventProc(model, i)),
    g: Int32Array.from(rows, (i) => model.g[i]),
    m: Int32Array.from(rows, (i) => eventThread(model, i)),
    stack: Int32Array.from(rows, (i) => model.stack[i]),
  };
}

/** Flame graph of the CPU samples in the window; values are sample counts. */
export function cpuSampleFlame(model: TraceModel, window?: TimeWindow): FlameTree {
  const profile = new StackProfileBuilder();
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] === EventKind.StackSample && inWindow(eventTime(model, i), window)) {
      profile.add(model.stack[i], 1);
    }
  }
  return stackProfileFlame(model, profile.build());
}
