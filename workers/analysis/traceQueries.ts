import type { ModelQuery } from '../formatModule';
import type { TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { blockingFlame, type BlockingKind } from './blockingProfiles';
import { cpuSampleFlame, cpuSamples } from './cpuSamples';
import { gcCycles } from './gcCycles';
import { goroutineGroups } from './goroutineGroups';
import { goroutineLanes, type GoroutineLanesArgs } from './goroutineLanes';
import { goroutineStateCounts, type CountsView } from './goroutineStateCounts';
import { goroutineSummaries } from './goroutineSummaries';
import { goroutineTimelines } from './goroutineTimelines';
import { heapSeries, type HeapView } from './heapSeries';
import { assistFlame, markAssistsByGoroutine } from './markAssists';
import { clipUtilSeries, logWindowSizes, mmuCurve } from './mmuCurve';
import { mmuWorstWindows } from './mmuWorstWindows';
import { memoizeByModel } from './modelMemo';
import { mutatorUtilization, type UtilFlags, type UtilSeries } from './mutatorUtilization';
import { procActivity } from './procActivity';
import { procIntervals } from './procIntervals';
import { stwPauses, stwStats } from './stwPauses';
import { isWindowed, type TimeWindow } from './timeWindow';
import { userAnnotations } from './userAnnotations';

const cachedGcCycles = memoizeByModel(gcCycles);
const cachedGoroutines = memoizeByModel(goroutineSummaries);
const cachedProcIntervals = memoizeByModel(procIntervals);
const cachedGoroutineTimelines = memoizeByModel(goroutineTimelines);
const cachedAnnotations = memoizeByModel(userAnnotations);
// Utilization series per set of flags: the MMU view asks again for every window it shows.
const cachedUtilization = memoizeByModel(() => new Map<string, UtilSeries[]>());
function utilization(model: TraceModel, flags: UtilFlags): UtilSeries[] {
  const key = ['stw', 'background', 'assist', 'sweep', 'perProc']
    .map((f) => (flags[f as keyof UtilFlags] ? 1 : 0))
    .join('');
  const byFlags = cachedUtilization(model);
  let series = byFlags.get(key);
  if (!series) byFlags.set(key, (series = mutatorUtilization(model, flags)));
  return series;
}

/** The utilization series of the flags, clipped to the window when one is given. */
function utilizationIn(model: TraceModel, args: TimeWindow & { flags: UtilFlags }): UtilSeries[] {
  const series = utilization(model, args.flags);
  if (args.from === undefined && args.to === undefined) return series;
  return series.map((s) => clipUtilSeries(s, args)).filter((s) => s.time.length > 1);
}

/** The trace's time span: first to last event. */
function traceEnd(model: TraceModel): number {
  return model.count > 0 ? eventTime(model, model.count - 1) : 0;
}

/**
 * The trace views' queries, merged by workers/trace/format.ts into the format's queries. Each
 * returns new typed arrays (results are transferred to the UI thread); cached analyses are
 * copied with structuredClone.
 */
export const traceAnalysisQueries: Record<string, ModelQuery<TraceModel>> = {
  gcCycles: (model) => structuredClone(cachedGcCycles(model)),

  stwPauses: (model, args?: TimeWindow) => stwPauses(model, args),

  stwStats: (model, args?: TimeWindow) => stwStats(stwPauses(model, args)),

  heapSeries: (model, args?: HeapView) => heapSeries(model, args),

  goroutines: (model, args?: TimeWindow) =>
    isWindowed(args) ? goroutineSummaries(model, args) : structuredClone(cachedGoroutines(model)),

  goroutineGroups: (model, args?: TimeWindow) =>
    goroutineGroups(isWindowed(args) ? goroutineSummaries(model, args) : cachedGoroutines(model)),

  // Start function per goroutine id, ids ascending, so the timeline looks names up without
  // building a map of every goroutine on the UI thread.
  goroutineNames: (model) => {
    const s = cachedGoroutines(model);
    const order = Int32Array.from({ length: s.count }, (_, i) => i).sort(
      (a, b) => s.id[a] - s.id[b],
    );
    return { id: order.map((i) => s.id[i]), name: order.map((i) => s.name[i]), names: s.names };
  },

  // One pass gives fresh arrays: cheaper than keeping a copy of millions of points to clone.
  // A chart passes its window and width, and gets the points that draw it.
  goroutineStateCounts: (model, args?: CountsView) => goroutineStateCounts(model, args),

  goroutineLanes: (model, args: GoroutineLanesArgs) =>
    goroutineLanes(model, cachedGoroutineTimelines(model), args),

  procs: (model, args: { from?: number; to?: number; pixelWidth?: number }) =>
    procActivity(
      cachedProcIntervals(model),
      args?.from ?? 0,
      args?.to ?? traceEnd(model),
      args?.pixelWidth,
    ),

  mmu: (model, args: TimeWindow & { flags: UtilFlags; windowsNs?: number[] }) => {
    const series = utilizationIn(model, args);
    const span = Math.max(0, ...series.map((s) => s.time[s.time.length - 1] - s.time[0]));
    const windows = args.windowsNs
      ? Float64Array.from(args.windowsNs)
      : logWindowSizes(Math.min(1000, span), span);
    return mmuCurve(series, windows);
  },

  mmuWorstWindows: (
    model,
    args: TimeWindow & { flags: UtilFlags; windowNs: number; count: number },
  ) => mmuWorstWindows(utilizationIn(model, args), args.windowNs, args.count),

  markAssists: (model, args?: TimeWindow) => markAssistsByGoroutine(model, args),

  cpuSamples: (model, args?: TimeWindow) => cpuSamples(model, args),

  cpuFlame: (model, args?: TimeWindow) => cpuSampleFlame(model, args),

  blockingFlame: (model, args: TimeWindow & { kind: BlockingKind }) =>
    blockingFlame(model, args.kind, args),

  assistFlame: (model, args?: TimeWindow) => assistFlame(model, args),

  annotations: (model) => structuredClone(cachedAnnotations(model)),
};
