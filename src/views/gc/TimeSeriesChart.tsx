import { useMemo, type ReactNode } from 'react';
import { formatValue } from '../units/formatValue';
import { lastAtOrBefore } from '../../../workers/analysis/sortedSearch';
import { timeExtent, type ChartBands, type ChartRule, type ChartSeries } from './chartData';
import { ChartLegend } from './ChartLegend';
import {
  resetWhenZoomed,
  TimeChartFrame,
  type ChartScales,
  type ChartWindowProps,
} from './TimeChartFrame';

/** The extent defaults to what the series and bands cover. */
export interface TimeSeriesChartProps extends ChartWindowProps {
  series: ChartSeries[];
  /** Formats values (axis and tooltip). */
  format: (value: number) => string;
  /** Accessible name of the chart. */
  label: string;
  /** Axis tick values (e.g. `byteTicks`); default: D3's round numbers. */
  ticks?: (domain: [number, number], count: number) => number[];
  /** Value range; by default from 0 (or the lowest value, if negative) to the highest. */
  yDomain?: [number, number];
  /** Shaded intervals behind the series (GC cycles). */
  bands?: ChartBands;
  /** Horizontal reference lines. */
  rules?: ChartRule[];
  height?: number;
  testId?: string;
  /** Extra legend content after the series names (e.g. inputs). */
  legendExtra?: ReactNode;
}

const bandColor = 'rgba(0, 125, 156, 0.09)';
const noRules: ChartRule[] = [];

/**
 * Any per-time series (heap sizes, GC CPU %, assist share…) as steps, lines or points over the
 * shared time axis, with optional bands and reference lines; hover lists every series' value at
 * the pointer's time.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { series, format, bands, rules = noRules, height = 180 } = props;
  const extent = useMemo(
    () =>
      props.extent ??
      timeExtent([
        ...series.map((s) => ({ start: s.time })),
        ...(bands ? [{ start: bands.start, end: bands.end }] : []),
      ]),
    [props.extent, series, bands],
  );
  const yDomain = useMemo(
    () => props.yDomain ?? valueDomain(series, rules),
    [props.yDomain, series, rules],
  );
  const domain = props.window ?? extent;
  const reset = resetWhenZoomed(props, extent);

  const draw = (ctx: CanvasRenderingContext2D, { x, y, width, height: h }: ChartScales) => {
    if (bands) {
      // One path, one fill: a band per GC cycle may be thousands.
      const path = new Path2D();
      for (let i = 0; i < bands.start.length; i++) {
        const x0 = x(bands.start[i]);
        const x1 = x(Number.isFinite(bands.end[i]) ? bands.end[i] : bands.start[i]);
        if (x1 < 0 || x0 > width) continue;
        path.rect(x0, 0, Math.max(1, x1 - x0), h);
      }
      ctx.fillStyle = bandColor;
      ctx.fill(path);
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, width, h);
    ctx.clip();
    for (const rule of rules) {
      ctx.strokeStyle = rule.color;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(0, y(rule.value));
      ctx.lineTo(width, y(rule.value));
      ctx.stroke();
    }
    for (const s of series) drawSeries(ctx, s, x, y, width);
    ctx.restore();
  };

  const tooltip = (t: number) => {
    const values = series.map((s) => ({ s, v: valueAt(s, t) }));
    return (
      <>
        <div className="tooltip-title">
          {formatValue(t, 'ns')}
          {props.timeOrigin ? ` ${props.timeOrigin}` : ''}
        </div>
        <table>
          <tbody>
            {values.map(({ s, v }) => (
              <tr key={s.label}>
                <th>
                  <span className="gc-swatch" style={{ background: s.color }} />
                  {s.label}
                </th>
                <td>{Number.isFinite(v) ? format(v) : '—'}</td>
              </tr>
            ))}
            {rules.map((r) => (
              <tr key={r.label}>
                <th>
                  <span className="gc-swatch" style={{ background: r.color }} />
                  {r.label}
                </th>
                <td>{format(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  };

  return (
    <div className="gc-series-chart">
      <ChartLegend
        items={[
          ...series.map((s) => ({
            label: s.label,
            color: s.color,
            swatch: s.dashed ? ('dashed' as const) : undefined,
          })),
          ...rules.map((r) => ({ label: r.label, color: r.color, swatch: 'dashed' as const })),
          ...(bands ? [{ label: bands.label, color: bandColor, swatch: 'band' as const }] : []),
        ]}
        onResetZoom={reset}
        plotLeft={props.plotLeft}
      >
        {props.legendExtra}
      </ChartLegend>
      <TimeChartFrame
        domain={domain}
        height={height}
        valueAxis={{ domain: yDomain, format, ticks: props.ticks }}
        draw={draw}
        drawDeps={[series, bands, rules]}
        tooltip={tooltip}
        crosshair
        onWindowChange={props.onWindowChange}
        onResetZoom={reset}
        plotLeft={props.plotLeft}
        label={props.label}
        testId={props.testId}
        tooltipTestId={props.testId ? `${props.testId}-tooltip` : undefined}
      />
    </div>
  );
}

/** The series' value at time t: the last point at or before it for steps, the nearest otherwise. */
export function valueAt(s: ChartSeries, t: number): number {
  const i = lastAtOrBefore(s.time, t);
  if ((s.style ?? 'line') === 'step') return i >= 0 ? s.value[i] : NaN;
  const j = i + 1;
  if (i < 0) return j < s.time.length ? s.value[j] : NaN;
  if (j >= s.time.length) return s.value[i];
  return t - s.time[i] <= s.time[j] - t ? s.value[i] : s.value[j];
}

function valueDomain(series: ChartSeries[], rules: ChartRule[]): [number, number] {
  let lo = 0;
  let hi = -Infinity;
  for (const s of series) {
    for (const v of s.value) {
      if (!Number.isFinite(v)) continue;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
  }
  for (const r of rules) hi = Math.max(hi, r.value);
  if (!Number.isFinite(hi) || hi <= lo) hi = lo + 1;
  return [lo, hi * 1.05];
}

function drawSeries(
  ctx: CanvasRenderingContext2D,
  s: ChartSeries,
  x: (t: number) => number,
  y: (v: number) => number,
  width: number,
): void {
  const { time, value } = s;
  const style = s.style ?? 'line';
  ctx.strokeStyle = s.color;
  ctx.fillStyle = s.color;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(s.dashed ? [5, 3] : []);
  if (style === 'points') {
    for (let i = 0; i < time.length; i++) {
      if (!Number.isFinite(value[i])) continue;
      const px = x(time[i]);
      if (px < -3 || px > width + 3) continue;
      ctx.beginPath();
      ctx.arc(px, y(value[i]), 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    return;
  }
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < time.length; i++) {
    const v = value[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const px = x(time[i]);
    const py = y(v);
    if (!pen) ctx.moveTo(px, py);
    else if (style === 'step') ctx.lineTo(px, y(value[i - 1]));
    ctx.lineTo(px, py);
    pen = true;
  }
  if (pen && style === 'step') ctx.lineTo(width, y(value[time.length - 1]));
  ctx.stroke();
}
