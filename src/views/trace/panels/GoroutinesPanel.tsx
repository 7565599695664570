import { useMemo } from 'react';
import type { GoroutineGroups } from '../../../../workers/analysis/goroutineGroups';
import type { GoroutineSummaries } from '../../../../workers/analysis/goroutineSummaries';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../../store/session';
import { QueryStatus } from '../../pprof/QueryStatus';
import { TableHead, type TableColumn } from '../../tables/TableHead';
import { formatValue } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';
import { pinnedGoroutines, togglePin } from '../traceViewState';
import type { TraceOverview } from '../TraceView';
import { blockedTotal, possibleLeaks, topBlockReason } from './goroutineLeaks';

interface GroupRow {
  name: string;
  goroutines: number;
  execNs: number;
  meanExecNs: number;
  schedWaitNs: number;
  blockedNs: number;
  topReason: string;
  syscallNs: number;
  leaks: number;
}

const time = { numeric: true, time: true };
const columns: Array<TableColumn & { key: keyof GroupRow; time?: boolean }> = [
  {
    key: 'name',
    title: 'Start function',
    help: 'Goroutines grouped by the function they started in',
  },
  { key: 'goroutines', title: 'Goroutines', help: 'How many', numeric: true },
  { key: 'execNs', title: 'Execution', help: 'Total running time', ...time },
  { key: 'meanExecNs', title: 'Mean exec.', help: 'Running time per goroutine', ...time },
  { key: 'schedWaitNs', title: 'Sched wait', help: 'Runnable, waiting for a P', ...time },
  { key: 'blockedNs', title: 'Blocked', help: 'Blocked, all reasons', ...time },
  { key: 'topReason', title: 'Mostly blocked on', help: 'The reason with the most blocked time' },
  { key: 'syscallNs', title: 'Syscall', help: 'In system calls, holding the P or not', ...time },
  {
    key: 'leaks',
    title: 'Possible leaks',
    help: 'Alive at the end and blocked for ≥ 80% of the trace',
    numeric: true,
  },
];

const memberColumns: TableColumn[] = [
  { key: 'g', title: 'Goroutine' },
  { key: 'exec', title: 'Execution', numeric: true },
  { key: 'wait', title: 'Sched wait', numeric: true },
  { key: 'blocked', title: 'Blocked', numeric: true },
  { key: 'reason', title: 'Mostly blocked on' },
  { key: 'ended', title: 'Ended', numeric: true },
  { key: 'lane', title: 'Lane' },
];

/**
 * Goroutine analysis as `go tool trace` lists it, grouped by start function and sortable, for the
 * brushed selection (the time each goroutine spent in it) or the whole trace. A click on a group
 * highlights its goroutines on the timeline and lists them; a click on a goroutine pins its own
 * lane under the Ps. Possible leaks are a whole-trace finding whatever the selection.
 */
