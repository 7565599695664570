import { useMemo } from 'react';
import type { GcCycles } from '../../../workers/gctrace/decodeGctrace';
import type { ScavengerSeries } from '../../../workers/gctrace/scavengerLines';
import type { ChartSeries, TimeRange } from '../gc/chartData';
import { byteTicks } from '../gc/byteTicks';
import { TimeSeriesChart } from '../gc/TimeSeriesChart';
import { formatValue } from '../units/formatValue';
import { scavengerTimes } from './gctraceSeries';
import { programStart } from './gctraceViewState';

/**
 * The scavenger's lines over time: memory returned to the OS per round and released in total.
 * A line has no time of its own, so it sits at the gc cycle printed before it.
 */
export function ScavengerPanel(props: {
  scavenger: ScavengerSeries;
  cycles: GcCycles;
  extent: TimeRange;
}) {
  const { scavenger, cycles, extent } = props;
  const { work, released } = useMemo(() => {
    const time = scavengerTimes(scavenger, cycles);
    const point = (label: string, value: Float64Array, color: string): ChartSeries => ({
      label,
      time,
      value,
      color,
      style: 'points',
    });
    return {
      work: [
        point('background work', scavenger.workBgBytes, '#2f6fb0'),
        point('eager work', scavenger.workEagerBytes, '#d9822b'),
      ].filter((s) => s.value.some(Number.isFinite)),
      released: [
        { ...point('released so far', scavenger.releasedBytes, '#2a9d5c'), style: 'step' as const },
      ],
    };
  }, [scavenger, cycles]);
  const byteChart = {
    format: (v: number) => formatValue(v, 'bytes'),
    ticks: byteTicks,
    extent,
    timeOrigin: programStart,
    height: 160,
  };
  return (
    <>
      <section className="gt-card" data-testid="scavenger">
        <h3>
          {scavenger.line.length.toLocaleString('en-US')} scavenger lines{' '}
          <span className="gt-hint">placed at the gc cycle printed before each</span>
        </h3>
        <TimeSeriesChart
          series={work}
          label="Memory returned to the OS per scavenger round"
          {...byteChart}
        />
      </section>
      <section className="gt-card">
        <h3>Released to the OS</h3>
        <TimeSeriesChart series={released} label="Heap memory released to the OS" {...byteChart} />
      </section>
    </>
  );
}
