import { useMemo } from 'react';
import { formatValue } from '../units/formatValue';
import { timeExtent, type StwPauseSeries } from './chartData';
import { reasonColor } from './reasonColors';
import { ChartLegend } from './ChartLegend';
import {
  resetWhenZoomed,
  TimeChartFrame,
  type ChartScales,
  type ChartWindowProps,
} from './TimeChartFrame';

/** The extent defaults to the first pause start to the last pause end. */
export interface StwTimelineProps extends ChartWindowProps {
  pauses: StwPauseSeries;
}

const laneHeight = 18;
const laneGap = 4;
const hitSlopPx = 4;

/**
 * Stop-the-world pauses at their true position and length (at least one pixel wide), one lane per
 * reason, coloured as the legend says. Hovering names the pause; dragging selects a time window.
 */
export function StwTimeline(props: StwTimelineProps) {
  const { pauses } = props;
  const lanes = useMemo(() => laneOfReason(pauses), [pauses]);
  const extent = useMemo(
    () => props.extent ?? timeExtent([{ start: pauses.start, end: pauseEnds(pauses) }]),
    [props.extent, pauses],
  );
  const domain = props.window ?? extent;
  const reset = resetWhenZoomed(props, extent);
  const height = Math.max(1, lanes.order.length) * (laneHeight + laneGap) - laneGap;

  // One path per reason: thousands of pauses are one fill per colour, not a fillRect each.
  const draw = (ctx: CanvasRenderingContext2D, { x, width }: ChartScales) => {
    ctx.fillStyle = '#f4f5f8';
    for (let l = 0; l < lanes.order.length; l++) {
      ctx.fillRect(0, l * (laneHeight + laneGap), width, laneHeight);
    }
    const { start, duration, reason } = pauses;
    const paths = new Map<number, Path2D>();
    for (let i = 0; i < start.length; i++) {
      const x0 = x(start[i]);
      const x1 = x(start[i] + duration[i]);
      if (x1 < 0 || x0 > width) continue;
      let path = paths.get(reason[i]);
      if (!path) paths.set(reason[i], (path = new Path2D()));
      path.rect(
        x0,
        lanes.lane[reason[i]] * (laneHeight + laneGap),
        Math.max(1, x1 - x0),
        laneHeight,
      );
    }
    for (const [r, path] of paths) {
      ctx.fillStyle = reasonColor(r);
      ctx.fill(path);
    }
  };

  const tooltip = (_t: number, px: number, py: number, { x }: ChartScales) => {
    const l = Math.floor(py / (laneHeight + laneGap));
    const i = pauseAt(pauses, lanes.order[l], px, x);
    if (i < 0) return undefined;
    return (
      <>
        <div className="tooltip-title">{pauses.reasons[pauses.reason[i]]}</div>
        <table>
          <tbody>
            <tr>
              <th>Duration</th>
              <td>{formatValue(pauses.duration[i], 'ns')}</td>
            </tr>
            <tr>
              <th>Start</th>
              <td>
                {formatValue(pauses.start[i], 'ns')}
                {props.timeOrigin ? ` ${props.timeOrigin}` : ''}
              </td>
            </tr>
          </tbody>
        </table>
      </>
    );
  };

  return (
    <div className="gc-stw-timeline">
      <ChartLegend
        items={lanes.order.map((r) => ({
          label: pauses.reasons[r],
          color: reasonColor(r),
          count: lanes.count[r],
        }))}
        onResetZoom={reset}
        plotLeft={props.plotLeft}
      >
        {pauses.start.length === 0 && <span className="gc-muted">No stop-the-world pauses.</span>}
      </ChartLegend>
      <TimeChartFrame
        domain={domain}
        height={height}
        draw={draw}
        drawDeps={[pauses, lanes]}
        tooltip={tooltip}
        onWindowChange={props.onWindowChange}
        onResetZoom={reset}
        plotLeft={props.plotLeft}
        label={`Timeline of ${pauses.start.length} stop-the-world pauses`}
        testId="stw-timeline"
        tooltipTestId="stw-tooltip"
      />
    </div>
  );
}

/** Lanes in order of the reasons' first use; reasons without pauses get no lane. */
function laneOfReason(pauses: StwPauseSeries) {
  const count = new Array<number>(pauses.reasons.length).fill(0);
  for (const r of pauses.reason) count[r]++;
  const order = count.flatMap((c, r) => (c > 0 ? [r] : []));
  const lane = new Array<number>(pauses.reasons.length).fill(-1);
  order.forEach((r, l) => (lane[r] = l));
  return { order, lane, count };
}

function pauseEnds(pauses: StwPauseSeries): Float64Array {
  return pauses.start.map((s, i) => s + pauses.duration[i]);
}

/** The pause of a reason drawn nearest to px (within a few pixels), or -1. */
function pauseAt(
  pauses: StwPauseSeries,
  reason: number | undefined,
  px: number,
  x: (t: number) => number,
): number {
  if (reason === undefined) return -1;
  let best = -1;
  let bestDistance = hitSlopPx;
  for (let i = 0; i < pauses.start.length; i++) {
    if (pauses.reason[i] !== reason) continue;
    const x0 = x(pauses.start[i]);
    const x1 = Math.max(x0 + 1, x(pauses.start[i] + pauses.duration[i]));
    const distance = px < x0 ? x0 - px : px > x1 ? px - x1 : 0;
    if (
      distance < bestDistance ||
      (distance === 0 &&
        bestDistance === 0 &&
        best >= 0 &&
        pauses.duration[i] > pauses.duration[best])
    ) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
