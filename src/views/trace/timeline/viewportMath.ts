/**
 * The time window every trace track shows, as plain math: a window [from, to) in ns from the
 * trace start, kept inside the trace and never narrower than a few nanoseconds.
 */
export interface TimeRange {
  from: number;
  to: number;
}

/** The narrowest window: below this, pixels would be fractions of a nanosecond. */
export const minSpanNs = 100;

/** The window moved and shrunk to fit inside the extent, at least `minSpanNs` wide. */
export function clampWindow(w: TimeRange, extent: TimeRange): TimeRange {
  const whole = extent.to - extent.from;
  const span = Math.min(whole, Math.max(minSpanNs, w.to - w.from));
  let from = Math.max(extent.from, Math.min(w.from, extent.to - span));
  if (!Number.isFinite(from)) from = extent.from;
  return { from, to: from + span };
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping time `at` under the same pixel, as a wheel does.
 */
export function zoomAround(w: TimeRange, at: number, factor: number, extent: TimeRange): TimeRange {
  const from = at - (at - w.from) * factor;
  const to = at + (w.to - at) * factor;
  if (to - from < minSpanNs) {
    const mid = Math.min(Math.max(at, w.from), w.to);
    const share = (mid - w.from) / (w.to - w.from || 1);
    return clampWindow(
      { from: mid - share * minSpanNs, to: mid + (1 - share) * minSpanNs },
      extent,
    );
  }
  return clampWindow({ from, to }, extent);
}

/** Moves the window by a share of its width (negative = earlier). */
export function panBy(w: TimeRange, share: number, extent: TimeRange): TimeRange {
  const d = (w.to - w.from) * share;
  return clampWindow({ from: w.from + d, to: w.to + d }, extent);
}

/** What a key does to the window, the way `go tool trace` users expect W/A/S/D. */
export type KeyAction = { zoom: number } | { pan: number } | { reset: true };

const zoomStep = 0.7;
const panStep = 0.2;

export function keyAction(key: string): KeyAction | undefined {
  switch (key.toLowerCase()) {
    case 'w':
      return { zoom: zoomStep };
    case 's':
      return { zoom: 1 / zoomStep };
    case 'a':
      return { pan: -panStep };
    case 'd':
      return { pan: panStep };
    case '0':
      return { reset: true };
    default:
      return undefined;
  }
}

/** Applies a key's action around time `at` (the pointer, or the window's middle). */
export function applyKey(
  w: TimeRange,
  action: KeyAction,
  at: number,
  extent: TimeRange,
): TimeRange {
  if ('reset' in action) return { ...extent };
  if ('zoom' in action) return zoomAround(w, at, action.zoom, extent);
  return panBy(w, action.pan, extent);
}

/** A window widened by `share` of its width on each side, to frame a selection with context. */
export function framed(w: TimeRange, share: number, extent: TimeRange): TimeRange {
  const pad = (w.to - w.from) * share;
  return clampWindow({ from: w.from - pad, to: w.to + pad }, extent);
}
