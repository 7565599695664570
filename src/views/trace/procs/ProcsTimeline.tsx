import { useMemo, useRef, useState } from 'react';
import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { queryFile } from '../../../engine/fileWorkers';
import { formatValue } from '../../units/formatValue';
import { TrackCanvas } from '../timeline/TrackCanvas';
import { plotLeft } from '../timeline/timelineContext';
import { activityNames } from './activityStyle';
import { drawProcs, type GoroutineLook } from './drawProcs';
import { indexLanes, intervalAt, laneAt, lanesHeight, layoutLanes, type Lane } from './procLanes';
import type { ProcData } from './useProcData';

export interface ProcsTimelineProps {
  fileId: string;
  procIds: ArrayLike<number>;
  procs: ProcData | undefined;
  pins: ProcData | undefined;
  pinned: number[];
  look: GoroutineLook;
  onGoroutineClick: (g: number) => void;
}

interface HoveredInterval {
  x: number;
  y: number;
  lane: Lane;
  p: number;
  g: number;
  activity: number;
  start: number;
  end: number;
}

/** Hover tolerance in pixels, so a one-pixel interval can be pointed at. */
const slopPx = 3;

/**
 * One lane per P with whoever held it, coloured by the goroutine's start function, GC work in
 * purple, syscalls in orange, assists and sweeps as a strip along the bottom; pinned goroutines
 * get lanes of their own. Hover and click resolve to the real interval, asking the worker when
 * the pixel only holds a per-column aggregate.
 */
export function ProcsTimeline(props: ProcsTimelineProps) {
  const { procs, pins, look, pinned } = props;
  const lanes = useMemo(() => layoutLanes(props.procIds, pinned), [props.procIds, pinned]);
  const height = Math.max(40, lanesHeight(lanes));
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<HoveredInterval>();
  const asked = useRef(0);

  /** The interval under a point: from the data drawn, else from the worker. */
  const resolve = async (t: number, y: number, nsPerPx: number) => {
    const lane = laneAt(lanes, y);
    if (!lane) return undefined;
    const data = lane.kind === 'proc' ? procs : pins;
    const slop = slopPx * nsPerPx;
    const pick = (d: ProcData | undefined, rows: Int32Array | undefined) => {
      if (!d) return undefined;
      const i = intervalAt(d.view.intervals, rows, t, slop);
      if (i < 0) return undefined;
      const iv = d.view.intervals;
      return {
        lane,
        p: iv.p[i],
        g: iv.g[i],
        activity: iv.activity[i],
        start: iv.start[i],
        end: iv.end[i],
      };
    };
    const rowsOf = (d: ProcData | undefined) =>
      lane.kind === 'proc' ? d?.index.byProc.get(lane.id) : d?.index.byGoroutine.get(lane.id);
    const local = pick(data, rowsOf(data));
    if (local || lane.kind !== 'proc' || !procs || procs.view.columns === 0) return local;
    // The pixel holds a column aggregate: the worker has the intervals themselves.
    const view = await queryFile<ProcActivityView>(props.fileId, 'procs', {
      from: t - slop,
      to: t + slop,
    });
    const exact = {
      view,
      window: { from: t - slop, to: t + slop },
      index: indexLanes(view.intervals),
    };
    return pick(exact, exact.index.byProc.get(lane.id));
  };

  return (
    <div ref={wrapperRef} className="tr-procs" data-testid="procs-timeline">
      <TrackCanvas
        height={height}
        label="Procs timeline: one lane per P"
        deps={[procs, pins, lanes, look]}
        paint={(p) => drawProcs(p, lanes, procs, pins, look)}
        paintGutter={(ctx) => paintLaneLabels(ctx, lanes)}
        onPainted={() => {
          if (procs && wrapperRef.current && !wrapperRef.current.dataset.painted) {
            wrapperRef.current.dataset.painted = '1';
          }
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
            if (found && found.g >= 0) props.onGoroutineClick(found.g);
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
            <td>what</td>
            <td>{activityNames[hover.activity]}</td>
          </tr>
          <tr>
            <td>on</td>
            <td>P{hover.p}</td>
          </tr>
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
      {hover.g >= 0 && <div className="tr-tooltip-hint">click to pin G{hover.g}</div>}
    </div>
  );
}
