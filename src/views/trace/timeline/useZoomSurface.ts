import { scaleLinear, select, zoom, zoomIdentity, type ZoomTransform } from 'd3';
import { useEffect, type RefObject } from 'react';
import { plotLeft } from './timelineContext';
import { minSpanNs, type TimeRange } from './viewportMath';
import type { WindowStore } from './windowStore';

/**
 * Makes an element a d3-zoom surface of the shared window: wheel and pinch zoom around the
 * pointer, drag pans ('wheel' surfaces, which brush on drag themselves, only take the wheel).
 * Every surface keeps its own d3 transform, so each is re-synced, silently, whenever the
 * window changes from anywhere.
 */
export function useZoomSurface(
  ref: RefObject<HTMLElement | null>,
  store: WindowStore,
  plotWidth: number,
  mode: 'full' | 'wheel' = 'full',
): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || plotWidth <= 0) return;
    const { extent } = store;
    const base = scaleLinear()
      .domain([extent.from, extent.to])
      .range([plotLeft, plotLeft + plotWidth]);
    const transformOf = (w: TimeRange): ZoomTransform => {
      const k = (extent.to - extent.from) / (w.to - w.from);
      return zoomIdentity.translate(plotLeft - base(w.from) * k, 0).scale(k);
    };
    const behavior = zoom<HTMLElement, unknown>()
      .scaleExtent([1, Math.max(1, (extent.to - extent.from) / minSpanNs)])
      .extent([
        [plotLeft, 0],
        [plotLeft + plotWidth, 1],
      ])
      .translateExtent([
        [plotLeft, -Infinity],
        [plotLeft + plotWidth, Infinity],
      ])
      .filter((event: Event) => {
        if (mode === 'wheel') return event.type === 'wheel';
        const e = event as MouseEvent;
        return (!e.ctrlKey || event.type === 'wheel') && !e.button && !e.shiftKey;
      })
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        if (!event.sourceEvent) return;
        const [from, to] = event.transform.rescaleX(base).domain();
        store.set({ from, to });
      });
    const selection = select(el);
    // Horizontal trackpad swipes pan instead of zooming (registered first, to stop d3-zoom).
    selection.on('wheel.pan', (event: WheelEvent) => {
      if (Math.abs(event.deltaX) <= Math.abs(event.deltaY)) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      const w = store.get();
      const dt = (event.deltaX / plotWidth) * (w.to - w.from);
      store.set({ from: w.from + dt, to: w.to + dt });
    });
    selection.call(behavior).on('dblclick.zoom', null);
    const sync = (w: TimeRange) => selection.property('__zoom', transformOf(w));
    sync(store.get());
    const unsubscribe = store.subscribe(sync);
    return () => {
      unsubscribe();
      selection.on('.zoom', null).on('wheel.pan', null);
    };
  }, [ref, store, plotWidth, mode]);
}
