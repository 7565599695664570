/** A time range [from, to) in ns from the trace start; a missing bound is open. */
export interface TimeWindow {
  from?: number;
  to?: number;
}

/** True if time t lies in the window [from, to). */
export function inWindow(t: number, window: TimeWindow | undefined): boolean {
  if (!window) return true;
  return (
    (window.from === undefined || t >= window.from) && (window.to === undefined || t < window.to)
  );
}

/** Length of the overlap of [start, end) with the window. */
export function overlapNs(start: number, end: number, window: TimeWindow | undefined): number {
  const from = window?.from ?? -Infinity;
  const to = window?.to ?? Infinity;
  const d = Math.min(end, to) - Math.max(start, from);
  return d > 0 ? d : 0;
}

/** Whether a window bounds anything: queries pass their whole arguments, often with neither. */
export function isWindowed(window: TimeWindow | undefined): window is TimeWindow {
  return window?.from !== undefined || window?.to !== undefined;
}
