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
 * window settles; meanwhile the tracks keep drawing the previous answer at the new scale. With
 * pinned goroutines, their intervals come unaggregated, for their own lanes.
 */
export function useProcData(
  fileId: string,
  store: WindowStore,
  width: number,
  pinned: boolean,
): { procs: ProcData | undefined; pins: ProcData | undefined; error: string | undefined } {
  const [procs, setProcs] = useState<ProcData>();
  const [pins, setPins] = useState<ProcData>();
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
      if (!pinned) return setPins(undefined);
      queryFile<ProcActivityView>(fileId, 'procs', window, 'paint')
        .then((view) => {
          if (id === request.current) setPins({ view, window, index: indexLanes(view.intervals) });
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
  }, [fileId, store, width, pinned]);

  return { procs, pins, error };
}
