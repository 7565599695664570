import { useMemo } from 'react';
import { useSession, type OpenFile } from '../../store/session';
import type { GcCycles } from '../../../workers/gctrace/decodeGctrace';
import type { StwPauseSeries } from '../gc/chartData';
import { GcCycleTable, cycleColumn, type GcCycleColumn } from '../gc/GcCycleTable';
import { StwTimeline } from '../gc/StwTimeline';
import type { ChartWindowProps } from '../gc/TimeChartFrame';
import { formatValue } from '../units/formatValue';
import { assistSharePercent, cycleCpuPercent, cycleEnds } from './gctraceSeries';
import { encodeWindow } from './gctraceViewState';

interface GctraceCyclesProps {
  cycles: GcCycles;
  pauses: StwPauseSeries;
  /** The time the pause timeline shows, shared with the other tabs. */
  time: ChartWindowProps;
  file: OpenFile;
}

/** The pause timeline over the table of every cycle; choosing a cycle zooms the timeline to it. */
export function GctraceCycles({ cycles, pauses, time, file }: GctraceCyclesProps) {
  const state = file.viewState;
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const columns = useMemo(() => cycleColumns(cycles), [cycles]);
  const ends = useMemo(() => cycleEnds(cycles), [cycles]);
  const selectedNumber = Number(state.cyc);
  const selected = state.cyc ? cycles.number.indexOf(selectedNumber) : -1;

  const select = (row: number) => {
    const span = ends[row] - cycles.startNs[row];
    const pad = Math.max(span, 1e6);
    patch({
      cyc: String(cycles.number[row]),
      w: encodeWindow({ from: cycles.startNs[row] - pad, to: ends[row] + pad }),
    });
  };

  return (
    <>
      <section className="gt-card">
        <h3>
          Stop-the-world pauses
          {selected >= 0 && <span className="gt-hint">around gc {selectedNumber}</span>}
        </h3>
        <StwTimeline pauses={pauses} {...time} />
      </section>
      <section className="gt-card gt-fill">
        <h3>
          {cycles.number.length.toLocaleString('en-US')} cycles{' '}
          <span className="gt-hint">click a column to sort, a row to show its pauses</span>
        </h3>
        <GcCycleTable
          rowCount={cycles.number.length}
          columns={columns}
          sort={state.sort}
          onSortChange={(sort) => patch({ sort })}
          selected={selected >= 0 ? selected : undefined}
          onSelect={select}
          height={420}
        />
      </section>
    </>
  );
}

function cycleColumns(c: GcCycles): GcCycleColumn[] {
  const ns = (v: number) => formatValue(v, 'ns');
  const bytes = (v: number) => formatValue(v, 'bytes');
  const pct = (v: number) => `${v.toFixed(1)}%`;
  const cpu = cycleCpuPercent(c);
  const assist = assistSharePercent(c);
  return [
    cycleColumn('gc', 'gc', c.number, String, 'The runtime’s cycle number'),
    cycleColumn('start', 'start', c.startNs, ns, 'Time since program start (@)'),
    cycleColumn(
      'stw1',
      'sweep term. STW',
      c.clockSweepTermNs,
      ns,
      'Stop-the-world sweep termination (wall clock)',
    ),
    cycleColumn('mark', 'mark', c.clockMarkNs, ns, 'Concurrent mark and scan (wall clock)'),
    cycleColumn(
      'stw2',
      'mark term. STW',
      c.clockMarkTermNs,
      ns,
      'Stop-the-world mark termination (wall clock)',
    ),
    cycleColumn('assist', 'assist CPU', c.cpuAssistNs, ns, 'CPU time in mark assists'),
    cycleColumn('assistShare', 'assist share', assist, pct, 'Assists’ share of mark CPU'),
    cycleColumn(
      'bg',
      'background CPU',
      c.cpuBackgroundNs,
      ns,
      'Dedicated and fractional mark workers',
    ),
    cycleColumn('idle', 'idle CPU', c.cpuIdleNs, ns, 'Idle mark workers'),
    cycleColumn('cpu', 'GC CPU', cpu, pct, 'GC CPU over GOMAXPROCS × cycle wall time'),
    cycleColumn('hs', 'heap start', c.heapStartBytes, bytes, 'Heap when the cycle began'),
    cycleColumn('he', 'heap end', c.heapEndBytes, bytes, 'Heap when the cycle ended'),
    cycleColumn('hl', 'live', c.heapLiveBytes, bytes, 'Marked (live) heap'),
    cycleColumn('goal', 'goal', c.heapGoalBytes, bytes, 'Heap goal'),
    cycleColumn(
      'over',
      'overshoot',
      c.heapEndBytes.map((e, i) => e - c.heapGoalBytes[i]),
      bytes,
      'Heap end minus goal: positive when the heap outgrew the goal',
    ),
    cycleColumn('procs', 'P', c.procs, String, 'GOMAXPROCS'),
    cycleColumn(
      'forced',
      'forced',
      c.forced,
      (v) => (v ? 'forced' : ''),
      'runtime.GC() or debug.FreeOSMemory()',
    ),
  ];
}