export function GoroutinesPanel({ file, overview }: { file: OpenFile; overview: TraceOverview }) {
  const state = file.viewState;
  const { selection } = useTimeline();
  const scope = selection ?? {};
  const groups = useFileQuery<GoroutineGroups>(file.id, 'goroutineGroups', scope);
  const goroutines = useFileQuery<GoroutineSummaries>(file.id, 'goroutines', scope);
  const whole = useFileQuery<GoroutineSummaries>(file.id, 'goroutines', {});
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const leaks = useMemo(() => {
    if (!whole.data) return undefined;
    const flags = possibleLeaks(whole.data, overview.durationNs);
    const byName = new Map<string, number>();
    const ids = new Set<number>();
    for (let i = 0; i < whole.data.count; i++) {
      if (!flags[i]) continue;
      const name = whole.data.names[whole.data.name[i]] ?? '';
      byName.set(name, (byName.get(name) ?? 0) + 1);
      ids.add(whole.data.id[i]);
    }
    return { byName, ids };
  }, [whole.data, overview.durationNs]);
  const rows = useMemo(
    () => (groups.data ? groupRows(groups.data, leaks?.byName) : []),
    [groups.data, leaks],
  );
  const sortKey = (state.gsort?.replace(/^-/, '') ?? 'execNs') as keyof GroupRow;
  const ascending = state.gsort?.startsWith('-') ?? false;
  const sorted = useMemo(() => {
    const out = [...rows];
    out.sort((a, b) => {
      const va = a[sortKey];
      const vb = b[sortKey];
      const d =
        typeof va === 'string' ? va.localeCompare(vb as string) : (vb as number) - (va as number);
      return ascending ? -d : d;
    });
    return out;
  }, [rows, sortKey, ascending]);
  const selected = state.gg;
  const pins = pinnedGoroutines(state);

  return (
    <div className="tr-goroutines" data-testid="goroutines-panel">
      <div className="pp-subbar">
        <span className="pp-total" data-testid="goroutines-scope">
          {selection ? 'Time spent in the selection' : 'Whole trace'}
        </span>
      </div>
      <QueryStatus loading={groups.loading} error={groups.error} hasData={!!groups.data} />
      <div className="pp-table-scroll tr-half">
        <table className="pp-table" data-testid="goroutine-groups">
          <TableHead
            columns={columns}
            sort={{
              key: sortKey,
              ascending,
              onSort: (key) => {
                const next = key === sortKey && !ascending ? `-${key}` : key;
                patch({ gsort: next === 'execNs' ? undefined : next });
              },
            }}
          />
          <tbody>
            {sorted.map((r) => (
              <tr
                key={r.name}
                className={r.name === selected ? 'selected' : undefined}
                onClick={() => patch({ gg: r.name === selected ? undefined : r.name })}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.key === 'name' ? 'name' : c.numeric ? 'num' : ''}>
                    {cell(r, c.key, c.time)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected !== undefined && goroutines.data && (
        <GroupMembers
          summaries={goroutines.data}
          leaks={leaks?.ids}
          group={selected}
          pins={pins}
          onPin={(g) => patch({ pins: togglePin(state, g) })}
        />
      )}
    </div>
  );
}

function cell(r: GroupRow, key: keyof GroupRow, time?: boolean) {
  const v = r[key];
  if (key === 'name') return v || <span className="pp-inline-tag">(no stack)</span>;
  if (key === 'leaks') return v ? <span className="tr-leak">⚠ {v}</span> : '';
  if (time) return formatValue(v as number, 'ns');
  return String(v);
}

function groupRows(g: GoroutineGroups, leaksByName: Map<string, number> | undefined): GroupRow[] {
  const reasons = g.blockReasons.length;
  return g.name.map((name, i) => ({
    name,
    goroutines: g.goroutines[i],
    execNs: g.execNs[i],
    meanExecNs: g.execNs[i] / Math.max(1, g.goroutines[i]),
    schedWaitNs: g.schedWaitNs[i],
    blockedNs: blockedTotal(g.blockNs, reasons, i),
    topReason: topBlockReason(g.blockNs, g.blockReasons, i),
    syscallNs: g.syscallNs[i] + g.syscallBlockNs[i],
    leaks: leaksByName?.get(name) ?? 0,
  }));
}

function GroupMembers(props: {
  summaries: GoroutineSummaries;
  /** Ids of the goroutines that may have leaked. */
  leaks: Set<number> | undefined;
  group: string;
  pins: number[];
  onPin: (g: number) => void;
}) {
  const { summaries: s, leaks, group, pins } = props;
  const members = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < s.count; i++) if ((s.names[s.name[i]] ?? '') === group) out.push(i);
    return out.sort((a, b) => s.execNs[b] - s.execNs[a]);
  }, [s, group]);
  const reasons = s.blockReasons.length;
  const ns = (v: number) => (Number.isFinite(v) ? formatValue(v, 'ns') : '—');
  return (
    <div className="pp-table-scroll tr-half" data-testid="group-members">
      <table className="pp-table compact">
        <TableHead columns={memberColumns} />
        <tbody>
          {members.slice(0, 500).map((i) => (
            <tr
              key={s.id[i]}
              onClick={() => props.onPin(s.id[i])}
              title="Pin this goroutine's own lane"
            >
              <td>
                G{s.id[i]}{' '}
                {leaks?.has(s.id[i]) ? <span className="tr-leak">⚠ possible leak</span> : null}
              </td>
              <td className="num">{ns(s.execNs[i])}</td>
              <td className="num">{ns(s.schedWaitNs[i])}</td>
              <td className="num">{ns(blockedTotal(s.blockNs, reasons, i))}</td>
              <td>{topBlockReason(s.blockNs, s.blockReasons, i)}</td>
              <td className="num">{Number.isNaN(s.endTime[i]) ? 'alive' : ns(s.endTime[i])}</td>
              <td>{pins.includes(s.id[i]) ? '📌 pinned' : 'pin'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {members.length > 500 && (
        <div className="pp-more pp-muted">{members.length - 500} more not listed.</div>
      )}
    </div>
  );
}
