import { useSyncExternalStore } from 'react';
import { clampWindow, type TimeRange } from './viewportMath';

/**
 * The window the trace tracks show while the user pans and zooms. It lives outside React and
 * the URL: every change is announced once per animation frame, canvases redraw from it at once,
 * and the URL only gets the window after the user stops moving (TraceView debounces it).
 */
export class WindowStore {
  private current: TimeRange;
  private listeners = new Set<(w: TimeRange) => void>();
  private frame = 0;

  constructor(readonly extent: TimeRange) {
    this.current = { ...extent };
  }

  get(): TimeRange {
    return this.current;
  }

  set(w: TimeRange): void {
    const next = clampWindow(w, this.extent);
    if (next.from === this.current.from && next.to === this.current.to) return;
    this.current = next;
    if (this.frame || typeof requestAnimationFrame === 'undefined') return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const listener of this.listeners) listener(this.current);
    });
  }

  subscribe(listener: (w: TimeRange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The live window as React state, for components that draw through React (one render a frame). */
export function useLiveWindow(store: WindowStore): TimeRange {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.get(),
  );
}

/** The time under the pointer while it is over a track, for keys that zoom around it. */
export class PointerTime {
  private t: number | undefined;

  get(): number | undefined {
    return this.t;
  }

  set(t: number | undefined): void {
    this.t = t;
  }
}
