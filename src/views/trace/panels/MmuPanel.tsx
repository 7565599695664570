import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import { useEffect, useRef, useState } from 'react';
import type { MmuCurve } from '../../../../workers/analysis/mmuCurve';
import type { UtilFlags } from '../../../../workers/analysis/mutatorUtilization';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../../store/session';
import { useElementWidth } from '../../gc/useElementWidth';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';
import { mmuFlags, mmuFlagsValue } from '../traceViewState';

const options: Array<{ key: keyof UtilFlags; title: string; help: string }> = [
  { key: 'stw', title: 'STW', help: 'Stop-the-world pauses count as GC' },
  { key: 'background', title: 'Background workers', help: 'Dedicated and fractional mark workers' },
  { key: 'assist', title: 'Mark assists', help: 'Goroutines assisting the GC' },
  { key: 'sweep', title: 'Sweep', help: 'Incremental sweeping' },
  { key: 'perProc', title: 'Per P', help: 'The worst P instead of the whole program' },
];

const margin = { top: 12, right: 20, bottom: 36, left: 50 };
const height = 240;

/**
 * Minimum mutator utilization against window size, as `go tool trace` draws it: for each window
 * length, the smallest share of CPU the program had in any window of that length. The largest
 * window with zero utilization is the longest pause.
 */
export function MmuPanel({ file }: { file: OpenFile }) {
  const { selection } = useTimeline();
  const flags = mmuFlags(file.viewState);
  const curve = useFileQuery<MmuCurve>(file.id, 'mmu', { ...(selection ?? {}), flags });
  const wrapperRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const width = Math.max(50, Math.min(900, outerWidth) - margin.left - margin.right);
  const [hover, setHover] = useState<number>();
  const data = curve.data;
  const n = data?.windowNs.length ?? 0;
  const x = scaleLog()
    .domain(n > 1 ? [data!.windowNs[0], data!.windowNs[n - 1]] : [1, 10])
    .range([0, width]);
  const y = scaleLinear().domain([0, 1]).range([height, 0]);

  useEffect(() => {
    if (!xAxisRef.current || !yAxisRef.current) return;
    select(xAxisRef.current).call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(width / 90)))
        .tickFormat((v) => {
          const log = Math.log10(+v);
          return Math.abs(log - Math.round(log)) < 1e-6 ? formatValue(+v, 'ns') : '';
        }),
    );
    select(yAxisRef.current).call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => `${Math.round(+v * 100)}%`),
    );
  });

  const path =
    data && n > 1
      ? line<number>()
          .x((i) => x(data.windowNs[i]))
          .y((i) => y(data.mmu[i]))(Array.from({ length: n }, (_, i) => i))
      : null;

  const setFlag = (key: keyof UtilFlags, on: boolean) =>
    useSession.getState().patchViewState(file.id, { mmu: mmuFlagsValue({ ...flags, [key]: on }) });

  return (
    <div className="tr-mmu" data-testid="mmu-panel">
      <div className="pp-subbar">
        {options.map((o) => (
          <label key={o.key} className="pp-check" title={o.help}>
            <input
              type="checkbox"
              checked={!!flags[o.key]}
              data-testid={`mmu-${o.key}`}
              onChange={(e) => setFlag(o.key, e.target.checked)}
            />
            {o.title}
          </label>
        ))}
        <span className="pp-spacer" />
        <span className="pp-total">{selection ? 'In the selection' : 'Whole trace'}</span>
      </div>
      <QueryStatus loading={curve.loading} error={curve.error} hasData={!!data} />
      <div ref={wrapperRef} className="tr-mmu-chart">
        <svg
          width={width + margin.left + margin.right}
          height={height + margin.top + margin.bottom}
          role="img"
          aria-label="Minimum mutator utilization by window size"
          data-testid="mmu-chart"
          onPointerMove={(e) => {
            if (!data || n < 2) return;
            const px = e.clientX - e.currentTarget.getBoundingClientRect().left - margin.left;
            const t = x.invert(px);
            let best = 0;
            for (let i = 1; i < n; i++) {
              if (Math.abs(data.windowNs[i] - t) < Math.abs(data.windowNs[best] - t)) best = i;
            }
            setHover(px >= 0 && px <= width ? best : undefined);
          }}
          onPointerLeave={() => setHover(undefined)}
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            <g ref={yAxisRef} className="tr-axis-g" />
            <g ref={xAxisRef} className="tr-axis-g" transform={`translate(0,${height})`} />
            {path && <path d={path} fill="none" stroke="#007d9c" strokeWidth={2} />}
            {hover !== undefined && data && (
              <g transform={`translate(${x(data.windowNs[hover])},${y(data.mmu[hover])})`}>
                <circle r={4} fill="#007d9c" />
              </g>
            )}
            <text x={width / 2} y={height + 32} textAnchor="middle" className="tr-axis-title">
              window size
            </text>
          </g>
        </svg>
        {hover !== undefined && data && (
          <div className="tr-mmu-readout" data-testid="mmu-readout">
            In any {formatValue(data.windowNs[hover], 'ns')} window, the program had at least{' '}
            <strong>{(data.mmu[hover] * 100).toFixed(1)}%</strong> of the CPU
            {Number.isFinite(data.worstStart[hover]) &&
              ` (worst window starts at ${formatValue(data.worstStart[hover], 'ns')})`}
            .
          </div>
        )}
      </div>
    </div>
  );
}
