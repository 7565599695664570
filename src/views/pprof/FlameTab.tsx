import { useMemo } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { FlameResult } from '../../../workers/pprof/flameQuery';
import { emptyFlameTree } from '../../../workers/flame/flameTree';
import { compileGoRegexp } from '../../../workers/pprof/goRegexp';
import { FlameGraphCanvas, type FlameFrame } from '../flamegraph/FlameGraphCanvas';
import { formatValue, valueFormatter } from '../units/formatValue';
import { frameActions, SelectedFrameBar } from './frameActions';
import { decodeFramePath, encodeFramePath, viewOptions } from './pprofViewState';
import { QueryStatus } from './QueryStatus';

/** The flame graph of the filtered profile, with zoom, search and selection in the URL. */
export function FlameTab({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const result = useFileQuery<FlameResult>(file.id, 'flame', viewOptions(state));
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const highlight = useMemo(() => searchRegex(state.q), [state.q]);
  const zoomPath = useMemo(() => decodeFramePath(state.z), [state.z]);
  const bottomUp = state.o === 'bu';
  const data = result.data;
  const format = useMemo(() => valueFormatter(data?.unit ?? 'count'), [data?.unit]);

  return (
    <div className="pp-flame-tab">
      <div className="pp-subbar">
        {data && (
          <span className="pp-total" data-testid="flame-total">
            {data.sampleType}: {formatValue(data.tree.total[0] ?? 0, data.unit)}
            {data.tree.total[0] !== data.total && ` of ${formatValue(data.total, data.unit)}`}
          </span>
        )}
        <SelectedFrameBar file={file} />
        <span className="pp-spacer" />
        <button
          data-testid="reset-zoom"
          disabled={zoomPath.length === 0}
          onClick={() => patch({ z: undefined })}
          title="Reset zoom (Esc or 0)"
        >
          Reset zoom
        </button>
        <span className="pp-segmented" role="group" aria-label="Root position">
          <span className="pp-segmented-label">Root</span>
          <button
            data-testid="orientation-top"
            aria-pressed={!bottomUp}
            onClick={() => patch({ o: undefined })}
            title="Root at the top, callees below (icicle)"
          >
            top
          </button>
          <button
            data-testid="orientation-bottom"
            aria-pressed={bottomUp}
            onClick={() => patch({ o: 'bu' })}
            title="Root at the bottom, callees above (classic flame)"
          >
            bottom
          </button>
        </span>
      </div>
      <div className="pp-flame-area">
        {/* The canvas is there before the first result, so the result only has to be drawn. */}
        <FlameGraphCanvas
          tree={data?.tree ?? emptyFlameTree}
          pending={!data}
          formatValue={format}
          wholeValue={data?.total}
          totalLabel="total"
          highlight={highlight}
          showMatchedTotal={false}
          zoomPath={zoomPath}
          onZoom={(path) => patch({ z: encodeFramePath(path) })}
          orientation={bottomUp ? 'bottom-up' : 'top-down'}
          onSelectFrame={(frame?: FlameFrame) =>
            patch({ fn: frame && frame.path.length > 0 ? frame.name : undefined })
          }
          contextMenu={(frame) => frameActions(file, frame.name)}
          label={data ? `Flame graph of ${data.sampleType}` : 'Flame graph'}
        />
        <div className="pp-flame-status">
          <QueryStatus loading={result.loading} error={result.error} hasData={!!data} />
        </div>
      </div>
    </div>
  );
}

/** The search as a regex for highlighting; an invalid one highlights nothing (it is reported). */
export function searchRegex(q: string | undefined): RegExp | undefined {
  if (!q) return undefined;
  try {
    return compileGoRegexp('search', q);
  } catch {
    return undefined;
  }
}
