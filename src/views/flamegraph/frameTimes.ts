/**
 * How long each flame-graph paint took, in milliseconds, for the benchmark: the last 1,000
 * paints in a ring buffer, readable in the page as `window.__gopherlensFrameTimes` (oldest
 * first). A paint is the work of one animation frame: layout, boxes, labels.
 */
const capacity = 1000;
const times = new Float64Array(capacity);
let written = 0;

export function recordFrameTime(ms: number): void {
  times[written % capacity] = ms;
  written++;
}

export function recentFrameTimes(): number[] {
  const count = Math.min(written, capacity);
  const out: number[] = [];
  for (let i = written - count; i < written; i++) out.push(times[i % capacity]);
  return out;
}

declare global {
  interface Window {
    readonly __gopherlensFrameTimes?: number[];
  }
}

if (typeof window !== 'undefined' && !('__gopherlensFrameTimes' in window)) {
  Object.defineProperty(window, '__gopherlensFrameTimes', {
    get: recentFrameTimes,
    configurable: true,
  });
}
