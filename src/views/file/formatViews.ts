import { useEffect, useState, type ComponentType } from 'react';
import type { FormatId } from '../../../workers/formatId';
import type { OpenFile } from '../../store/session';

export type FormatView = ComponentType<{ file: OpenFile }>;

/**
 * Each format's root view lives in a chunk of its own (with D3 and the charts), so the app
 * starts without evaluating them; preloadFormatViews fetches and evaluates them while a file
 * decodes. A format not listed shows its summary.
 */
const viewLoaders: Partial<Record<FormatId, () => Promise<FormatView>>> = {
  pprof: () => import('../pprof/ProfileView').then((m) => m.ProfileView),
  'heap-text': () => import('../pprof/ProfileView').then((m) => m.ProfileView),
  gctrace: () => import('../gctrace/GctraceView').then((m) => m.GctraceView),
  goroutines: () => import('../goroutines/GoroutinesView').then((m) => m.GoroutinesView),
  trace: () => import('../trace/TraceView').then((m) => m.TraceView),
};

const loaded: Partial<Record<FormatId, FormatView>> = {};

function loadFormatView(format: FormatId): Promise<FormatView | undefined> {
  const load = viewLoaders[format];
  return load ? load().then((view) => (loaded[format] = view)) : Promise.resolve(undefined);
}

export function hasFormatView(format: FormatId): boolean {
  return format in viewLoaders;
}

/**
 * Loads every format's view, one after another and each when the page is idle, so none is
 * still loading when its file is ready and none adds to the app's start-up or another task.
 */
export async function preloadFormatViews(): Promise<void> {
  for (const format of Object.keys(viewLoaders) as FormatId[]) {
    await whenIdle();
    await loadFormatView(format).catch(() => undefined);
  }
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve());
    else setTimeout(resolve, 0);
  });
}

/**
 * The format's view: at once when preloaded (no fallback frame, no retry delay), else once its
 * chunk has arrived.
 */
export function useFormatView(format: FormatId): FormatView | undefined {
  const [view, setView] = useState<FormatView | undefined>(() => loaded[format]);
  useEffect(() => {
    if (view || !hasFormatView(format)) return;
    let live = true;
    void loadFormatView(format).then((v) => live && setView(() => v));
    return () => {
      live = false;
    };
  }, [format, view]);
  return view ?? loaded[format];
}
