import { useMemo, useRef, useState } from 'react';
import type { GoroutineLanes } from '../../../../workers/analysis/goroutineLanes';
import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { queryFile } from '../../../engine/fileWorkers';
import { useElementWidth } from '../../gc/useElementWidth';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue } from '../../units/formatValue';
import { TrackCanvas } from '../timeline/TrackCanvas';
import { plotLeft, plotRight, useTimeline } from '../timeline/timelineContext';
import { activityNames } from './activityStyle';
import { drawGoroutineLanes, goroutineIntervalAt } from './drawGoroutineLanes';
import { drawProcs, type GoroutineLook } from './drawProcs';
import { laneStateText } from './goroutineLaneStyle';
import { indexLanes, intervalAt, laneAt, lanesHeight, layoutLanes, type Lane } from './procLanes';
import { laneStarts, useGoroutineLaneData, type GoroutineLaneData } from './useGoroutineLaneData';
import type { ProcData } from './useProcData';

export interface ProcsTimelineProps {
  fileId: string;
  procIds: ArrayLike<number>;
  procs: ProcData | undefined;
  pinned: number[];
  look: GoroutineLook;
  /** A click on a P lane's goroutine (pins it). */
  onGoroutineClick: (g: number) => void;
}

interface HoveredInterval {
  x: number;
  y: number;
  lane: Lane;
  /** The P it ran on, for P lanes. */
  p?: number;
  g: number;
  what: string;
  start: number;
  end: number;
}

type Found = Omit<HoveredInterval, 'x' | 'y'>;

/** Hover tolerance in pixels, so a one-pixel interval can be pointed at. */
const slopPx = 3;

/**
 * One lane per P with whoever held it, coloured by the goroutine's start function, GC work in
 * purple, syscalls in orange, assists and sweeps as a strip along the bottom; pinned goroutines
 * get lanes of their own with their states (running, runnable, syscall, blocked by reason).
 * Hover and click resolve to the real interval, asking the worker when the pixel only holds a
 * per-column aggregate. A click on a P lane pins its goroutine; on a pinned lane it selects the
 * interval on the time axis.
 */
export function ProcsTimeline(props: ProcsTimelineProps) {
  const { procs, look, pinned, fileId } = props;
  const { store, select } = useTimeline();
  const lanes = useMemo(() => layoutLanes(props.procIds, pinned), [props.procIds, pinned]);
  const height = Math.max(40, lanesHeight(lanes));
  const wrapperRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const plotWidth = useElementWidth(measureRef) - plotLeft - plotRight;
  const pins = useGoroutineLaneData(fileId, store, plotWidth, pinned);
  const [hover, setHover] = useState<HoveredInterval>();
  const asked = useRef(0);

  /** The interval under a point: from the data drawn, else from the worker. */
  const resolve = async (t: number, y: number, nsPerPx: number): Promise<Found | undefined> => {
    const lane = laneAt(lanes, y);
    if (!lane) return undefined;
    const slop = slopPx * nsPerPx;
    if (lane.kind === 'goroutine') return resolveGoroutine(lane, t, slop);
    const pick = (d: ProcData | undefined) => {
      const i = d ? intervalAt(d.view.intervals, d.index.byProc.get(lane.id), t, slop) : -1;
      if (!d || i < 0) return undefined;
      const iv = d.view.intervals;
      const what = activityNames[iv.activity[i]];
      return { lane, p: iv.p[i], g: iv.g[i], what, start: iv.start[i], end: iv.end[i] };
    };
    const local = pick(procs);
    if (local || !procs || procs.view.columns === 0) return local;
    // The pixel holds a column aggregate: the worker has the intervals themselves.
    // Asked as a paint query: the pointer is waiting, ahead of panels' analyses.
    const view = await queryFile<ProcActivityView>(
      fileId,
      'procs',
      { from: t - slop, to: t + slop },
      'paint',
    );
    return pick({
      view,
      window: { from: t - slop, to: t + slop },
      index: indexLanes(view.intervals),
    });
  };

  const resolveGoroutine = async (lane: Lane, t: number, slop: number) => {
    const pick = (d: GoroutineLaneData | undefined): Found | undefined => {
      const k = d ? d.lanes.goroutines.indexOf(lane.id) : -1;
      const i = d && k >= 0 ? goroutineIntervalAt(d, k, t, slop) : -1;
      if (!d || i < 0) return undefined;
      const iv = d.lanes.intervals;
      const reason = iv.reason[i] >= 0 ? d.lanes.reasons[iv.reason[i]] : undefined;
      const what = laneStateText(iv.state[i], reason);
      return { lane, g: lane.id, what, start: iv.start[i], end: iv.end[i] };
    };
    const local = pick(pins.data);
    if (local || !pins.data || pins.data.lanes.columns === 0) return local;
    const window = { from: t - slop, to: t + slop };
    const exact = await queryFile<GoroutineLanes>(
      fileId,
      'goroutineLanes',
      { goroutines: [lane.id], ...window },
      'paint',
    );
    return pick({ lanes: exact, window, laneStart: laneStarts(exact) });
  };

  return (
    <div ref={wrapperRef} className="tr-procs" data-testid="procs-timeline">
      <div ref={measureRef} className="tr-measure" />
      {pins.error && <QueryStatus loading={false} error={pins.error} hasData={false} />}
      <TrackCanvas
        height={height}
        label="Procs timeline: one lane per P, then the pinned goroutines"
        deps={[procs, pins.data, lanes, look]}
        paint={(p) => {
          drawProcs(p, lanes, procs, look);
          drawGoroutineLanes(p, lanes, pins.data, look);
        }}
        paintGutter={(ctx) => paintLaneLabels(ctx, lanes)}
        onPainted={() => {
          const dataset = wrapperRef.current?.dataset;
          if (procs && dataset && !dataset.painted) dataset.painted = '1';
          // Which pinned lanes have been drawn with their data, for the tests.
          if (dataset)
            dataset.pinsPainted = pins.data ? [...pins.data.lanes.goroutines].join(',') : '';
        }}
        onHover={(hit) => {
          const id = ++asked.current;
          if (!hit) return setHover(undefined);
          void resolve(hit.t, hit.y, hit.nsPerPx).then((found) => {
            if (id !== asked.current) return;
            setHover(found && { ...found, x: hit.px + plotLeft, y: hit.y });
          });
        }}
        onClick={(hit) => {
          void resolve(hit.t, hit.y, hit.nsPerPx).then((found) => {
            if (!found) return;
            if (found.lane.kind === 'goroutine') select({ from: found.start, to: found.end });
            else if (found.g >= 0) props.onGoroutineClick(found.g);
          });
        }}
      >
        {hover && <IntervalTooltip hover={hover} look={look} />}
      </TrackCanvas>
    </div>
  );
}

