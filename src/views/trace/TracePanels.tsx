import type { GcCycles } from '../../../workers/analysis/gcCycles';
import type { OpenFile } from '../../store/session';
import { AnnotationsPanel } from './panels/AnnotationsPanel';
import { GcPanel } from './panels/GcPanel';
import { GoroutinesPanel } from './panels/GoroutinesPanel';
import { MmuPanel } from './panels/MmuPanel';
import { OverviewPanel } from './panels/OverviewPanel';
import { WindowFlamePanel } from './panels/WindowFlamePanel';
import type { TracePanel } from './traceViewState';
import type { TraceOverview } from './TraceView';

export const panelTitles: Record<TracePanel, string> = {
  gc: 'GC & STW',
  mmu: 'MMU',
  goroutines: 'Goroutines',
  flame: 'Flame graphs',
  tasks: 'Tasks & regions',
  overview: 'Overview',
};

export interface TracePanelProps {
  file: OpenFile;
  overview: TraceOverview;
  cycles: GcCycles;
  selectedCycle: number | undefined;
  onSelectCycle: (cycle: number) => void;
}

/** The panel under the timeline; each analyses the brushed selection (or the whole trace). */
export function TracePanels({ panel, ...props }: TracePanelProps & { panel: TracePanel }) {
  switch (panel) {
    case 'gc':
      return <GcPanel {...props} />;
    case 'mmu':
      return <MmuPanel file={props.file} />;
    case 'goroutines':
      return <GoroutinesPanel file={props.file} overview={props.overview} />;
    case 'flame':
      return <WindowFlamePanel file={props.file} />;
    case 'tasks':
      return <AnnotationsPanel file={props.file} />;
    case 'overview':
      return <OverviewPanel {...props} />;
  }
}
