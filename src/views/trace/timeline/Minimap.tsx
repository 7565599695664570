import { brushX, select, type BrushBehavior } from 'd3';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useElementWidth } from '../../gc/useElementWidth';
import { columnShares } from '../procs/procColumns';
import { plotLeft, plotRight, timeAt, useTimeline, xOf } from './timelineContext';
import { useLiveWindow } from './windowStore';

const height = 34;

/**
 * The whole trace in one strip: how busy the Ps were (blue) and how much of it was GC (purple),
 * with the visible window as a brush: drag it, resize it, or drag elsewhere for a new window.
 */
export function Minimap({ fileId }: { fileId: string }) {
  const { store } = useTimeline();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const width = Math.max(1, Math.floor(outerWidth - plotLeft - plotRight));
  const { extent } = store;
  // Part of the timeline's first paint; nothing is asked until the strip's width is known.
  const whole = useFileQuery<ProcActivityView>(
    fileId,
    'procs',
    { from: extent.from, to: extent.to, pixelWidth: width },
    { priority: 'paint', enabled: outerWidth > 0 },
  );
  const shares = useMemo(
    () => whole.data && columnShares(whole.data, extent.from, extent.to, whole.data.columns),
    [whole.data, extent],
  );
  const w = useLiveWindow(store);
  const brush = useRef<BrushBehavior<unknown>>(undefined);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || outerWidth <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#f4f5f8';
    ctx.fillRect(0, 0, width, height);
    if (!shares) return;
    const columns = shares.busy.length;
    const scale = width / columns;
    // Two paths, two fills: a fillRect per column and colour costs more than the data.
    const busy = new Path2D();
    const gc = new Path2D();
    for (let c = 0; c < columns; c++) {
      const hb = Math.min(1, shares.busy[c]) * (height - 2);
      if (hb > 0) busy.rect(c * scale, height - hb, scale, hb);
      const hg = Math.min(1, shares.gc[c]) * (height - 2);
      if (hg > 0) gc.rect(c * scale, height - hg, scale, hg);
    }
    ctx.fillStyle = '#8fb8de';
    ctx.fill(busy);
    ctx.fillStyle = '#9b6bcc';
    ctx.fill(gc);
  }, [shares, width, outerWidth]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g || width <= 1) return;
    const whole = { from: extent.from, to: extent.to };
    const behavior = brushX()
      .extent([
        [0, 0],
        [width, height],
      ])
      .on('brush end', (event: { selection: [number, number] | null; sourceEvent?: Event }) => {
        if (!event.sourceEvent || !event.selection) return;
        const [a, b] = event.selection;
        if (b - a < 1) return;
        store.set({ from: timeAt(whole, width, a), to: timeAt(whole, width, b) });
      });
    brush.current = behavior;
    select(g).call(behavior);
    return () => {
      select(g).on('.brush', null);
    };
  }, [store, extent, width]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g || !brush.current) return;
    const whole = { from: extent.from, to: extent.to };
    const a = xOf(whole, width, w.from);
    const b = Math.max(a + 2, xOf(whole, width, w.to));
    brush.current.move(select(g), [a, b]);
  }, [w, width, extent]);

  return (
    <div ref={wrapperRef} className="tr-minimap" data-testid="minimap" style={{ height }}>
      <span className="tr-gutter-label">whole</span>
      <canvas ref={canvasRef} style={{ left: plotLeft }} aria-label="The whole trace" role="img" />
      <svg width={width} height={height} style={{ left: plotLeft }}>
        <g ref={brushRef} className="tr-brush tr-window-brush" />
      </svg>
    </div>
  );
}