function paintLaneLabels(ctx: CanvasRenderingContext2D, lanes: readonly Lane[]) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#667085';
  for (const lane of lanes) ctx.fillText(laneLabel(lane), 6, lane.y + lane.height / 2);
  const firstPin = lanes.find((l) => l.kind === 'goroutine');
  if (firstPin) {
    ctx.fillStyle = '#1d2330';
    ctx.fillText('Pinned goroutines', 6, firstPin.y - 9);
  }
}

function laneLabel(lane: Lane): string {
  return lane.kind === 'proc' ? `P${lane.id}` : `G${lane.id}`;
}

function IntervalTooltip({ hover, look }: { hover: HoveredInterval; look: GoroutineLook }) {
  const name = hover.g >= 0 ? look.nameOf(hover.g) : '';
  return (
    <div
      className="tooltip gc-tooltip tr-tooltip"
      data-testid="procs-tooltip"
      style={{ left: hover.x + 14, top: hover.y + 10 }}
    >
      <div className="tooltip-title">
        {hover.g >= 0 ? `G${hover.g}` : 'no goroutine'}{' '}
        {name && <span className="mono">{name}</span>}
      </div>
      <table>
        <tbody>
          <tr>
            <td>{hover.lane.kind === 'proc' ? 'what' : 'state'}</td>
            <td data-testid="procs-tooltip-what">{hover.what}</td>
          </tr>
          {hover.p !== undefined && (
            <tr>
              <td>on</td>
              <td>P{hover.p}</td>
            </tr>
          )}
          <tr>
            <td>start</td>
            <td>{formatValue(hover.start, 'ns')}</td>
          </tr>
          <tr>
            <td>duration</td>
            <td data-testid="procs-tooltip-duration">
              {formatValue(hover.end - hover.start, 'ns')}
            </td>
          </tr>
        </tbody>
      </table>
      {hover.lane.kind === 'goroutine' ? (
        <div className="tr-tooltip-hint">click to select this interval</div>
      ) : (
        hover.g >= 0 && <div className="tr-tooltip-hint">click to pin G{hover.g}</div>
      )}
    </div>
  );
}
