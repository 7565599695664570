import { useMemo } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { PeekEdge, PeekResult } from '../../../workers/pprof/peekQuery';
import type { TopResult } from '../../../workers/pprof/topTable';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { FlameGraphCanvas } from '../flamegraph/FlameGraphCanvas';
import { formatPercent, formatValue, valueFormatter } from '../units/formatValue';
import { frameActions, SelectedFrameBar } from './frameActions';
import { searchRegex } from './FlameTab';
import { decodeFramePath, encodeFramePath, exactName, viewOptions } from './pprofViewState';
import { QueryStatus } from './QueryStatus';

/**
 * Callers and callees of the selected function (speedscope's sandwich, pprof's -peek): the
 * callers graph drawn root at the bottom so it grows up from the function, the callees graph
 * root at the top, and the direct callers and callees with their shares.
 */
export function PeekTab({ file }: { file: OpenFile }) {
  const fn = file.viewState.fn;
  if (!fn) return <PickFunction file={file} />;
  return <PeekOf file={file} fn={fn} />;
}

function PeekOf({ file, fn }: { file: OpenFile; fn: string }) {
  const state = file.viewState;
  const args = { ...viewOptions(state), fn: exactName(fn) };
  const result = useFileQuery<PeekResult>(file.id, 'peek', args);
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const data = result.data;
  const format = useMemo(() => valueFormatter(data?.unit ?? 'count'), [data?.unit]);
  const highlight = useMemo(() => searchRegex(state.q), [state.q]);
  const callersZoom = useMemo(() => decodeFramePath(state.zc), [state.zc]);
  const calleesZoom = useMemo(() => decodeFramePath(state.ze), [state.ze]);
  const entry = data?.entries.find((e) => e.name === fn) ?? data?.entries[0];
  // The two graphs differ in their tree, their direction and the URL key of their zoom.
  const peekGraph = (
    title: 'Callers' | 'Callees',
    tree: FlameTree,
    orientation: 'top-down' | 'bottom-up',
    zoomPath: string[],
    zoomKey: 'zc' | 'ze',
  ) => (
    <section className="pp-peek-graph" data-testid={`peek-${title.toLowerCase()}`}>
      <h3>{title}</h3>
      <div className="pp-flame-area">
        <FlameGraphCanvas
          tree={tree}
          formatValue={format}
          wholeValue={data?.total}
          totalLabel={title.toLowerCase()}
          orientation={orientation}
          highlight={highlight}
          showMatchedTotal={false}
          zoomPath={zoomPath}
          onZoom={(path) => patch({ [zoomKey]: encodeFramePath(path) })}
          contextMenu={(frame) => frameActions(file, frame.name)}
          label={`${title} of ${fn}`}
        />
      </div>
    </section>
  );

  return (
    <div className="pp-peek" data-testid="peek">
      <div className="pp-subbar">
        <SelectedFrameBar file={file} />
        {entry && data && (
          <span className="pp-total">
            flat {formatValue(entry.flat, data.unit)} ({formatPercent(entry.flat, data.total)}) ·
            cum {formatValue(entry.cum, data.unit)} ({formatPercent(entry.cum, data.total)})
          </span>
        )}
      </div>
      <QueryStatus loading={result.loading} error={result.error} hasData={!!data} />
      {data && !entry && (
        <p className="pp-empty">No samples pass through {fn} with these filters.</p>
      )}
      {data && entry && (
        <>
          <div className="pp-peek-graphs">
            {peekGraph('Callers', data.callers, 'bottom-up', callersZoom, 'zc')}
            {peekGraph('Callees', data.callees, 'top-down', calleesZoom, 'ze')}
          </div>
          <div className="pp-peek-tables">
            <EdgeTable title="Direct callers" edges={entry.callers} unit={data.unit} file={file} />
            <EdgeTable title="Direct callees" edges={entry.callees} unit={data.unit} file={file} />
          </div>
        </>
      )}
    </div>
  );
}

function EdgeTable(props: { title: string; edges: PeekEdge[]; unit: string; file: OpenFile }) {
  const select = (name: string) =>
    useSession.getState().patchViewState(props.file.id, { fn: name, zc: undefined, ze: undefined });
  return (
    <section className="pp-edges">
      <h3>{props.title}</h3>
      {props.edges.length === 0 ? (
        <p className="pp-empty">None</p>
      ) : (
        <table
          className="pp-table compact"
          data-testid={props.title.toLowerCase().replace(' ', '-')}
        >
          <thead>
            <tr>
              <th className="num">value</th>
              <th className="num">share</th>
              <th>function</th>
            </tr>
          </thead>
          <tbody>
            {props.edges.map((e) => (
              <tr
                key={e.name}
                onClick={() => select(e.name)}
                title="Show this function's callers and callees"
              >
                <td className="num">{formatValue(e.value, props.unit)}</td>
                <td className="num">{formatPercent(e.percent, 100)}</td>
                <td className="name">
                  {e.name}
                  {e.inline && <span className="pp-inline-tag"> (inline)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** With nothing selected: the heaviest functions, one click away. */
function PickFunction({ file }: { file: OpenFile }) {
  const result = useFileQuery<TopResult>(file.id, 'top', {
    ...viewOptions(file.viewState),
    limit: 12,
  });
  return (
    <div className="pp-pick" data-testid="peek-pick">
      <p>
        Select a function in the flame graph or the Top table, or pick one of the heaviest here:
      </p>
      <ul>
        {result.data?.rows.map((r) => (
          <li key={r.name}>
            <button
              className="pp-link"
              onClick={() => useSession.getState().patchViewState(file.id, { fn: r.name })}
            >
              {r.name}
            </button>{' '}
            <span className="pp-muted">{formatValue(r.cum, result.data!.unit)} cum</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
