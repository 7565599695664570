import { useEffect, useRef, useState } from 'react';
import type { GoroutineLanes } from '../../../../workers/analysis/goroutineLanes';
import { queryFile } from '../../../engine/fileWorkers';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';

/** A `goroutineLanes` answer with the window it was asked for and where each lane's rows start. */
export interface GoroutineLaneData {
  lanes: GoroutineLanes;
  window: TimeRange;
  /** Rows of lane k are laneStart[k] .. laneStart[k + 1] (the worker returns them lane by lane). */
  laneStart: Int32Array;
}

/** Quiet time after the last pan or zoom before asking for the new window, as the P lanes do. */
const settleMs = 120;

/**
 * State intervals of the pinned goroutines for the live window at the plot's pixel width, asked
 * for again once the window settles; meanwhile the previous answer is drawn at the new scale.
 */
export function useGoroutineLaneData(
  fileId: string,
  store: WindowStore,
  width: number,
  pinned: readonly number[],
): { data: GoroutineLaneData | undefined; error: string | undefined } {
  const [data, setData] = useState<GoroutineLaneData>();
  const [error, setError] = useState<string>();
  const request = useRef(0);
  const key = pinned.join(',');

  useEffect(() => {
    const goroutines = key ? key.split(',').map(Number) : [];
    // Answers still on their way are for lanes no longer asked for.
    request.current++;
    if (width <= 1 || goroutines.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetch = () => {
      const id = ++request.current;
      const w = store.get();
      const window = { from: w.from, to: w.to };
      const args = { goroutines, ...window, pixelWidth: Math.floor(width) };
      queryFile<GoroutineLanes>(fileId, 'goroutineLanes', args, 'paint')
        .then((lanes) => {
          if (id !== request.current) return;
          setData({ lanes, window, laneStart: laneStarts(lanes) });
          setError(undefined);
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
  }, [fileId, store, width, key]);

  return { data: key ? data : undefined, error };
}

/** First row of each lane, plus the row count at the end. */
export function laneStarts(lanes: GoroutineLanes): Int32Array {
  const starts = new Int32Array(lanes.goroutines.length + 1);
  const { lane } = lanes.intervals;
  for (let i = 0; i < lane.length; i++) starts[lane[i] + 1]++;
  for (let k = 0; k < lanes.goroutines.length; k++) starts[k + 1] += starts[k];
  return starts;
}
