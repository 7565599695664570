import { useEffect } from 'react';
import { applyKey, keyAction } from './viewportMath';
import type { PointerTime, WindowStore } from './windowStore';

/**
 * W/S zoom in and out, A/D pan, 0 shows the whole trace, as in `go tool trace`; zoom centres on
 * the pointer when it is over a track. Keys typed into a field are left alone.
 */
export function useTimelineKeys(
  store: WindowStore,
  pointer: PointerTime,
  onEscape: () => void,
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (target?.closest('input, select, textarea, [contenteditable="true"]')) return;
      if (e.key === 'Escape') return onEscape();
      const action = keyAction(e.key);
      if (!action) return;
      e.preventDefault();
      const w = store.get();
      store.set(applyKey(w, action, pointer.get() ?? (w.from + w.to) / 2, store.extent));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, pointer, onEscape]);
}
