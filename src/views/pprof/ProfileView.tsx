import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { PprofMetadata } from '../../../workers/pprof/metadataQuery';
import { FilterBar } from './FilterBar';
import { FlameTab } from './FlameTab';
import { LabelsPanel } from './LabelsPanel';
import { MemStatsPanel } from './MemStatsPanel';
import { MetadataPanel } from './MetadataPanel';
import { PeekTab } from './PeekTab';
import { ProfileToolbar } from './ProfileToolbar';
import { activeTab, tabKey, type ProfileTab } from './pprofViewState';
import { TopTable } from './TopTable';
import { ViewTabs } from '../tabs/ViewTabs';
import './profileView.css';

const tabTitles: Record<ProfileTab, string> = {
  flame: 'Flame graph',
  top: 'Top',
  peek: 'Callers / callees',
  labels: 'Labels',
  meta: 'Metadata',
  memstats: 'MemStats',
};

/** The query each tab needs, so a tab is offered only when the file's format answers it. */
const tabQueries: Record<ProfileTab, string> = {
  flame: 'flame',
  top: 'top',
  peek: 'peek',
  labels: 'labels',
  meta: 'metadata',
  memstats: 'memstats',
};

/** The views of a pprof profile (and of a heap debug=1 dump, which adds MemStats). */
export function ProfileView({ file }: { file: OpenFile }) {
  const queries = file.info?.queries ?? [];
  const offered = (Object.keys(tabQueries) as ProfileTab[]).filter((t) =>
    queries.includes(tabQueries[t]),
  );
  const tab = activeTab(file.viewState, offered);
  const meta = useFileQuery<PprofMetadata>(file.id, 'metadata', {});
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);

  return (
    <div className="pp-view" data-testid="profile-view">
      <div className="pp-header">
        <ViewTabs
          tabs={offered}
          active={tab}
          titles={tabTitles}
          label="Profile views"
          onSelect={(t) => patch({ [tabKey]: t === offered[0] ? undefined : t })}
        />
        {tab !== 'meta' && tab !== 'memstats' && <ProfileToolbar file={file} meta={meta.data} />}
      </div>
      {tab !== 'meta' && tab !== 'memstats' && <FilterBar file={file} />}
      <div className="pp-body">
        {tab === 'flame' && <FlameTab file={file} />}
        {tab === 'top' && <TopTable file={file} />}
        {tab === 'peek' && <PeekTab file={file} />}
        {tab === 'labels' && <LabelsPanel file={file} />}
        {tab === 'meta' && <MetadataPanel meta={meta.data} error={meta.error} />}
        {tab === 'memstats' && <MemStatsPanel file={file} />}
      </div>
    </div>
  );
}
