import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';
import { indexLanes, type LaneIndex } from './procLanes';
import { useWindowQuery } from './useWindowQuery';

/** A `procs` answer with the window it was asked for, indexed by lane. */
export interface ProcData {
  view: ProcActivityView;
  window: TimeRange;
  index: LaneIndex;
}

const noArgs = {};

/**
 * P activity for the live window at the plot's pixel resolution. Pinned goroutines' lanes have
 * their own query (useGoroutineLaneData).
 */
export function useProcData(
  fileId: string,
  store: WindowStore,
  width: number,
): { procs: ProcData | undefined; error: string | undefined } {
  const { data, error } = useWindowQuery(fileId, store, width, 'procs', noArgs, procData);
  return { procs: data, error };
}

function procData(view: ProcActivityView, window: TimeRange): ProcData {
  return { view, window, index: indexLanes(view.intervals) };
}
