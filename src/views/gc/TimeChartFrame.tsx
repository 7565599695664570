import { axisBottom, axisLeft, scaleLinear, select, type ScaleLinear } from 'd3';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { TimeRange } from './chartData';
import { timeTicks } from './timeTicks';
import { useElementWidth } from './useElementWidth';
import './gcCharts.css';

export interface ChartScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  width: number;
  height: number;
}

export interface ValueAxis {
  domain: [number, number];
  format: (value: number) => string;
  /** Tick values for about `count` ticks; default: D3's round numbers. */
  ticks?: (domain: [number, number], count: number) => number[];
}

/** What every time chart takes about the time it shows and how it is zoomed. */
export interface ChartWindowProps {
  /** The whole time range (default: what the data covers). */
  extent?: TimeRange;
  /** The time range shown (default: extent); with onWindowChange, a drag selects a new one. */
  window?: TimeRange;
  onWindowChange?: (window: TimeRange | undefined) => void;
  /**
   * Shows the whole extent again; default: onWindowChange(undefined). The trace view resets its
   * shared window here and keeps the selection its drags make.
   */
  onResetZoom?: () => void;
  /** Left inset of the plot in CSS pixels (default: room for the value axis, or 10 without one). */
  plotLeft?: number;
  /** What times are measured from, for the tooltip (e.g. "since program start"). */
  timeOrigin?: string;
}

/** The reset action while the window shows less than the whole extent, else undefined. */
export function resetWhenZoomed(props: ChartWindowProps, extent: TimeRange) {
  const w = props.window;
  if (!w || (w.from <= extent.from && w.to >= extent.to)) return undefined;
  const change = props.onWindowChange;
  return props.onResetZoom ?? (change && (() => change(undefined)));
}

export interface TimeChartFrameProps {
  /** Time shown, ns. */
  domain: TimeRange;
  /** Plot height in CSS pixels (axes add to it). */
  height: number;
  /** A left value axis; without one, y maps [0, 1] onto the plot and no axis is drawn. */
  valueAxis?: ValueAxis;
  /** Draws the data; the context is in CSS pixels of the plot area. */
  draw: (ctx: CanvasRenderingContext2D, scales: ChartScales) => void;
  /**
   * What the drawing depends on besides the domain, the value axis and the size: the canvas is
   * drawn again only when one of them changes, not on every render (a hover re-renders).
   */
  drawDeps: unknown[];
  /** Tooltip content at a time and plot position; undefined shows none. Text only. */
  tooltip?: (t: number, px: number, py: number, scales: ChartScales) => ReactNode | undefined;
  /** Draws a vertical line under the pointer. */
  crosshair?: boolean;
  /** Dragging selects a time window. */
  onWindowChange?: (window: TimeRange | undefined) => void;
  /** A double click resets the zoom (see resetWhenZoomed). */
  onResetZoom?: () => void;
  /** Left inset of the plot in CSS pixels. */
  plotLeft?: number;
  label: string;
  testId?: string;
  tooltipTestId?: string;
}

const margin = { top: 6, right: 14, bottom: 22 };
/** Room for the value axis left of the plot; charts stacked with others may take it without one. */
export const valueAxisWidth = 58;
const noAxisLeft = 10;
const minBrushPx = 4;

/**
 * The one chart viewport of the GC views: a canvas plot over a shared time axis (D3 scales and
 * axes in SVG), hover tooltips and a drag-to-select brush. Components draw their data and say
 * what the tooltip shows; the frame does layout, device pixels and pointer handling. Its
 * `plotLeft` lets a caller line the plot up with other tracks (the trace view's gutter).
 */
