import { useMemo } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { GcCycles } from '../../../workers/gctrace/decodeGctrace';
import type { GctraceSummary } from '../../../workers/gctrace/gctraceQueries';
import type { ScavengerSeries } from '../../../workers/gctrace/scavengerLines';
import { QueryStatus } from '../pprof/QueryStatus';
import { StwSummary } from '../gc/StwSummary';
import { StwTimeline } from '../gc/StwTimeline';
import { ViewTabs } from '../tabs/ViewTabs';
import { timeExtent } from '../gc/chartData';
import { valueAxisWidth, type ChartWindowProps } from '../gc/TimeChartFrame';
import { GctraceCycles } from './GctraceCycles';
import { GctraceOverview } from './GctraceOverview';
import { GctraceSummaryBar } from './GctraceSummaryBar';
import { cycleEnds, gctracePauses } from './gctraceSeries';
import {
  decodeWindow,
  encodeWindow,
  gctraceTabs,
  programStart,
  type GctraceTab,
} from './gctraceViewState';
import { OtherLinesPanel } from './OtherLinesPanel';
import { ScavengerPanel } from './ScavengerPanel';
import '../pprof/profileView.css';
import './gctraceView.css';

const tabTitles: Record<GctraceTab, string> = {
  overview: 'Overview',
  pauses: 'Pauses',
  cycles: 'Cycles',
  scavenger: 'Scavenger',
  lines: 'Other lines',
};

/** A GODEBUG=gctrace=1 log: summary figures, pauses, heap and CPU over time, and every cycle. */
export function GctraceView({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const summary = useFileQuery<GctraceSummary>(file.id, 'summary');
  const cyclesQuery = useFileQuery<GcCycles>(file.id, 'cycles');
  const scavenger = useFileQuery<ScavengerSeries>(file.id, 'scavenger');
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);

  const cycles = cyclesQuery.data;
  const pauses = useMemo(() => cycles && gctracePauses(cycles), [cycles]);
  const extent = useMemo(
    () => cycles && timeExtent([{ start: cycles.startNs, end: cycleEnds(cycles) }]),
    [cycles],
  );
  const hasScavenger = (scavenger.data?.line.length ?? 0) > 0;
  const otherLines = summary.data?.otherLines ?? 0;
  const offered = gctraceTabs.filter(
    (t) => (t !== 'scavenger' || hasScavenger) && (t !== 'lines' || otherLines > 0),
  );
  const tab = offered.includes(state.view as GctraceTab) ? (state.view as GctraceTab) : 'overview';
  // Every chart of the log shows the same window, kept in the URL, and their plots line up.
  const time: ChartWindowProps = {
    extent,
    plotLeft: valueAxisWidth,
    window: decodeWindow(state.w),
    onWindowChange: (w) => patch({ w: encodeWindow(w) }),
    timeOrigin: programStart,
  };

  return (
    <div className="pp-view gt-view" data-testid="gctrace-view">
      <div className="pp-header">
        <ViewTabs
          tabs={offered}
          active={tab}
          titles={{
            ...tabTitles,
            lines: (
              <>
                {tabTitles.lines}
                <span className="gt-tab-count">{otherLines.toLocaleString('en-US')}</span>
              </>
            ),
          }}
          label="gctrace views"
          onSelect={(t) => patch({ view: t === 'overview' ? undefined : t })}
        />
      </div>
      {summary.data && <GctraceSummaryBar summary={summary.data} />}
      <QueryStatus
        loading={cyclesQuery.loading || summary.loading}
        error={cyclesQuery.error ?? summary.error}
        hasData={!!cycles}
      />
      {cycles && pauses && extent && (
        <div className="gt-body">
          {tab === 'overview' && (
            <GctraceOverview cycles={cycles} pauses={pauses} time={time} file={file} />
          )}
          {tab === 'pauses' && (
            <>
              <section className="gt-card">
                <h3>Stop-the-world pauses</h3>
                <StwTimeline pauses={pauses} {...time} />
              </section>
              <section className="gt-card">
                <h3>Pause statistics</h3>
                <StwSummary pauses={pauses} reason={state.r} onReasonChange={(r) => patch({ r })} />
              </section>
            </>
          )}
          {tab === 'cycles' && (
            <GctraceCycles cycles={cycles} pauses={pauses} time={time} file={file} />
          )}
          {tab === 'scavenger' && scavenger.data && (
            <ScavengerPanel scavenger={scavenger.data} cycles={cycles} extent={extent} />
          )}
          {tab === 'lines' && <OtherLinesPanel file={file} total={otherLines} />}
        </div>
      )}
    </div>
  );
}
