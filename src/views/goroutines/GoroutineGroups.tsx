import { Fragment, useEffect, useState } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { GoroutineGroupRow } from '../../../workers/goroutines/goroutineQueries';
import { QueryStatus } from '../pprof/QueryStatus';
import { GroupDetail } from './GroupDetail';
import { leakMinGoroutines, leakMinWaitMinutes, leakSuspect } from './leakSuspect';

const searchDelayMs = 250;
const pageSize = 300;

/** Goroutines grouped by identical stack, by size or by longest wait, with search. */
export function GoroutineGroups({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const sort = state.sort === 'wait' ? 'wait' : 'count';
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const groups = useFileQuery<GoroutineGroupRow[]>(file.id, 'groups', {
    sort,
    search: state.q ?? '',
  });
  const [shown, setShown] = useState(pageSize);
  const open = state.open === undefined ? -1 : Number(state.open);
  const rows = groups.data ?? [];
  const hasStates = rows.some((r) => r.state !== '');

  return (
    <div className="gr-groups">
      <div className="pp-subbar">
        <label className="pp-field">
          Sort
          <select
            value={sort}
            data-testid="goroutine-sort"
            onChange={(e) => patch({ sort: e.target.value === 'wait' ? 'wait' : undefined })}
          >
            <option value="count">most goroutines</option>
            <option value="wait">longest wait (leaks)</option>
          </select>
        </label>
        <SearchBox value={state.q ?? ''} onChange={(q) => patch({ q, open: undefined })} />
        <span className="pp-spacer" />
        {groups.data && (
          <span className="pp-total" data-testid="goroutine-group-count">
            {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'group' : 'groups'}
            {state.q ? ' matching' : ''}
          </span>
        )}
      </div>
      <QueryStatus loading={groups.loading} error={groups.error} hasData={!!groups.data} />
      <div className="pp-table-scroll">
        <table className="pp-table gr-table" data-testid="goroutine-groups">
          <thead>
            <tr>
              <th className="num">Goroutines</th>
              <th>State</th>
              <th className="num" title="Longest time a member has been blocked">
                Longest wait
              </th>
              <th className="num" title="Sum of every member's wait">
                Total wait
              </th>
              <th>Top function</th>
              <th>Created by</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row) => (
              <Fragment key={row.index}>
                <GroupRow
                  row={row}
                  hasStates={hasStates}
                  expanded={row.index === open}
                  onToggle={() =>
                    patch({ open: row.index === open ? undefined : String(row.index) })
                  }
                />
                {row.index === open && (
                  <tr className="gr-detail-row">
                    <td colSpan={6}>
                      <GroupDetail file={file} index={row.index} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
        {groups.data && rows.length === 0 && (
          <p className="pp-empty">No group matches “{state.q}”.</p>
        )}
        {rows.length > shown && (
          <button className="pp-more" onClick={() => setShown(shown + pageSize)}>
            Show more ({(rows.length - shown).toLocaleString('en-US')} more groups)
          </button>
        )}
      </div>
    </div>
  );
}

function GroupRow(props: {
  row: GoroutineGroupRow;
  hasStates: boolean;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { row, hasStates, expanded } = props;
  const suspect = leakSuspect(row);
  return (
    <tr
      className={expanded ? 'selected gr-row' : 'gr-row'}
      aria-expanded={expanded}
      data-testid="goroutine-group"
      onClick={props.onToggle}
    >
      <td className="num gr-count">
        <span className="gr-caret">{expanded ? '▾' : '▸'}</span>
        {row.count.toLocaleString('en-US')}
      </td>
      <td className="gr-state">
        {row.state || '—'}
        {row.lockedToThread > 0 && <span className="gr-tag">locked to thread</span>}
        {suspect && (
          <span
            className="gr-leak"
            data-testid="leak-badge"
            title={`${leakMinGoroutines}+ goroutines with one stack, blocked for ${leakMinWaitMinutes}+ minutes`}
          >
            possible leak
          </span>
        )}
      </td>
      <td className="num">{waitText(row.maxWaitMinutes, hasStates)}</td>
      <td className="num">{waitText(row.totalWaitMinutes, hasStates)}</td>
      <td className="name">
        {row.topFunction}
        {row.labels && <span className="gr-labels">{row.labels}</span>}
      </td>
      <td className="name gr-created">{row.createdBy}</td>
    </tr>
  );
}

/** The runtime prints a wait only from one minute on; debug=1 profiles print none. */
function waitText(minutes: number, hasStates: boolean): string {
  if (!hasStates) return '—';
  if (minutes === 0) return '< 1 min';
  return `${minutes.toLocaleString('en-US')} min`;
}

/** A search field that writes to the URL once typing pauses. */
function SearchBox({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string | undefined) => void;
}) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text || undefined), searchDelayMs);
    return () => clearTimeout(timer);
  });
  return (
    <input
      type="search"
      className="gr-search"
      placeholder="Search functions, files, states…"
      aria-label="Search goroutine groups"
      data-testid="goroutine-search"
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}
