import { createContext, useContext } from 'react';
import { valueAxisWidth } from '../../gc/TimeChartFrame';
import type { TimeRange } from './viewportMath';
import type { PointerTime, WindowStore } from './windowStore';

/**
 * Left gutter of every track (lane labels live there) and right padding, in CSS pixels. The
 * gutter is the GC charts' value-axis width, so a chart with an axis needs no other inset.
 */
export const plotLeft = valueAxisWidth;
export const plotRight = 14;

/** What every track of one trace shares: the live window, the selection, the pointer's time. */
export interface Timeline {
  store: WindowStore;
  selection: TimeRange | undefined;
  select(w: TimeRange | undefined): void;
  /** Time under the pointer while it is over a track, for keys that zoom around it. */
  pointer: PointerTime;
}

export const TimelineContext = createContext<Timeline | undefined>(undefined);

export function useTimeline(): Timeline {
  const timeline = useContext(TimelineContext);
  if (!timeline) throw new Error('useTimeline outside a TimelineContext');
  return timeline;
}

/** Pixel x of time t across a plot of the given width. */
export function xOf(w: TimeRange, width: number, t: number): number {
  return ((t - w.from) / (w.to - w.from)) * width;
}

/** Time at pixel x across a plot of the given width. */
export function timeAt(w: TimeRange, width: number, x: number): number {
  return w.from + (x / width) * (w.to - w.from);
}
