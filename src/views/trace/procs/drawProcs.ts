import { goroutineColor } from '../../flamegraph/flameColors';
import type { TrackPaint } from '../timeline/TrackCanvas';
import { activityColors, busyColumnColor, gcColumnColor, isOverlay } from './activityStyle';
import type { Lane } from './procLanes';
import type { ProcData } from './useProcData';

/** What the paint needs to know about goroutines: start function and group highlight. */
export interface GoroutineLook {
  /** Start function of a goroutine id, '' if unknown. */
  nameOf(g: number): string;
  /** With a highlighted group, whether the goroutine belongs to it. */
  highlighted?: (g: number) => boolean;
}

const laneBackground = '#f4f5f8';
const overlayShare = 0.3;
const labelFont = '11px system-ui, sans-serif';

/**
 * Paints the P lanes (drawGoroutineLanes paints the pinned ones). Intervals at least a pixel
 * wide are drawn one by one; the rest come pre-summed per pixel column and are drawn as bars of their share. Data
 * fetched for an older window is drawn where it falls in the new one until fresh data arrives.
 */
export function drawProcs(
  p: TrackPaint,
  lanes: readonly Lane[],
  procs: ProcData | undefined,
  look: GoroutineLook,
): void {
  const { ctx, width } = p;
  for (const lane of lanes) {
    ctx.fillStyle = laneBackground;
    ctx.fillRect(0, lane.y, width, lane.height);
  }
  if (procs) drawColumns(p, lanes, procs);
  for (const lane of lanes) {
    const rows = lane.kind === 'proc' ? procs?.index.byProc.get(lane.id) : undefined;
    if (procs && rows) drawIntervals(p, lane, procs, rows, look);
  }
}

/** Every lane's column bars in two paths, busy then GC, each filled once. */
function drawColumns(p: TrackPaint, lanes: readonly Lane[], data: ProcData) {
  const { ctx, x } = p;
  const { view, window } = data;
  if (view.columns === 0) return;
  const columnNs = (window.to - window.from) / view.columns;
  const x0 = x(window.from);
  const step = x(window.from + columnNs) - x0;
  const busyBars = new Path2D();
  const gcBars = new Path2D();
  for (let pi = 0; pi < view.procs.length; pi++) {
    const lane = lanes.find((l) => l.kind === 'proc' && l.id === view.procs[pi]);
    if (!lane) continue;
    const row = pi * view.columns;
    for (let c = 0; c < view.columns; c++) {
      const busy = Math.min(1, view.busy[row + c]);
      const gc = Math.min(1, view.gc[row + c]);
      if (busy <= 0 && gc <= 0) continue;
      const left = x0 + c * step;
      if (left > p.width || left + step < 0) continue;
      const w = Math.max(step, 1);
      if (busy > 0) {
        const h = Math.max(2, busy * lane.height);
        busyBars.rect(left, lane.y + lane.height - h, w, h);
      }
      if (gc > 0) {
        const h = Math.max(2, gc * lane.height);
        gcBars.rect(left, lane.y + lane.height - h, w, h);
      }
    }
  }
  ctx.fillStyle = busyColumnColor;
  ctx.fill(busyBars);
  ctx.fillStyle = gcColumnColor;
  ctx.fill(gcBars);
}

function drawIntervals(
  p: TrackPaint,
  lane: Lane,
  data: ProcData,
  rows: Int32Array,
  look: GoroutineLook,
) {
  const { ctx, x, width, window } = p;
  const { start, end, g, activity } = data.view.intervals;
  // Several sub-pixel intervals in one pixel column draw once.
  let lastPixel = -1;
  let lastColor = '';
  const labels: Array<[number, number, string]> = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (end[i] < window.from || start[i] > window.to) continue;
    const a = activity[i];
    const overlay = isOverlay(a);
    const color = activityColors[a] ?? goroutineColor(look.nameOf(g[i]) || 'unknown');
    const x0 = Math.max(-1, x(start[i]));
    const x1 = Math.min(width + 1, x(end[i]));
    const w = Math.max(1, x1 - x0);
    if (w <= 1 && Math.floor(x0) === lastPixel && color === lastColor) continue;
    lastPixel = Math.floor(x0);
    lastColor = color;
    const dim = look.highlighted && g[i] >= 0 && !look.highlighted(g[i]);
    ctx.globalAlpha = dim ? 0.2 : 1;
    ctx.fillStyle = color;
    if (overlay) {
      const h = Math.max(3, Math.round(lane.height * overlayShare));
      ctx.fillRect(x0, lane.y + lane.height - h, w, h);
    } else {
      ctx.fillRect(x0, lane.y, w, lane.height);
      if (w > 2) {
        ctx.fillStyle = 'rgba(255,255,255,0.6)';
        ctx.fillRect(x0 + w - 1, lane.y, 1, lane.height);
      }
      if (w > 60 && g[i] >= 0 && lane.kind === 'proc') {
        labels.push([Math.max(0, x0), Math.min(width, x1), `G${g[i]} ${look.nameOf(g[i])}`]);
      }
    }
  }
  ctx.globalAlpha = 1;
  if (labels.length === 0) return;
  ctx.font = labelFont;
  ctx.fillStyle = '#1d2330';
  ctx.textBaseline = 'middle';
  for (const [a, b, text] of labels) {
    const room = b - a - 8;
    if (room < 30) continue;
    ctx.fillText(fitText(ctx, text, room), a + 4, lane.y + lane.height / 2);
  }
}

function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  const perChar = ctx.measureText(text).width / text.length;
  const keep = Math.max(1, Math.floor(room / perChar) - 1);
  return `${text.slice(0, keep)}…`;
}
