import { useEffect, useRef, useState } from 'react';
import type { HeapSeries } from '../../../../workers/analysis/heapSeries';
import { queryFile } from '../../../engine/fileWorkers';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';

/** A `heapSeries` answer: the range it covers and whether it is every point of the trace. */
export interface HeldHeap {
  series: HeapSeries;
  range: TimeRange;
  complete: boolean;
}

/** How much wider than the visible window the held series is asked for, on each side. */
const margin = 1;
/** Zooming in this far past the held resolution asks again for finer points. */
const finerAfter = 4;
/** Quiet time after the last pan or zoom before asking for a new range. */
const settleMs = 80;

/**
 * The heap series for the trace timeline, held across pans and zooms: it covers the visible
 * window with a window's width to spare on each side, at the plot's resolution, so the chart
 * draws from it at once while the axis moves. It is asked for again only when the visible window
 * leaves what is held, or zooms in far enough to want finer points; a complete answer (every
 * point of the trace) is never replaced.
 */
export function useHeapData(
  fileId: string,
  store: WindowStore,
  plotWidth: number,
  enabled: boolean,
): { data: HeapSeries | undefined; error: string | undefined } {
  const [held, setHeld] = useState<HeldHeap>();
  const [error, setError] = useState<string>();
  const heldRef = useRef<HeldHeap>(undefined);
  const request = useRef(0);

  useEffect(() => {
    if (!enabled || plotWidth <= 1) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetch = () => {
      const visible = store.get();
      const range = widened(visible, store.extent);
      const id = ++request.current;
      const pixelWidth = Math.round(plotWidth * ((range.to - range.from) / span(visible)));
      const args = { from: Math.floor(range.from), to: Math.ceil(range.to), pixelWidth };
      queryFile<HeapSeries & { complete: boolean }>(fileId, 'heapSeries', args, 'paint')
        .then(({ complete, ...series }) => {
          if (id !== request.current) return;
          heldRef.current = { series, range, complete };
          setHeld(heldRef.current);
          setError(undefined);
        })
        .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)));
    };
    // A new width asks again; so does a window the held series no longer serves.
    fetch();
    const unsubscribe = store.subscribe((visible) => {
      if (!needsNew(heldRef.current, visible)) return;
      clearTimeout(timer);
      timer = setTimeout(fetch, settleMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [fileId, store, plotWidth, enabled]);

  return { data: held?.series, error };
}

/** Whether the held series cannot draw the visible window as well as a new answer would. */
export function needsNew(held: HeldHeap | undefined, visible: TimeRange): boolean {
  if (!held) return true;
  if (held.complete) return false;
  const outside = visible.from < held.range.from || visible.to > held.range.to;
  const heldShare = span(visible) / span(held.range);
  // Held at (1 + 2 × margin) visible widths; this far in, its points are too coarse.
  return outside || heldShare * (1 + 2 * margin) * finerAfter < 1;
}

/** The visible window with `margin` of its width on each side, inside the trace. */
export function widened(visible: TimeRange, extent: TimeRange): TimeRange {
  const pad = span(visible) * margin;
  return {
    from: Math.max(extent.from, visible.from - pad),
    to: Math.min(extent.to, visible.to + pad),
  };
}

function span(w: TimeRange): number {
  return Math.max(1, w.to - w.from);
}
