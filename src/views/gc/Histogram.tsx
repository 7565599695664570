import { axisBottom, axisLeft, scaleLinear, scaleLog, select } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount } from '../units/formatCount';
import { useElementWidth } from './useElementWidth';
import './gcCharts.css';

export interface HistogramMarker {
  label: string;
  value: number;
}

export interface HistogramProps {
  values: Float64Array;
  /** Formats a value (axis ticks, bin ranges, markers). */
  format: (value: number) => string;
  /** Accessible name, also shown under the axis. */
  label: string;
  /** Bins per power of ten (default 5); bins are logarithmic, as pause and interval times span decades. */
  binsPerDecade?: number;
  /** Vertical lines at given values, e.g. p50/p95/p99. */
  markers?: HistogramMarker[];
  color?: string;
  height?: number;
  testId?: string;
}

interface Bin {
  from: number;
  to: number;
  count: number;
}

const margin = { top: 16, right: 16, bottom: 34, left: 44 };

/** A histogram over logarithmic bins, drawn with D3 scales and axes; hover shows a bin's range and count. */
export function Histogram(props: HistogramProps) {
  const { values, format, binsPerDecade = 5, height = 150 } = props;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const outerWidth = useElementWidth(wrapperRef);
  const [hover, setHover] = useState<number>();
  const { bins, nonPositive } = useMemo(
    () => logBins(values, binsPerDecade),
    [values, binsPerDecade],
  );
  const width = Math.max(10, outerWidth - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const lo = bins[0]?.from ?? 1;
  const hi = bins[bins.length - 1]?.to ?? 10;
  const x = scaleLog().domain([lo, hi]).range([0, width]);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const y = scaleLinear().domain([0, maxCount]).range([plotHeight, 0]).nice();

  useEffect(() => {
    if (!xAxisRef.current || !yAxisRef.current) return;
    const ticks = decadeTicks(lo, hi, Math.max(2, Math.floor(width / 70)));
    select(xAxisRef.current).call(
      axisBottom(x)
        .tickValues(ticks)
        .tickFormat((v) => format(+v)),
    );
    select(yAxisRef.current).call(
      axisLeft(y)
        .ticks(Math.min(4, maxCount))
        .tickFormat((v) => (Number.isInteger(+v) ? String(v) : '')),
    );
    // The scales follow from these; a hover re-renders but leaves the axes alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lo, hi, width, plotHeight, maxCount, format]);

  const hovered = hover === undefined ? undefined : bins[hover];
  return (
    <div ref={wrapperRef} className="gc-histogram" data-testid={props.testId}>
      <svg width={outerWidth} height={height} role="img" aria-label={props.label}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {bins.map((b, i) => (
            <rect
              key={i}
              x={x(b.from) + 0.5}
              width={Math.max(1, x(b.to) - x(b.from) - 1)}
              y={y(b.count)}
              height={plotHeight - y(b.count)}
              fill={props.color ?? '#5b9bd5'}
              opacity={hover === undefined || hover === i ? 1 : 0.55}
            />
          ))}
          {(props.markers ?? []).map((m) => (
            <g key={m.label} transform={`translate(${x(Math.max(lo, m.value))},0)`}>
              <line y1={-4} y2={plotHeight} className="gc-histogram-marker" />
              <text y={-5} textAnchor="middle" className="gc-histogram-marker-label">
                {m.label}
              </text>
            </g>
          ))}
          {bins.map((b, i) => (
            <rect
              key={`hit${i}`}
              x={x(b.from)}
              width={Math.max(1, x(b.to) - x(b.from))}
              y={0}
              height={plotHeight}
              fill="transparent"
              onPointerEnter={() => setHover(i)}
              onPointerLeave={() => setHover(undefined)}
            />
          ))}
          <g ref={xAxisRef} transform={`translate(0,${plotHeight})`} />
          <g ref={yAxisRef} />
          <text x={width / 2} y={plotHeight + 30} textAnchor="middle" className="gc-axis-label">
            {props.label}
          </text>
        </g>
      </svg>
      <div className="gc-histogram-note">
        {hovered
          ? `${format(hovered.from)} – ${format(hovered.to)}: ${formatCount(hovered.count)}`
          : nonPositive > 0
            ? `${formatCount(nonPositive)} zero values counted in the first bin`
            : '\u00a0'}
      </div>
    </div>
  );
}

/** Bins with edges at 10^(k/binsPerDecade) covering the positive values; zeros go in the first bin. */
export function logBins(
  values: Float64Array,
  binsPerDecade: number,
): { bins: Bin[]; nonPositive: number } {
  let min = Infinity;
  let max = -Infinity;
  let nonPositive = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v <= 0) nonPositive++;
    else {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (!Number.isFinite(min)) {
    return { bins: nonPositive > 0 ? [{ from: 1, to: 10, count: nonPositive }] : [], nonPositive };
  }
  const first = Math.floor(Math.log10(min) * binsPerDecade);
  const last = Math.max(first + 1, Math.floor(Math.log10(max) * binsPerDecade) + 1);
  const edge = (k: number) => 10 ** (k / binsPerDecade);
  const bins: Bin[] = [];
  for (let k = first; k < last; k++) bins.push({ from: edge(k), to: edge(k + 1), count: 0 });
  bins[0].count += nonPositive;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const k = Math.min(last - 1, Math.max(first, Math.floor(Math.log10(v) * binsPerDecade)));
    bins[k - first].count++;
  }
  return { bins, nonPositive };
}

/** Powers of ten in [lo, hi]; with fewer than two, 1-2-5 multiples; at most about `count`. */
function decadeTicks(lo: number, hi: number, count: number): number[] {
  for (const mantissas of [[1], [1, 3], [1, 2, 5]]) {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
      }
    }
    if (ticks.length >= 3 || mantissas.length === 3) {
      const stride = Math.ceil(ticks.length / count);
      return ticks.filter((_, i) => i % stride === 0);
    }
  }
  return [lo, hi];
}
