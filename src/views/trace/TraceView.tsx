import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GcCycles } from '../../../workers/analysis/gcCycles';
import type { traceOverview } from '../../../workers/trace/traceBasics';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import { QueryStatus } from '../pprof/QueryStatus';
import { ViewTabs } from '../tabs/ViewTabs';
import { formatValue } from '../units/formatValue';
import { cycleSpan } from './gc/cycleSpan';
import { TracePanels, panelTitles } from './TracePanels';
import { TraceTimeline } from './TraceTimeline';
import { TimelineContext, type Timeline } from './timeline/timelineContext';
import { useTimelineKeys } from './timeline/useTimelineKeys';
import { framed, type TimeRange } from './timeline/viewportMath';
import { PointerTime, WindowStore } from './timeline/windowStore';
import {
  activePanel,
  selectedWindow,
  tracePanels,
  visibleWindow,
  focusPatch,
  windowPatch,
} from './traceViewState';
import '../pprof/profileView.css';
import './traceView.css';

export type TraceOverview = ReturnType<typeof traceOverview>;

/** Quiet time after the last pan or zoom before the window goes into the URL. */
const commitMs = 300;

/**
 * The views of a Go execution trace: one shared timeline on top, analysis panels below. Only
 * the trace's span is needed to start: the timeline's P lanes are asked for first, and the
 * GC cycles and the panels follow once they have arrived.
 */
export function TraceView({ file }: { file: OpenFile }) {
  const overview = useFileQuery<TraceOverview>(file.id, 'overview', {}, { priority: 'paint' });
  if (!overview.data) {
    return <QueryStatus loading={overview.loading} error={overview.error} hasData={false} />;
  }
  return <TraceWorkspace file={file} overview={overview.data} />;
}

interface WorkspaceProps {
  file: OpenFile;
  overview: TraceOverview;
}

function TraceWorkspace({ file, overview }: WorkspaceProps) {
  const state = file.viewState;
  // Whatever else the worker is asked waits until the P lanes have their first answer.
  const [lanesReady, setLanesReady] = useState(false);
  const lanesAnswered = useCallback(() => setLanesReady(true), []);
  const cyclesQuery = useFileQuery<GcCycles>(file.id, 'gcCycles', {}, { enabled: lanesReady });
  const cycles = cyclesQuery.data;
  const patch = useCallback(
    (p: Record<string, string | undefined>) => useSession.getState().patchViewState(file.id, p),
    [file.id],
  );
  const traceEnd = Math.max(1, overview.durationNs);
  const store = useMemo(() => new WindowStore({ from: 0, to: traceEnd }), [traceEnd]);
  const [pointer] = useState(() => new PointerTime());

  // The URL's window drives the live one (a restored link, a selected cycle)…
  const urlFrom = state.from;
  const urlTo = state.to;
  useEffect(() => {
    const w = visibleWindow({ from: urlFrom, to: urlTo }) ?? store.extent;
    const live = store.get();
    if (Math.round(live.from) !== w.from || Math.round(live.to) !== w.to) store.set(w);
  }, [store, urlFrom, urlTo]);
  // …and the live window goes back into the URL once the user stops moving it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((w) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const whole = w.from <= store.extent.from && w.to >= store.extent.to;
        patch(windowPatch(['from', 'to'], whole ? undefined : w));
      }, commitMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, patch]);

  const selection = selectedWindow(state);
  const select = useCallback(
    (w: TimeRange | undefined) => patch({ ...windowPatch(['s0', 's1'], w), cycle: undefined }),
    [patch],
  );
  const timeline: Timeline = useMemo(
    () => ({ store, selection, select, pointer }),
    // The selection's bounds, not its object identity, decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, selection?.from, selection?.to, select, pointer],
  );
  useTimelineKeys(store, pointer, () => select(undefined));

  const selectCycle = useCallback(
    (c: number) => {
      if (!cycles) return;
      const [from, to] = cycleSpan(cycles, c, traceEnd);
      const focus = focusPatch({ from, to }, store.extent);
      store.set(focus.view);
      patch({ ...focus.patch, cycle: String(c + 1) });
    },
    [cycles, traceEnd, store, patch],
  );

  const panel = activePanel(state);
  const selectedCycle = state.cycle ? Number(state.cycle) - 1 : undefined;
  // What the timeline and every panel are given.
  const shared = { file, overview, selectedCycle, onSelectCycle: selectCycle };
  return (
    <TimelineContext.Provider value={timeline}>
      <div className="tr-view" data-testid="trace-view">
        <div className="pp-header">
          <ViewTabs
            tabs={tracePanels}
            active={panel}
            titles={panelTitles}
            label="Trace panels"
            onSelect={(p) => patch({ view: p === 'gc' ? undefined : p })}
          />
          <div className="pp-toolbar tr-toolbar">
            <span className="tr-selection" data-testid="selection-text">
              {selection
                ? `Selected ${formatValue(selection.from, 'ns')} – ${formatValue(selection.to, 'ns')} (${formatValue(selection.to - selection.from, 'ns')})`
                : 'Whole trace selected'}
            </span>
            <button
              disabled={!selection}
              onClick={() => selection && store.set(framed(selection, 0.05, store.extent))}
              title="Show the selection across the timeline"
            >
              Zoom to selection
            </button>
            <button disabled={!selection} onClick={() => select(undefined)} title="Esc">
              Clear selection
            </button>
            <button onClick={() => store.set(store.extent)} title="0">
              Whole trace
            </button>
            <span
              className="tr-keys"
              title="W/S zoom, A/D pan, 0 whole trace, drag the axis to select"
            >
              W S zoom · A D pan · wheel zoom · drag pan
            </span>
          </div>
        </div>
        <TraceTimeline
          {...shared}
          cycles={cycles}
          lanesReady={lanesReady}
          onLanesReady={lanesAnswered}
        />
        <div className="tr-panel">
          {cycles ? (
            <TracePanels panel={panel} {...shared} cycles={cycles} />
          ) : (
            <QueryStatus loading={cyclesQuery.loading} error={cyclesQuery.error} hasData={false} />
          )}
        </div>
      </div>
    </TimelineContext.Provider>
  );
}