export function TimeChartFrame(props: TimeChartFrameProps) {
  const { domain, height, valueAxis, draw, tooltip, onWindowChange } = props;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const left = props.plotLeft ?? (valueAxis ? valueAxisWidth : noAxisLeft);
  const width = Math.max(10, outerWidth - left - margin.right);
  const x = scaleLinear().domain([domain.from, domain.to]).range([0, width]);
  const y = scaleLinear()
    .domain(valueAxis?.domain ?? [0, 1])
    .range([height, 0]);
  const scales: ChartScales = { x, y, width, height };
  const [hover, setHover] = useState<{ px: number; py: number }>();
  const [brush, setBrush] = useState<{ a: number; b: number }>();

  const yFrom = valueAxis?.domain[0];
  const yTo = valueAxis?.domain[1];
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || outerWidth === 0) return;
    const dpr = window.devicePixelRatio || 1;
    // Setting a size reallocates the canvas: only when it changes.
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx, scales);
    // The scales follow from the listed values; `draw` is a fresh closure every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outerWidth, width, height, domain.from, domain.to, yFrom, yTo, ...props.drawDeps]);

  useEffect(() => {
    if (!xAxisRef.current) return;
    const ticks = timeTicks(domain.from, domain.to, width);
    const axis = axisBottom(x)
      .tickValues(ticks.map((tick) => tick.t))
      .tickFormat((_, i) => ticks[i].label);
    select(xAxisRef.current).call(axis);
    if (yAxisRef.current && valueAxis) {
      const count = Math.max(2, Math.floor(height / 28));
      const yAxis = axisLeft(y)
        .tickValues(valueAxis.ticks?.(valueAxis.domain, count) ?? y.ticks(count))
        .tickFormat((v) => valueAxis.format(+v));
      select(yAxisRef.current).call(yAxis);
    }
    // The axes follow from the listed values, not from every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height, domain.from, domain.to, yFrom, yTo, valueAxis?.format, valueAxis?.ticks]);

  const position = (e: React.PointerEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return {
      px: Math.max(0, Math.min(width, e.clientX - rect.left)),
      py: e.clientY - rect.top,
    };
  };
  const onPointerDown = (e: React.PointerEvent) => {
    if (!onWindowChange || e.button !== 0) return;
    const { px } = position(e);
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setBrush({ a: px, b: px });
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const p = position(e);
    if (brush) setBrush({ a: brush.a, b: p.px });
    setHover(p);
  };
  const onPointerUp = () => {
    if (!brush || !onWindowChange) return;
    const a = Math.min(brush.a, brush.b);
    const b = Math.max(brush.a, brush.b);
    setBrush(undefined);
    if (b - a >= minBrushPx) onWindowChange({ from: x.invert(a), to: x.invert(b) });
  };

  const tip = hover && !brush && tooltip?.(x.invert(hover.px), hover.px, hover.py, scales);
  const tipLeft = hover && hover.px > width - 240 ? hover.px - 250 : (hover?.px ?? 0) + 14;
  return (
    <div
      ref={wrapperRef}
      className="gc-chart"
      data-testid={props.testId}
      style={{ height: height + margin.top + margin.bottom }}
    >
      <canvas
        ref={canvasRef}
        className="gc-chart-canvas"
        role="img"
        aria-label={props.label}
        style={{ left, top: margin.top, width, height }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(undefined)}
        onDoubleClick={props.onResetZoom}
      />
      <svg
        className="gc-chart-axes"
        width={outerWidth}
        height={height + margin.top + margin.bottom}
      >
        <g ref={xAxisRef} transform={`translate(${left},${margin.top + height})`} />
        {valueAxis && <g ref={yAxisRef} transform={`translate(${left},${margin.top})`} />}
      </svg>
      {props.crosshair && hover && !brush && (
        <div
          className="gc-chart-crosshair"
          style={{ left: left + hover.px, top: margin.top, height }}
        />
      )}
      {brush && (
        <div
          className="gc-chart-brush"
          style={{
            left: left + Math.min(brush.a, brush.b),
            width: Math.abs(brush.b - brush.a),
            top: margin.top,
            height,
          }}
        />
      )}
      {tip && (
        <div
          className="tooltip gc-tooltip"
          data-testid={props.tooltipTestId}
          style={{ left: left + tipLeft, top: Math.max(0, Math.min(height - 40, hover.py)) }}
        >
          {tip}
        </div>
      )}
    </div>
  );
}
