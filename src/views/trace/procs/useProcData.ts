import { useEffect, useRef, useState } from 'react';
import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { queryFile } from '../../../engine/fileWorkers';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';
import { indexLanes, type LaneIndex } from './procLanes';

/** A `procs` answer with the window it was asked for, indexed by lane. */
export interface ProcData {
  view: ProcActivityView;
  window: TimeRange;
  index: LaneIndex;
}

/** Quiet time after the last pan or zoom before asking the worker for the new resolution. */
const settleMs = 120;

/**
 * P activity for the live window at the plot's pixel resolution, asked for again once the
 * window settles; meanwhile the tracks keep drawing the previous answer at the new scale.
 * Pinned goroutines' lanes have their own query (useGoroutineLaneData).
 */
export function useProcData(
  fileId: string,
  store: WindowStore,
  width: number,
): { procs: ProcData | undefined; error: string | undefined } {
  const [procs, setProcs] = useState<ProcData>();
  const [error, setError] = useState<string>();
  const request = useRef(0);

  useEffect(() => {
    if (width <= 1) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetch = () => {
      const id = ++request.current;
      const w = store.get();
      const window = { from: w.from, to: w.to };
      queryFile<ProcActivityView>(
        fileId,
        'procs',
        { ...window, pixelWidth: Math.floor(width) },
        'paint',
      )
        .then((view) => {
          if (id === request.current) setProcs({ view, window, index: indexLanes(view.intervals) });
        })
        .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)));
    };
    fetch();
    const unsubscribe = store.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(fetch, settleMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [fileId, store, width]);

  return { procs, error };
}
