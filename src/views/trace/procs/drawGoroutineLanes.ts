import { laneStateCount, LaneState } from '../../../../workers/analysis/goroutineLanes';
import { goroutineColor } from '../../flamegraph/flameColors';
import type { TrackPaint } from '../timeline/TrackCanvas';
import type { GoroutineLook } from './drawProcs';
import { blockColor, runnableColor, syscallColor } from './goroutineLaneStyle';
import type { Lane } from './procLanes';
import type { GoroutineLaneData } from './useGoroutineLaneData';

/**
 * Paints the pinned goroutines' lanes: intervals at least a column wide one by one, in their
 * state's colour (running in the goroutine's function colour), and per column the narrower ones
 * as a stacked bar of each state's share. Data for an older window is drawn where it falls.
 */
export function drawGoroutineLanes(
  p: TrackPaint,
  lanes: readonly Lane[],
  data: GoroutineLaneData | undefined,
  look: GoroutineLook,
): void {
  if (!data) return;
  const { ctx, x, width, window } = p;
  const { lanes: view, laneStart } = data;
  const { state, reason, start, end } = view.intervals;
  for (let k = 0; k < view.goroutines.length; k++) {
    const g = view.goroutines[k];
    const lane = lanes.find((l) => l.kind === 'goroutine' && l.id === g);
    if (!lane) continue;
    const colors = [
      goroutineColor(look.nameOf(g) || 'unknown'),
      runnableColor,
      syscallColor,
      blockColor(undefined),
    ];
    drawColumnBars(p, lane, data, k, colors);
    for (let i = laneStart[k]; i < laneStart[k + 1]; i++) {
      if (end[i] < window.from || start[i] > window.to) continue;
      const x0 = Math.max(-1, x(start[i]));
      const x1 = Math.min(width + 1, x(end[i]));
      ctx.fillStyle =
        state[i] === LaneState.blocked ? blockColor(view.reasons[reason[i]]) : colors[state[i]];
      ctx.fillRect(x0, lane.y, Math.max(1, x1 - x0), lane.height);
    }
  }
}

/** One lane's per-column shares, stacked from the bottom: running, syscall, runnable, blocked. */
function drawColumnBars(
  p: TrackPaint,
  lane: Lane,
  data: GoroutineLaneData,
  k: number,
  colors: string[],
) {
  const { ctx, x } = p;
  const { lanes: view, window } = data;
  const columns = view.columns;
  if (columns === 0) return;
  const columnNs = (window.to - window.from) / columns;
  const x0 = x(window.from);
  const step = x(window.from + columnNs) - x0;
  const w = Math.max(step, 1);
  const order = [LaneState.running, LaneState.syscall, LaneState.runnable, LaneState.blocked];
  for (let c = 0; c < columns; c++) {
    const left = x0 + c * step;
    if (left > p.width || left + step < 0) continue;
    const cell = (k * columns + c) * laneStateCount;
    let bottom = lane.y + lane.height;
    for (const s of order) {
      const share = Math.min(1, view.shares[cell + s]);
      if (share <= 0) continue;
      const h = Math.max(1, share * lane.height);
      const r = view.columnReason[k * columns + c];
      ctx.fillStyle = s === LaneState.blocked ? blockColor(view.reasons[r]) : colors[s];
      ctx.fillRect(left, bottom - h, w, h);
      bottom -= h;
    }
  }
}

/**
 * The row of lane k under time t within `slop` ns: the interval covering t, else the nearest.
 * -1 if nothing is near. Rows of a lane do not overlap and come in time order.
 */
export function goroutineIntervalAt(
  data: GoroutineLaneData,
  k: number,
  t: number,
  slop: number,
): number {
  const { start, end } = data.lanes.intervals;
  let lo = data.laneStart[k];
  let hi = data.laneStart[k + 1];
  const first = lo;
  // First row starting after t.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestDistance = Infinity;
  for (const i of [lo - 1, lo]) {
    if (i < first || i >= data.laneStart[k + 1]) continue;
    const distance = t < start[i] ? start[i] - t : t > end[i] ? t - end[i] : 0;
    if (distance <= slop && distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
