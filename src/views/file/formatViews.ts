import { lazy, type ComponentType } from 'react';
import type { FormatId } from '../../../workers/formatId';
import type { OpenFile } from '../../store/session';

type FormatView = ComponentType<{ file: OpenFile }>;

/**
 * Each format's root view lives in a chunk of its own (with D3 and the charts), so the app
 * starts without evaluating them; preloadFormatViews fetches and evaluates them while a file
 * decodes.
 */
const viewLoaders: Partial<Record<FormatId, () => Promise<{ default: FormatView }>>> = {
  pprof: () => import('../pprof/ProfileView').then((m) => ({ default: m.ProfileView })),
  'heap-text': () => import('../pprof/ProfileView').then((m) => ({ default: m.ProfileView })),
  gctrace: () => import('../gctrace/GctraceView').then((m) => ({ default: m.GctraceView })),
  goroutines: () =>
    import('../goroutines/GoroutinesView').then((m) => ({ default: m.GoroutinesView })),
  trace: () => import('../trace/TraceView').then((m) => ({ default: m.TraceView })),
};

/** The root view of each format; a format not listed shows its summary. */
export const formatViews: Partial<Record<FormatId, FormatView>> = Object.fromEntries(
  Object.entries(viewLoaders).map(([format, load]) => [format, lazy(load)]),
);

/** Loads every format's view, one after another, so none is still loading when its file is ready. */
export async function preloadFormatViews(): Promise<void> {
  for (const load of Object.values(viewLoaders)) await load().catch(() => undefined);
}
