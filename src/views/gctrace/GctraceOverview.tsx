import { useMemo } from 'react';
import { useSession, type OpenFile } from '../../store/session';
import type { GcCycles } from '../../../workers/gctrace/decodeGctrace';
import type { StwPauseSeries } from '../gc/chartData';
import { HeapChart, type PacerSettings } from '../gc/HeapChart';
import { Histogram } from '../gc/Histogram';
import { StwTimeline } from '../gc/StwTimeline';
import type { ChartWindowProps } from '../gc/TimeChartFrame';
import { TimeSeriesChart } from '../gc/TimeSeriesChart';
import { formatValue } from '../units/formatValue';
import {
  assistSharePercent,
  cycleCpuPercent,
  cycleEnds,
  cycleIntervals,
  gctraceHeapSeries,
} from './gctraceSeries';
import { positiveNumber } from './gctraceViewState';

interface GctraceOverviewProps {
  cycles: GcCycles;
  pauses: StwPauseSeries;
  /** The time every chart shows, shared with the other tabs. */
  time: ChartWindowProps;
  file: OpenFile;
}

const mib = 1024 * 1024;
const percent = (v: number) => `${Number(v.toFixed(1))}%`;

/** Every chart of the log over one linked time axis: pauses, heap, GC CPU, assists, intervals. */
export function GctraceOverview(props: GctraceOverviewProps) {
  const { cycles, pauses, time: linked, file } = props;
  const state = file.viewState;
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const heap = useMemo(() => gctraceHeapSeries(cycles), [cycles]);
  const extra = useMemo(
    () => [
      {
        label: 'marked (live after GC)',
        ...heap.marked,
        color: '#2a9d5c',
        style: 'points' as const,
      },
    ],
    [heap],
  );
  const cpu = useMemo(() => {
    const ends = cycleEnds(cycles);
    return [
      {
        label: 'GC CPU during the cycle',
        time: ends,
        value: cycleCpuPercent(cycles),
        color: '#d9822b',
        style: 'points' as const,
      },
      {
        label: 'GC CPU since start (the line’s P%)',
        time: cycles.startNs,
        value: cycles.gcCpuPercent,
        color: '#2f6fb0',
        style: 'step' as const,
      },
    ];
  }, [cycles]);
  const assists = useMemo(
    () => [
      {
        label: 'assist share of mark CPU',
        time: cycleEnds(cycles),
        value: assistSharePercent(cycles),
        color: '#c0392b',
        style: 'points' as const,
      },
    ],
    [cycles],
  );
  const intervals = useMemo(() => cycleIntervals(cycles), [cycles]);
  const gml = positiveNumber(state.gml);
  const pacer: PacerSettings = {
    gogc: positiveNumber(state.gogc),
    memoryLimitBytes: gml === undefined ? undefined : gml * mib,
  };

  return (
    <>
      <section className="gt-card">
        <h3>
          Stop-the-world pauses <span className="gt-hint">drag to zoom, double-click to reset</span>
        </h3>
        <StwTimeline pauses={pauses} {...linked} />
      </section>
      <section className="gt-card">
        <h3>Heap</h3>
        <HeapChart
          live={heap.heap}
          liveStyle="line"
          goal={heap.goal}
          extra={extra}
          marked={heap.marked}
          cycles={heap.cycles}
          pacerInputs
          pacer={pacer}
          onPacerChange={(p) =>
            patch({
              gogc: p.gogc === undefined ? undefined : String(p.gogc),
              gml: p.memoryLimitBytes === undefined ? undefined : String(p.memoryLimitBytes / mib),
            })
          }
          {...linked}
        />
      </section>
      <div className="gt-pair">
        <section className="gt-card">
          <h3>GC CPU</h3>
          <TimeSeriesChart
            series={cpu}
            format={percent}
            yDomain={[0, Math.max(1, ...cpu[0].value.filter(Number.isFinite)) * 1.05]}
            label="GC CPU share over time"
            height={150}
            testId="gc-cpu-chart"
            {...linked}
          />
        </section>
        <section className="gt-card">
          <h3>Mark assists</h3>
          <TimeSeriesChart
            series={assists}
            format={percent}
            yDomain={[0, 100]}
            label="Mark assist share over time"
            height={150}
            testId="assist-chart"
            {...linked}
          />
        </section>
      </div>
      <section className="gt-card gt-narrow">
        <h3>Time between cycles</h3>
        <Histogram
          values={intervals}
          format={(v) => formatValue(v, 'ns')}
          label="interval from one cycle's start to the next (log scale)"
          testId="interval-histogram"
        />
      </section>
    </>
  );
}
