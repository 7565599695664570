import { brushX, select, type BrushBehavior } from 'd3';
import { useEffect, useRef } from 'react';
import { useElementWidth } from '../../gc/useElementWidth';
import { timeTicks } from '../../gc/timeTicks';
import { plotLeft, plotRight, timeAt, useTimeline, xOf } from './timelineContext';
import { useLiveWindow } from './windowStore';
import { formatValue } from '../../units/formatValue';

const height = 30;

/**
 * The time axis of every track, and the brush: dragging along it selects the window the panels
 * analyse (the STW statistics, MMU, goroutines, flame graphs). Esc or the clear button drops it.
 */
export function TimeAxis() {
  const { store, selection, select: setSelection } = useTimeline();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const width = Math.max(1, outerWidth - plotLeft - plotRight);
  const w = useLiveWindow(store);
  const brush = useRef<BrushBehavior<unknown>>(undefined);

  useEffect(() => {
    const g = brushRef.current;
    if (!g || width <= 1) return;
    const behavior = brushX()
      .extent([
        [0, 0],
        [width, height],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: Event }) => {
        if (!event.sourceEvent) return;
        const live = store.get();
        const s = event.selection;
        setSelection(
          s && s[1] - s[0] >= 2
            ? { from: timeAt(live, width, s[0]), to: timeAt(live, width, s[1]) }
            : undefined,
        );
      });
    brush.current = behavior;
    select(g).call(behavior);
    return () => {
      select(g).on('.brush', null);
    };
  }, [store, width, setSelection]);

  // The brush follows the selection and the live window, without announcing it.
  useEffect(() => {
    const g = brushRef.current;
    if (!g || !brush.current) return;
    const a = selection ? Math.max(0, xOf(w, width, selection.from)) : 0;
    const b = selection ? Math.min(width, xOf(w, width, selection.to)) : 0;
    brush.current.move(select(g), selection && b > a ? [a, b] : null);
  }, [selection, w, width]);

  const ticks = timeTicks(w.from, w.to, width);
  return (
    <div ref={wrapperRef} className="tr-axis" data-testid="time-axis" style={{ height }}>
      <svg width={outerWidth} height={height}>
        <g transform={`translate(${plotLeft},0)`}>
          {ticks.map((tick) => {
            const x = xOf(w, width, tick.t);
            return (
              <g key={tick.t} transform={`translate(${x},0)`}>
                <line y1={height - 8} y2={height} />
                <text x={3} y={12}>
                  {tick.label}
                </text>
              </g>
            );
          })}
          <g ref={brushRef} className="tr-brush" data-testid="time-brush" />
        </g>
        <text className="tr-axis-span" x={4} y={20}>
          <title>Width of the visible window</title>
          {formatValue(w.to - w.from, 'ns')}
        </text>
      </svg>
    </div>
  );
}
