import { useMemo } from 'react';
import type { FlameTree } from '../../../../workers/flame/flameTree';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../../store/session';
import { FlameGraphCanvas } from '../../flamegraph/FlameGraphCanvas';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue, valueFormatter } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';

type FlameKind = 'cpu' | 'sync' | 'network' | 'syscall' | 'sched' | 'assist';

const kinds: Array<{ kind: FlameKind; title: string; help: string; unit: string }> = [
  {
    kind: 'cpu',
    title: 'CPU samples',
    help: 'CPU profile samples recorded in the trace',
    unit: 'count',
  },
  {
    kind: 'sync',
    title: 'Sync blocking',
    help: 'Time blocked on channels, select and sync',
    unit: 'ns',
  },
  { kind: 'network', title: 'Network blocking', help: 'Time blocked on the network', unit: 'ns' },
  { kind: 'syscall', title: 'Syscalls', help: 'Time in system calls', unit: 'ns' },
  { kind: 'sched', title: 'Scheduler wait', help: 'Time runnable, waiting for a P', unit: 'ns' },
  {
    kind: 'assist',
    title: 'Mark assists',
    help: 'Who paid the GC tax: stacks that started mark assists',
    unit: 'ns',
  },
];

/** The flame graphs of the selection: CPU samples, the four blocking profiles, mark assists. */
export function WindowFlamePanel({ file }: { file: OpenFile }) {
  const { selection } = useTimeline();
  const chosen = kinds.find((k) => k.kind === file.viewState.fk) ?? kinds[0];
  const window = selection ?? {};
  const query =
    chosen.kind === 'cpu' ? 'cpuFlame' : chosen.kind === 'assist' ? 'assistFlame' : 'blockingFlame';
  const args = query === 'blockingFlame' ? { ...window, kind: chosen.kind } : window;
  const result = useFileQuery<FlameTree>(file.id, query, args);
  const format = useMemo(() => valueFormatter(chosen.unit), [chosen.unit]);
  const tree = result.data;
  const total = tree?.total[0] ?? 0;
  return (
    <div className="pp-flame-tab tr-flame-panel">
      <div className="pp-subbar">
        <span className="tr-segmented" role="radiogroup" aria-label="Profile">
          {kinds.map((k) => (
            <button
              key={k.kind}
              role="radio"
              aria-checked={k === chosen}
              className={k === chosen ? 'active' : undefined}
              title={k.help}
              data-testid={`flame-kind-${k.kind}`}
              onClick={() =>
                useSession
                  .getState()
                  .patchViewState(file.id, { fk: k.kind === 'cpu' ? undefined : k.kind })
              }
            >
              {k.title}
            </button>
          ))}
        </span>
        {tree && (
          <span className="pp-total" data-testid="flame-total">
            {chosen.title}: {formatValue(total, chosen.unit)}{' '}
            {selection ? 'in the selection' : 'in the whole trace'}
          </span>
        )}
      </div>
      <QueryStatus loading={result.loading} error={result.error} hasData={!!tree} />
      <div className="pp-flame-area">
        {tree && total > 0 && (
          <FlameGraphCanvas
            tree={tree}
            formatValue={format}
            totalLabel={chosen.title}
            label={`Flame graph of ${chosen.title}`}
          />
        )}
        {tree && total === 0 && (
          <div className="pp-empty">
            No {chosen.title.toLowerCase()} {selection ? 'in the selection' : 'in this trace'}.
          </div>
        )}
      </div>
    </div>
  );
}
