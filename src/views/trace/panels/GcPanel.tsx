import { useMemo } from 'react';
import type { GcCycles } from '../../../../workers/analysis/gcCycles';
import type { StwPauses } from '../../../../workers/analysis/stwPauses';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession } from '../../../store/session';
import { GcCycleTable, cycleColumn, type GcCycleColumn } from '../../gc/GcCycleTable';
import { StwSummary } from '../../gc/StwSummary';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';
import type { TracePanelProps } from '../TracePanels';

/**
 * The GC cycle table (click a row to select its cycle everywhere) beside the stop-the-world
 * statistics of the selection: overall, GC only and per reason, with the pause histogram.
 */
export function GcPanel({ file, cycles, selectedCycle, onSelectCycle }: TracePanelProps) {
  const { selection } = useTimeline();
  const pauses = useFileQuery<StwPauses>(file.id, 'stwPauses', selection ?? {});
  const columns = useMemo(() => cycleColumns(cycles), [cycles]);
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  return (
    <div className="tr-gc-panel">
      <section className="tr-gc-cycles">
        <h3>
          GC cycles <span className="pp-muted">({cycles.count})</span>
        </h3>
        <GcCycleTable
          rowCount={cycles.count}
          columns={columns}
          sort={file.viewState.csort}
          onSortChange={(sort) => patch({ csort: sort })}
          selected={selectedCycle}
          onSelect={onSelectCycle}
          height={260}
        />
      </section>
      <section className="tr-gc-stw">
        <h3>
          Stop-the-world pauses{' '}
          <span className="pp-muted">{selection ? 'in the selection' : 'in the whole trace'}</span>
        </h3>
        <QueryStatus loading={pauses.loading} error={pauses.error} hasData={!!pauses.data} />
        {pauses.data && (
          <StwSummary
            pauses={pauses.data}
            reason={file.viewState.stwr}
            onReasonChange={(r) => patch({ stwr: r })}
          />
        )}
      </section>
    </div>
  );
}

const ns = (v: number) => (Number.isFinite(v) ? formatValue(v, 'ns') : '—');
const bytes = (v: number) => (Number.isFinite(v) ? formatValue(v, 'bytes') : '—');
const count = (v: number) => (Number.isFinite(v) ? String(v) : '—');

/** The cycle table's columns, each read straight from the gcCycles analysis. */
function cycleColumns(c: GcCycles): GcCycleColumn[] {
  return [
    cycleColumn('n', '#', (i) => i + 1, count, 'Cycle number in the trace'),
    cycleColumn('start', 'Start', c.start, ns, 'GCBegin, from the trace start'),
    cycleColumn('stw1', 'Sweep term. STW', c.sweepTermNs, ns, 'Sweep-termination stop-the-world'),
    cycleColumn('mark', 'Mark', c.concurrentMarkNs, ns, 'Concurrent mark, between the two pauses'),
    cycleColumn('stw2', 'Mark term. STW', c.markTermNs, ns, 'Mark-termination stop-the-world'),
    cycleColumn('assist', 'Assists', c.assistNs, ns, 'Time goroutines spent in mark assists'),
    cycleColumn('assistg', 'Assisting Gs', c.assistGoroutines, count, 'Goroutines that assisted'),
    cycleColumn(
      'workers',
      'Workers',
      (i) => c.dedicatedNs[i] + c.fractionalNs[i] + c.idleNs[i],
      ns,
      'Background mark workers: dedicated + fractional + idle',
    ),
    cycleColumn(
      'cpu',
      'GC CPU',
      c.cpuFraction,
      (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—'),
      'GC share of GOMAXPROCS × cycle time',
    ),
    cycleColumn('heap0', 'Heap start', c.heapStart, bytes, 'Heap live when the cycle began'),
    cycleColumn('heap1', 'Heap end', c.heapEnd, bytes, 'Heap live just before GCEnd'),
    cycleColumn('goal', 'Goal', c.goal, bytes, 'Heap goal in force during the cycle'),
    cycleColumn(
      'over',
      'Overshoot',
      c.overshootBytes,
      bytes,
      'Heap end − goal: positive when the heap outgrew its goal',
    ),
  ];
}
