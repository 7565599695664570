import { GoState, RangeName } from '../../trace/model';
import { TraceModelBuilder } from './modelBuilder';

/**
 * A small trace with one whole GC cycle on GOMAXPROCS=2, laid out the way the runtime emits it
 * (runtime/mgc.go): GCBegin, sweep-termination STW, a dedicated worker and one mark assist
 * during concurrent mark, then inside the mark-termination STW the heap reset to the marked
 * bytes, GCEnd and the new goal; then a sweep, a non-GC STW and the trace end.
 */
export function oneGcCycle(): TraceModelBuilder {
  const b = new TraceModelBuilder();
  const gcStack = b.stack(['runtime.gcStart', 'runtime.mallocgc', 'main.alloc', 'main.main']);
  const assistStack = b.stack(['runtime.gcAssistAlloc', 'runtime.mallocgc', 'main.alloc']);
  b.sync(0)
    .gomaxprocs(0, 2)
    .heapLive(5, 1000, { g: 1, p: 0 })
    .heapGoal(6, 2000, { g: 1, p: 0 })
    .range(10, 'begin', RangeName.gcMark, { g: 1, p: 0, stack: gcStack })
    .stw(12, 20, 'GC sweep termination', { g: 1, p: 0 })
    .heapLive(30, 1500, { g: 1, p: 0 })
    .goState(40, 5, GoState.Runnable, GoState.Running, { p: 1 })
    .label(40, 5, 'GC (dedicated)', { p: 1 })
    .range(50, 'begin', RangeName.gcMarkAssist, { g: 7, p: 0, stack: assistStack })
    .range(70, 'end', RangeName.gcMarkAssist, { g: 7, p: 0 })
    .goState(90, 5, GoState.Running, GoState.Waiting, { g: 5, p: 1 }, 'GC worker (idle)')
    .heapLive(95, 1900, { g: 1, p: 0 })
    .range(100, 'begin', `${RangeName.stwPrefix}GC mark termination)`, { g: 5, p: 1 })
    .heapLive(104, 800, { g: 5, p: 1 })
    .range(105, 'end', RangeName.gcMark, { g: 5, p: 1 })
    .heapGoal(106, 3000, { g: 5, p: 1 })
    .range(110, 'end', `${RangeName.stwPrefix}GC mark termination)`, { g: 5, p: 1 })
    .range(120, 'begin', RangeName.gcSweep, { g: 1, p: 0 })
    .range(130, 'end', RangeName.gcSweep, { g: 1, p: 0 }, undefined, 8192)
    .stw(200, 210, 'read mem stats', { g: 1, p: 0 })
    .sync(300);
  return b;
}
