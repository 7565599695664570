import { useState } from 'react';
import type { GcCycles } from '../../../../workers/analysis/gcCycles';
import { ProcActivity } from '../../../../workers/analysis/procIntervalTable';
import { formatValue } from '../../units/formatValue';
import { activityColors, markColor, stwColor } from '../procs/activityStyle';
import type { ProcData } from '../procs/useProcData';
import { TrackCanvas, type TrackPaint } from '../timeline/TrackCanvas';
import { plotLeft } from '../timeline/timelineContext';
import { cycleSpan, cycleUnder } from './cycleSpan';

const phaseRow = { y: 3, h: 16 };
const workRow = { y: 22, h: 9 };
const height = 34;
const slopPx = 3;

export interface GcTrackProps {
  /** Undefined while the worker is still finding the cycles: the rows stay empty. */
  cycles: GcCycles | undefined;
  traceEnd: number;
  procs: ProcData | undefined;
  selected: number | undefined;
  onSelectCycle: (cycle: number) => void;
}

/**
 * The GC track: each cycle's sweep-termination pause, concurrent mark and mark-termination pause
 * (red, purple, red), and below them the mark assists and sweeps on any P. Hover tells the
 * cycle's figures; a click selects the cycle, as a row of the cycle table does.
 */
export function GcTrack(props: GcTrackProps) {
  const { cycles, traceEnd, procs, selected } = props;
  const [hover, setHover] = useState<{ cycle: number; x: number; y: number }>();
  return (
    <TrackCanvas
      height={height}
      label="GC cycles: pauses, concurrent mark, assists and sweeps"
      testId="gc-track"
      deps={[cycles, procs, selected]}
      paint={(p) => paintGc(p, props)}
      paintGutter={(ctx) => {
        ctx.font = '11px system-ui, sans-serif';
        ctx.textBaseline = 'middle';
        ctx.fillStyle = '#667085';
        ctx.fillText('GC', 6, phaseRow.y + phaseRow.h / 2);
        // The gutter is narrow: the row's label shrinks to fit it rather than being cut.
        ctx.font = '10px system-ui, sans-serif';
        ctx.fillText('assist/sweep', 2, workRow.y + workRow.h / 2, plotLeft - 4);
      }}
      onHover={(hit) => {
        const c = hit && cycles ? cycleUnder(cycles, hit.t, slopPx * hit.nsPerPx, traceEnd) : -1;
        setHover(hit && c >= 0 ? { cycle: c, x: hit.px + plotLeft, y: hit.y } : undefined);
      }}
      onClick={(hit) => {
        const c = cycles ? cycleUnder(cycles, hit.t, slopPx * hit.nsPerPx, traceEnd) : -1;
        if (c >= 0) props.onSelectCycle(c);
      }}
    >
      {hover && cycles && <CycleTooltip cycles={cycles} {...hover} />}
    </TrackCanvas>
  );
}

/**
 * Rectangles of one colour are gathered into one path and filled at once: thousands of cycles
 * or assists are thousands of fillRect calls otherwise, each paying for its own fill.
 */
function paintGc(p: TrackPaint, props: GcTrackProps) {
  const { ctx, width } = p;
  const { cycles, procs } = props;
  ctx.fillStyle = '#f4f5f8';
  ctx.fillRect(0, phaseRow.y, width, phaseRow.h);
  ctx.fillRect(0, workRow.y, width, workRow.h);
  if (cycles) paintCycles(p, cycles, props);
  if (!procs) return;
  const { start, end, activity } = procs.view.intervals;
  const { window, x } = p;
  const paths = new Map<number, Path2D>();
  for (let i = 0; i < start.length; i++) {
    const a = activity[i];
    if (a !== ProcActivity.markAssist && a !== ProcActivity.sweep) continue;
    if (end[i] < window.from || start[i] > window.to) continue;
    let path = paths.get(a);
    if (!path) paths.set(a, (path = new Path2D()));
    const x0 = x(start[i]);
    path.rect(x0, workRow.y, Math.max(1, x(end[i]) - x0), workRow.h);
  }
  for (const [a, path] of paths) {
    ctx.fillStyle = activityColors[a];
    ctx.fill(path);
  }
}

function paintCycles(p: TrackPaint, cycles: GcCycles, props: GcTrackProps) {
  const { ctx, x, window } = p;
  const { traceEnd, selected } = props;
  const marks = new Path2D();
  const pauses = new Path2D();
  for (let i = 0; i < cycles.count; i++) {
    const [from, to] = cycleSpan(cycles, i, traceEnd);
    if (to < window.from || from > window.to) continue;
    const x0 = x(from);
    marks.rect(x0, phaseRow.y, Math.max(1, x(to) - x0), phaseRow.h);
    for (const [s, d] of [
      [cycles.sweepTermStart[i], cycles.sweepTermNs[i]],
      [cycles.markTermStart[i], cycles.markTermNs[i]],
    ]) {
      if (!Number.isFinite(s) || !Number.isFinite(d)) continue;
      pauses.rect(x(s), phaseRow.y, Math.max(1.5, x(s + d) - x(s)), phaseRow.h);
    }
  }
  ctx.fillStyle = markColor;
  ctx.globalAlpha = 0.55;
  ctx.fill(marks);
  ctx.globalAlpha = 1;
  ctx.fillStyle = stwColor;
  ctx.fill(pauses);
  if (selected !== undefined && selected < cycles.count) {
    const [from, to] = cycleSpan(cycles, selected, traceEnd);
    const x0 = x(from);
    ctx.strokeStyle = '#1d2330';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0 - 1, phaseRow.y - 1, Math.max(2, x(to) - x0) + 2, phaseRow.h + 2);
  }
}

function CycleTooltip({
  cycles,
  cycle,
  x,
  y,
}: {
  cycles: GcCycles;
  cycle: number;
  x: number;
  y: number;
}) {
  const ns = (v: number) => (Number.isFinite(v) ? formatValue(v, 'ns') : '—');
  const bytes = (v: number) => (Number.isFinite(v) ? formatValue(v, 'bytes') : '—');
  const rows: Array<[string, string]> = [
    ['start', ns(cycles.start[cycle])],
    ['sweep termination STW', ns(cycles.sweepTermNs[cycle])],
    ['concurrent mark', ns(cycles.concurrentMarkNs[cycle])],
    ['mark termination STW', ns(cycles.markTermNs[cycle])],
    [
      'mark assists',
      `${ns(cycles.assistNs[cycle])} in ${cycles.assistGoroutines[cycle]} goroutines`,
    ],
    ['heap start → end', `${bytes(cycles.heapStart[cycle])} → ${bytes(cycles.heapEnd[cycle])}`],
    ['heap goal', bytes(cycles.goal[cycle])],
  ];
  return (
    <div
      className="tooltip gc-tooltip tr-tooltip"
      data-testid="gc-track-tooltip"
      style={{ left: x + 14, top: y + 8 }}
    >
      <div className="tooltip-title">GC cycle {cycle + 1}</div>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="tr-tooltip-hint">click to select this cycle</div>
    </div>
  );
}
