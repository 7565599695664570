import type { ComponentType } from 'react';
import type { FormatId } from '../../../workers/formatId';
import type { OpenFile } from '../../store/session';
import { GctraceView } from '../gctrace/GctraceView';
import { GoroutinesView } from '../goroutines/GoroutinesView';
import { ProfileView } from '../pprof/ProfileView';
import { TraceView } from '../trace/TraceView';

/** The root view of each format; a format not listed shows its summary. */
export const formatViews: Partial<Record<FormatId, ComponentType<{ file: OpenFile }>>> = {
  pprof: ProfileView,
  'heap-text': ProfileView,
  gctrace: GctraceView,
  goroutines: GoroutinesView,
  trace: TraceView,
};
