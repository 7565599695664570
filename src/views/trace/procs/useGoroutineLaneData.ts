import type { GoroutineLanes } from '../../../../workers/analysis/goroutineLanes';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';
import { useWindowQuery } from './useWindowQuery';

/** A `goroutineLanes` answer with the window it was asked for and where each lane's rows start. */
export interface GoroutineLaneData {
  lanes: GoroutineLanes;
  window: TimeRange;
  /** Rows of lane k are laneStart[k] .. laneStart[k + 1] (the worker returns them lane by lane). */
  laneStart: Int32Array;
}

/** State intervals of the pinned goroutines for the live window at the plot's pixel width. */
export function useGoroutineLaneData(
  fileId: string,
  store: WindowStore,
  width: number,
  pinned: readonly number[],
): { data: GoroutineLaneData | undefined; error: string | undefined } {
  const args = pinned.length > 0 ? { goroutines: pinned } : undefined;
  return useWindowQuery(fileId, store, width, 'goroutineLanes', args, laneData);
}

function laneData(lanes: GoroutineLanes, window: TimeRange): GoroutineLaneData {
  return { lanes, window, laneStart: laneStarts(lanes) };
}

/** First row of each lane, plus the row count at the end. */
export function laneStarts(lanes: GoroutineLanes): Int32Array {
  const starts = new Int32Array(lanes.goroutines.length + 1);
  const { lane } = lanes.intervals;
  for (let i = 0; i < lane.length; i++) starts[lane[i] + 1]++;
  for (let k = 0; k < lanes.goroutines.length; k++) starts[k + 1] += starts[k];
  return starts;
}
