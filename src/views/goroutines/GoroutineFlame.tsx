import { useMemo } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { FlameGraphCanvas } from '../flamegraph/FlameGraphCanvas';
import { decodeFramePath, encodeFramePath } from '../pprof/pprofViewState';
import { QueryStatus } from '../pprof/QueryStatus';

const goroutines = (n: number) => `${n.toLocaleString('en-US')} goroutine${n === 1 ? '' : 's'}`;

/** Every goroutine's stack as one flame graph, weighted by goroutine count. */
export function GoroutineFlame({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const invert = state.inv === '1';
  const flame = useFileQuery<FlameTree>(file.id, 'flame', { invert });
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const zoomPath = useMemo(() => decodeFramePath(state.z), [state.z]);
  return (
    <div className="pp-flame-tab">
      <div className="pp-subbar">
        {flame.data && <span className="pp-total">{goroutines(flame.data.total[0] ?? 0)}</span>}
        <span className="pp-spacer" />
        <button disabled={zoomPath.length === 0} onClick={() => patch({ z: undefined })}>
          Reset zoom
        </button>
        <button
          data-testid="flame-invert"
          aria-pressed={invert}
          onClick={() => patch({ inv: invert ? undefined : '1', z: undefined })}
          title="Root at the functions goroutines are blocked in, instead of where they started"
        >
          {invert ? 'Inverted (blocked-in first)' : 'Invert'}
        </button>
      </div>
      <QueryStatus loading={flame.loading} error={flame.error} hasData={!!flame.data} />
      <div className="pp-flame-area">
        {flame.data && (
          <FlameGraphCanvas
            tree={flame.data}
            formatValue={goroutines}
            totalLabel="all goroutines"
            zoomPath={zoomPath}
            onZoom={(path) => patch({ z: encodeFramePath(path) })}
            label="Flame graph of goroutine stacks"
          />
        )}
      </div>
    </div>
  );
}
