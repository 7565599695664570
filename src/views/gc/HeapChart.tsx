import { useMemo, useState } from 'react';
import { formatValue } from '../units/formatValue';
import { byteTicks } from './byteTicks';
import type { ChartBands, ChartRule, ChartSeries } from './chartData';
import type { ChartWindowProps } from './TimeChartFrame';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface TimePoints {
  time: Float64Array;
  value: Float64Array;
}

/** GOGC and GOMEMLIMIT to draw the pacer's goal with; not in the data, typed by the user. */
export interface PacerSettings {
  /** Percent; undefined or absent draws no GOGC goal. */
  gogc?: number;
  /** Bytes; undefined draws no limit line. */
  memoryLimitBytes?: number;
}

export interface HeapChartProps extends ChartWindowProps {
  /** Heap in use over time. */
  live: TimePoints;
  /** step (default) for sampled heap values, line where only points between growth are known (gctrace). */
  liveStyle?: 'step' | 'line';
  /** The heap goal over time (a step series). */
  goal?: TimePoints;
  /** More series, e.g. gctrace's heap-at-start/end/marked points. */
  extra?: ChartSeries[];
  /** The marked heap each cycle ended with, the pacer's base; default: `live`. */
  marked?: TimePoints;
  /** GC cycles, drawn as bands. */
  cycles?: { start: Float64Array; end: Float64Array };
  /** Offer GOGC/GOMEMLIMIT inputs. Controlled with onPacerChange, else kept inside. */
  pacerInputs?: boolean;
  pacer?: PacerSettings;
  onPacerChange?: (pacer: PacerSettings) => void;
  height?: number;
}

const bytes = (v: number) => formatValue(v, 'bytes');
const mib = 1024 * 1024;

/**
 * Heap live and heap goal over time, with GC cycles as bands. With GOGC typed in, it also draws
 * the goal the pacer would set from each marked heap, live × (1 + GOGC/100) (runtime/mgcpacer.go
 * heapGoal), and with GOMEMLIMIT the limit as a line.
 */
export function HeapChart(props: HeapChartProps) {
  const [ownPacer, setOwnPacer] = useState<PacerSettings>({});
  const pacer = props.onPacerChange ? (props.pacer ?? {}) : ownPacer;
  const setPacer = props.onPacerChange ?? setOwnPacer;
  const { live, goal, extra, marked } = props;

  const series = useMemo(() => {
    const out: ChartSeries[] = [
      { label: 'heap live', ...live, color: '#2f6fb0', style: props.liveStyle ?? 'step' },
    ];
    if (goal) out.push({ label: 'heap goal', ...goal, color: '#d9822b', style: 'step' });
    out.push(...(extra ?? []));
    if (pacer.gogc !== undefined) {
      const base = marked ?? live;
      const factor = 1 + pacer.gogc / 100;
      out.push({
        label: `GOGC=${pacer.gogc} goal`,
        time: base.time,
        value: base.value.map((v) => v * factor),
        color: '#8e44ad',
        style: 'step',
        dashed: true,
      });
    }
    return out;
  }, [live, goal, extra, marked, pacer.gogc, props.liveStyle]);
  const rules = useMemo<ChartRule[]>(
    () =>
      pacer.memoryLimitBytes !== undefined
        ? [{ label: 'GOMEMLIMIT', value: pacer.memoryLimitBytes, color: '#c0392b' }]
        : [],
    [pacer.memoryLimitBytes],
  );
  const bands = useMemo<ChartBands | undefined>(
    () => props.cycles && { label: 'GC cycle', ...props.cycles },
    [props.cycles],
  );

  const inputs = props.pacerInputs && (
    <span className="gc-pacer-inputs">
      <label>
        GOGC
        <input
          type="number"
          min={1}
          step={10}
          placeholder="off"
          data-testid="heap-gogc"
          value={pacer.gogc ?? ''}
          onChange={(e) => setPacer({ ...pacer, gogc: positive(e.target.value) })}
        />
      </label>
      <label>
        GOMEMLIMIT
        <input
          type="number"
          min={1}
          placeholder="off"
          data-testid="heap-memlimit"
          value={pacer.memoryLimitBytes === undefined ? '' : pacer.memoryLimitBytes / mib}
          onChange={(e) => {
            const mb = positive(e.target.value);
            setPacer({ ...pacer, memoryLimitBytes: mb === undefined ? undefined : mb * mib });
          }}
        />
        MiB
      </label>
    </span>
  );

  return (
    <div className="gc-heap-chart" data-testid="heap-chart">
      <TimeSeriesChart
        series={series}
        rules={rules}
        bands={bands}
        format={bytes}
        ticks={byteTicks}
        label="Heap size over time"
        extent={props.extent}
        window={props.window}
        onWindowChange={props.onWindowChange}
        onResetZoom={props.onResetZoom}
        plotLeft={props.plotLeft}
        timeOrigin={props.timeOrigin}
        height={props.height ?? 220}
        testId="heap-chart-plot"
        legendExtra={inputs}
      />
    </div>
  );
}

function positive(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}
