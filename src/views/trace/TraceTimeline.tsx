import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { GcCycles } from '../../../workers/analysis/gcCycles';
import type { StwPauses } from '../../../workers/analysis/stwPauses';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import { HeapChart, type PacerSettings } from '../gc/HeapChart';
import { StwTimeline } from '../gc/StwTimeline';
import { useElementWidth } from '../gc/useElementWidth';
import { QueryStatus } from '../pprof/QueryStatus';
import { GcTrack } from './gc/GcTrack';
import { useHeapData } from './gc/useHeapData';
import { ProcsTimeline } from './procs/ProcsTimeline';
import { useProcData } from './procs/useProcData';
import { goroutineLook, type GoroutineNames } from './timeline/goroutineLook';
import { Minimap } from './timeline/Minimap';
import { TimeAxis } from './timeline/TimeAxis';
import { plotLeft, plotRight, useTimeline } from './timeline/timelineContext';
import { useZoomSurface } from './timeline/useZoomSurface';
import type { TimeRange } from './timeline/viewportMath';
import { useLiveWindow } from './timeline/windowStore';
import type { TraceOverview } from './TraceView';
import { pinnedGoroutines, togglePin } from './traceViewState';

export interface TraceTimelineProps {
  file: OpenFile;
  overview: TraceOverview;
  /** Undefined until the worker has answered the timeline's own queries and then this one. */
  cycles: GcCycles | undefined;
  selectedCycle: number | undefined;
  onSelectCycle: (cycle: number) => void;
  /** Whether the P lanes have had their first answer: the other tracks ask only after. */
  lanesReady: boolean;
  onLanesReady: () => void;
}

/**
 * Every track over one time axis: the whole-trace minimap, the axis with the selection brush,
 * the GC cycles, the stop-the-world pauses, the heap, and the Ps with pinned goroutines.
 */
export function TraceTimeline(props: TraceTimelineProps) {
  const { file, cycles, overview, lanesReady, onLanesReady } = props;
  const state = file.viewState;
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const timeline = useTimeline();
  const { store, select } = timeline;
  const measureRef = useRef<HTMLDivElement>(null);
  const plotWidth = Math.max(1, useElementWidth(measureRef) - plotLeft - plotRight);
  const pinned = useMemo(() => pinnedGoroutines(state), [state]);
  const { procs, error } = useProcData(file.id, store, plotWidth);
  useEffect(() => {
    if (procs || error) onLanesReady();
  }, [procs, error, onLanesReady]);
  const later = { enabled: lanesReady };

  const pauses = useFileQuery<StwPauses>(file.id, 'stwPauses', {}, later);
  const heap = useHeapData(file.id, store, Math.max(200, Math.floor(plotWidth)), lanesReady);
  const names = useFileQuery<GoroutineNames>(file.id, 'goroutineNames', {}, later);
  const look = useMemo(() => goroutineLook(names.data, state.gg), [names.data, state.gg]);

  const extent = store.extent;
  const cycleBands = useMemo(
    () =>
      cycles && {
        start: cycles.start,
        end: cycles.end.map((e, i) =>
          Number.isFinite(e) ? e : cycles.markTermStart[i] || extent.to,
        ),
      },
    [cycles, extent.to],
  );
  const marked = useMemo(() => cycles && { time: cycles.end, value: cycles.heapMarked }, [cycles]);
  const pacer: PacerSettings = {
    gogc: numberOr(state.gogc),
    memoryLimitBytes: numberOr(state.gml),
  };

  const stwRef = useRef<HTMLDivElement>(null);
  const heapRef = useRef<HTMLDivElement>(null);
  useZoomSurface(stwRef, store, plotWidth, 'wheel');
  useZoomSurface(heapRef, store, plotWidth, 'wheel');
  // A drag on a chart selects, as on the axis; its reset shows the whole trace again and keeps
  // the selection. Plots start at the tracks' gutter, so every x is the same time.
  const chartLinks = useMemo(
    () => ({
      onWindowChange: (w: TimeRange | undefined) => select(w),
      onResetZoom: () => store.set(store.extent),
      plotLeft,
    }),
    [select, store],
  );

  return (
    <div className="tr-timeline" data-testid="trace-timeline">
      <div ref={measureRef} className="tr-measure" />
      <Minimap fileId={file.id} />
      <TimeAxis />
      <GcTrack
        cycles={cycles}
        traceEnd={overview.durationNs}
        procs={procs}
        selected={props.selectedCycle}
        onSelectCycle={props.onSelectCycle}
      />
      <div className="tr-chart-row" ref={stwRef}>
        <span className="tr-gutter-label">STW</span>
        {pauses.data ? (
          <LiveChart
            render={(w) => (
              <StwTimeline pauses={pauses.data!} extent={extent} window={w} {...chartLinks} />
            )}
          />
        ) : (
          <QueryStatus loading={pauses.loading} error={pauses.error} hasData={false} />
        )}
      </div>
      <div className="tr-chart-row" ref={heapRef}>
        <span className="tr-gutter-label">heap</span>
        {/* The pacer's goal is drawn from each cycle's marked heap: wait for the cycles. */}
        {heap.data && cycles ? (
          <LiveChart
            render={(w) => (
              <HeapChart
                live={heap.data!.live}
                goal={heap.data!.goal}
                marked={marked}
                cycles={cycleBands}
                pacerInputs
                pacer={pacer}
                onPacerChange={(p) =>
                  patch({
                    gogc: p.gogc === undefined ? undefined : String(p.gogc),
                    gml: p.memoryLimitBytes === undefined ? undefined : String(p.memoryLimitBytes),
                  })
                }
                extent={extent}
                window={w}
                {...chartLinks}
                height={80}
              />
            )}
          />
        ) : (
          <QueryStatus loading={!heap.error} error={heap.error} hasData={false} />
        )}
      </div>
      {error && <QueryStatus loading={false} error={error} hasData={false} />}
      <ProcsTimeline
        fileId={file.id}
        procIds={procs?.view.procs ?? []}
        procs={procs}
        pinned={pinned}
        look={look}
        onGoroutineClick={(g) => patch({ pins: togglePin(state, g) })}
      />
    </div>
  );
}

/**
 * A chart that draws through React, re-rendered with the live window (once per frame while the
 * user pans), apart from the rest of the timeline.
 */
function LiveChart({ render }: { render: (w: TimeRange) => ReactNode }) {
  const { store } = useTimeline();
  return <>{render(useLiveWindow(store))}</>;
}

function numberOr(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isFinite(n) && n > 0 ? n : undefined;
}
