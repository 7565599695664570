import type { TraceModel } from '../trace/model';

/**
 * Wraps an analysis so it runs once per model: views ask the same questions again and again
 * (every zoom step), and a pass over tens of millions of events is worth keeping. The cached
 * result is shared: callers must not modify it, and queries hand out copies.
 */
export function memoizeByModel<T>(analysis: (model: TraceModel) => T): (model: TraceModel) => T {
  const cache = new WeakMap<TraceModel, T>();
  return (model) => {
    if (cache.has(model)) return cache.get(model)!;
    const result = analysis(model);
    cache.set(model, result);
    return result;
  };
}
