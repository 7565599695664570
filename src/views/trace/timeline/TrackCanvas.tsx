import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { recordFrameTime } from '../../flamegraph/frameTimes';
import { useElementWidth } from '../../gc/useElementWidth';
import { plotLeft, plotRight, timeAt, useTimeline, xOf } from './timelineContext';
import { useZoomSurface } from './useZoomSurface';
import type { TimeRange } from './viewportMath';

export interface TrackPaint {
  ctx: CanvasRenderingContext2D;
  window: TimeRange;
  /** Plot width in CSS pixels; x = 0 is the plot's left edge (the gutter is left of it). */
  width: number;
  height: number;
  x: (t: number) => number;
}

/** A point on a track: its time, its y, its x in the plot, and the time one pixel spans. */
export interface TrackHit {
  t: number;
  y: number;
  px: number;
  nsPerPx: number;
}

export interface TrackCanvasProps {
  height: number;
  /** Draws the track's data; the context is translated so x = 0 is the plot's left edge. */
  paint: (p: TrackPaint) => void;
  /** Lane labels in the gutter, drawn with the same context before the plot is clipped. */
  paintGutter?: (ctx: CanvasRenderingContext2D, height: number) => void;
  /** Called after each paint, e.g. to mark the first paint with data. */
  onPainted?: () => void;
  onHover?: (hit: TrackHit | undefined) => void;
  onClick?: (hit: TrackHit) => void;
  label: string;
  testId?: string;
  /** Overlays (tooltips) positioned over the track. */
  children?: ReactNode;
  /** Anything that, when it changes, needs a repaint (data, highlight). */
  deps: unknown[];
}

/**
 * One canvas track of the shared timeline. It repaints itself, at most once per animation frame,
 * whenever the live window or its data changes, without re-rendering React; it is a d3-zoom
 * surface, shades the brushed selection, and records each paint's duration for the benchmark.
 */
export function TrackCanvas(props: TrackCanvasProps) {
  const timeline = useTimeline();
  const { store } = timeline;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const width = Math.max(1, outerWidth - plotLeft - plotRight);
  const frame = useRef(0);
  const latest = useRef(props);
  const selection = useRef(timeline.selection);
  // A frame already requested paints with the sizes of the latest render, not of the render
  // that requested it: a size that changed meanwhile must not leave the canvas unpainted.
  const size = useRef({ outerWidth, width });
  useLayoutEffect(() => {
    latest.current = props;
    selection.current = timeline.selection;
    size.current = { outerWidth, width };
  });

  const paintNow = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    const { outerWidth, width } = size.current;
    if (!canvas || !ctx || outerWidth <= 0) return;
    const began = performance.now();
    const { height, paint, paintGutter, onPainted } = latest.current;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, outerWidth, height);
    paintGutter?.(ctx, height);
    const w = store.get();
    ctx.save();
    ctx.translate(plotLeft, 0);
    ctx.beginPath();
    ctx.rect(0, 0, width, height);
    ctx.clip();
    paint({ ctx, window: w, width, height, x: (t) => xOf(w, width, t) });
    const sel = selection.current;
    if (sel) {
      const a = Math.max(0, xOf(w, width, sel.from));
      const b = Math.min(width, xOf(w, width, sel.to));
      // Dim what lies outside the selection, so the selected part stands out.
      ctx.fillStyle = 'rgba(247, 248, 250, 0.55)';
      if (a > 0) ctx.fillRect(0, 0, a, height);
      if (b < width) ctx.fillRect(b, 0, width - b, height);
      ctx.fillStyle = '#007d9c';
      if (a > 0 && a < width) ctx.fillRect(a, 0, 1, height);
      if (b > 0 && b < width) ctx.fillRect(b - 1, 0, 1, height);
    }
    ctx.restore();
    recordFrameTime(performance.now() - began);
    onPainted?.();
  }, [store]);

  const requestPaint = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(paintNow);
  }, [paintNow]);

  // The store announces from inside an animation frame: paint right there.
  useEffect(
    () =>
      store.subscribe(() => {
        cancelAnimationFrame(frame.current);
        paintNow();
      }),
    [store, paintNow],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || outerWidth <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(outerWidth * dpr);
    canvas.height = Math.round(props.height * dpr);
    canvas.style.width = `${outerWidth}px`;
    canvas.style.height = `${props.height}px`;
    requestPaint();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outerWidth, props.height, requestPaint, timeline.selection, ...props.deps]);

  useZoomSurface(wrapperRef, store, width);

  const hitOf = (e: React.PointerEvent | React.MouseEvent): TrackHit => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const px = e.clientX - rect.left - plotLeft;
    const w = store.get();
    return {
      t: timeAt(w, width, px),
      y: e.clientY - rect.top,
      px,
      nsPerPx: (w.to - w.from) / width,
    };
  };

  return (
    <div
      ref={wrapperRef}
      className="tr-track"
      data-testid={props.testId}
      style={{ height: props.height }}
      onPointerMove={(e) => {
        const hit = hitOf(e);
        timeline.pointer.set(hit.px >= 0 ? hit.t : undefined);
        props.onHover?.(hit.px >= 0 && e.buttons === 0 ? hit : undefined);
      }}
      onPointerLeave={() => {
        timeline.pointer.set(undefined);
        props.onHover?.(undefined);
      }}
      onClick={(e) => {
        const hit = hitOf(e);
        if (hit.px >= 0) props.onClick?.(hit);
      }}
    >
      <canvas ref={canvasRef} role="img" aria-label={props.label} />
      {props.children}
    </div>
  );
}
