import type { TimeRange } from '../gc/chartData';

/**
 * The gctrace view's part of the URL:
 *   view   tab: overview (default), pauses, cycles, scavenger, lines
 *   w      time window shown by every chart, "from,to" in ns since program start
 *   cyc    selected cycle, by the runtime's cycle number (gc N), so a link survives a re-load
 *   sort   cycle table column key, "-" prefix for descending
 *   r      pause reason whose histogram is shown
 *   gogc   GOGC to draw the pacer's goal with; gml  GOMEMLIMIT in MiB
 *   lines  "1" when the other lines are listed
 */
export type GctraceTab = 'overview' | 'pauses' | 'cycles' | 'scavenger' | 'lines';

export const gctraceTabs: GctraceTab[] = ['overview', 'pauses', 'cycles', 'scavenger', 'lines'];

export function encodeWindow(window: TimeRange | undefined): string | undefined {
  return window ? `${Math.floor(window.from)},${Math.ceil(window.to)}` : undefined;
}

export function decodeWindow(value: string | undefined): TimeRange | undefined {
  const m = /^(-?\d+),(-?\d+)$/.exec(value ?? '');
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to > from ? { from, to } : undefined;
}

/** A positive number from the URL, or undefined. */
export function positiveNumber(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** What gctrace times are measured from, for tooltips. */
export const programStart = 'since program start';
