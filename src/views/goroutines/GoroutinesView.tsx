import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { GoroutineSummary } from '../../../workers/goroutines/goroutineQueries';
import { GoroutineFlame } from './GoroutineFlame';
import { ViewTabs } from '../tabs/ViewTabs';
import { GoroutineGroups } from './GoroutineGroups';
import { activeGoroutinesTab, type GoroutinesTab } from './goroutinesViewState';
import '../pprof/profileView.css';
import './goroutinesView.css';

const tabTitles: Record<GoroutinesTab, string> = { groups: 'Groups', flame: 'Flame graph' };

/** A goroutine dump: goroutines grouped by identical stack, the leak view, and a flame graph. */
export function GoroutinesView({ file }: { file: OpenFile }) {
  const tab = activeGoroutinesTab(file.viewState.view);
  const summary = useFileQuery<GoroutineSummary>(file.id, 'summary');
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const s = summary.data;
  const states = s ? Object.entries(s.byState).sort((a, b) => b[1] - a[1]) : [];

  return (
    <div className="pp-view gr-view" data-testid="goroutines-view">
      <div className="pp-header">
        <ViewTabs
          tabs={Object.keys(tabTitles) as GoroutinesTab[]}
          active={tab}
          titles={tabTitles}
          label="Goroutine views"
          onSelect={(t) => patch({ view: t === 'groups' ? undefined : t })}
        />
        {s && (
          <div className="gr-summary" data-testid="goroutines-summary">
            <span>
              <strong>{s.goroutines.toLocaleString('en-US')}</strong> goroutines in{' '}
              <strong>{s.groups.toLocaleString('en-US')}</strong> stacks
            </span>
            {states.slice(0, 6).map(([state, n]) => (
              <span key={state} className="gr-state-chip">
                {state} <span className="gr-chip-count">{n.toLocaleString('en-US')}</span>
              </span>
            ))}
          </div>
        )}
      </div>
      <div className="pp-body">
        {tab === 'groups' && <GoroutineGroups file={file} />}
        {tab === 'flame' && <GoroutineFlame file={file} />}
      </div>
    </div>
  );
}
