import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { MmuCurve } from '../../../../workers/analysis/mmuCurve';
import type { MmuWindows } from '../../../../workers/analysis/mmuWorstWindows';
import type { UtilFlags } from '../../../../workers/analysis/mutatorUtilization';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../../store/session';
import { useElementWidth } from '../../gc/useElementWidth';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';
import type { TimeRange } from '../timeline/viewportMath';
import {
  focusPatch,
  mmuFlags,
  mmuFlagsValue,
  mmuWindowSize,
  mmuWindowValue,
} from '../traceViewState';

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
 * window with zero utilization is the longest pause. A click on the curve (or a typed size)
 * lists the worst windows of that size; a click on one selects it on every track.
 */
export function MmuPanel({ file }: { file: OpenFile }) {
  const { selection } = useTimeline();
  const flags = mmuFlags(file.viewState);
  const windowSize = mmuWindowSize(file.viewState);
  // Selecting one of the worst windows keeps the panel on the range they were found in, so the
  // list stays put while the user steps through it; any other selection re-scopes it.
  const [held, setHeld] = useState<{ scope: TimeRange | undefined; picked: TimeRange }>();
  const holding = held && selection && sameRange(selection, held.picked);
  const scope = holding ? held.scope : selection;
  const curve = useFileQuery<MmuCurve>(file.id, 'mmu', { ...(scope ?? {}), flags });
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
  /** Index of the window size nearest the pointer, undefined outside the plot. */
  const sizeAt = (e: MouseEvent<SVGSVGElement>) => {
    if (!data || n < 2) return undefined;
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left - margin.left;
    if (px < 0 || px > width) return undefined;
    const t = x.invert(px);
    let best = 0;
    for (let i = 1; i < n; i++) {
      if (Math.abs(data.windowNs[i] - t) < Math.abs(data.windowNs[best] - t)) best = i;
    }
    return best;
  };

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

  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const setFlag = (key: keyof UtilFlags, on: boolean) =>
    patch({ mmu: mmuFlagsValue({ ...flags, [key]: on }) });

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
        <span className="pp-total">
          {holding
            ? `${scope ? 'In the earlier selection' : 'Whole trace'}, around the selected window`
            : scope
              ? 'In the selection'
              : 'Whole trace'}
        </span>
      </div>
      <QueryStatus loading={curve.loading} error={curve.error} hasData={!!data} />
      <div ref={wrapperRef} className="tr-mmu-chart">
        <svg
          width={width + margin.left + margin.right}
          height={height + margin.top + margin.bottom}
          role="img"
          aria-label="Minimum mutator utilization by window size"
          data-testid="mmu-chart"
          onPointerMove={(e) => setHover(sizeAt(e))}
          onPointerLeave={() => setHover(undefined)}
          onClick={(e) => {
            // From the click itself: the hover of the last pointermove may not have rendered yet.
            const at = sizeAt(e);
            if (at !== undefined && data) patch({ mw: mmuWindowValue(data.windowNs[at]) });
          }}
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            <g ref={yAxisRef} className="tr-axis-g" />
            <g ref={xAxisRef} className="tr-axis-g" transform={`translate(0,${height})`} />
            {path && (
              <path d={path} fill="none" stroke="#007d9c" strokeWidth={2} data-testid="mmu-curve" />
            )}
            {windowSize !== undefined && n > 1 && (
              <rect
                x={x(windowSize) - 1}
                width={2}
                y={0}
                height={height}
                fill="#d6336c"
                opacity={0.7}
                data-testid="mmu-size-marker"
              />
            )}
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
      <WorstWindows
        fileId={file.id}
        flags={flags}
        scope={scope}
        windowSize={windowSize}
        onWindowSize={(ns) => patch({ mw: mmuWindowValue(ns) })}
        onPick={(picked) => setHeld({ scope, picked })}
      />
    </div>
  );
}

/** How many worst windows are listed, as `go tool trace` lists a handful. */
const worstCount = 10;

/**
 * The worst non-overlapping windows of the chosen size, in the selection or the whole trace; a
 * row click selects its window and frames it on every track, as a GC cycle row does.
 */
function WorstWindows(props: {
  fileId: string;
  flags: UtilFlags;
  scope: TimeRange | undefined;
  windowSize: number | undefined;
  onWindowSize: (ns: number | undefined) => void;
  onPick: (picked: TimeRange) => void;
}) {
  const { windowSize } = props;
  return (
    <section className="tr-mmu-worst" data-testid="mmu-worst">
      <div className="pp-subbar">
        <label className="pp-field" title="Or click the curve">
          Worst windows of
          <input
            type="number"
            min={0}
            step="any"
            style={{ width: '7em' }}
            data-testid="mmu-window-size"
            key={windowSize ?? 'none'}
            defaultValue={windowSize === undefined ? '' : windowSize / 1e6}
            placeholder="size"
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
            onBlur={(e) => {
              const ms = Number(e.currentTarget.value);
              props.onWindowSize(e.currentTarget.value && ms > 0 ? ms * 1e6 : undefined);
            }}
          />
          ms
        </label>
        {windowSize === undefined && (
          <span className="pp-muted">Click the curve or type a window size.</span>
        )}
      </div>
      {windowSize !== undefined && <WorstWindowTable {...props} windowSize={windowSize} />}
    </section>
  );
}

function WorstWindowTable(props: {
  fileId: string;
  flags: UtilFlags;
  scope: TimeRange | undefined;
  windowSize: number;
  onPick: (picked: TimeRange) => void;
}) {
  const { fileId, flags, windowSize } = props;
  const { selection, store } = useTimeline();
  const worst = useFileQuery<MmuWindows>(fileId, 'mmuWorstWindows', {
    ...(props.scope ?? {}),
    flags,
    windowNs: windowSize,
    count: worstCount,
  });
  const select = (from: number, duration: number) => {
    const { view, patch } = focusPatch({ from, to: from + duration }, store.extent);
    props.onPick({ from: Number(patch.s0), to: Number(patch.s1) });
    store.set(view);
    useSession.getState().patchViewState(fileId, { ...patch, cycle: undefined });
  };
  const rows = worst.data;
  return (
    <>
      <QueryStatus loading={worst.loading} error={worst.error} hasData={!!rows} />
      {rows && (
        <table className="pp-table compact" data-testid="mmu-worst-table">
          <thead>
            <tr>
              <th className="num">#</th>
              <th className="num">Start</th>
              <th className="num">Duration</th>
              <th className="num">Mutator utilization</th>
              {flags.perProc && <th>P</th>}
            </tr>
          </thead>
          <tbody>
            {Array.from(rows.start, (start, i) => {
              const duration = rows.durationNs[i];
              const chosen =
                selection !== undefined &&
                sameRange(selection, { from: start, to: start + Math.max(duration, 1) });
              return (
                <tr
                  key={i}
                  className={chosen ? 'selected' : undefined}
                  title="Select this window on every track"
                  onClick={() => select(start, duration)}
                >
                  <td className="num">{i + 1}</td>
                  <td className="num">{formatValue(start, 'ns')}</td>
                  <td className="num">{formatValue(duration, 'ns')}</td>
                  <td className="num">{(rows.util[i] * 100).toFixed(1)}%</td>
                  {flags.perProc && <td>P{rows.series[i]}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Whether two windows are the same in whole ns, as the URL keeps them. */
function sameRange(a: TimeRange, b: TimeRange): boolean {
  return Math.round(a.from) === Math.round(b.from) && Math.round(a.to) === Math.round(b.to);
}
