import { BatchCursor } from './batchCursor';
import type { EventWriter } from './eventWriter';
import type { Generation } from './generation';
import type { Ordering } from './ordering';
import { fromWire, toId, TraceFormatError } from './wireReader';

/**
 * Emits the events of one generation in Go's order (reader.go ReadEvent): a min-heap of
 * per-thread cursors keyed by their next event's time; the earliest event advances if the
 * ordering allows it, otherwise the others are tried in time order. CPU samples, sorted by
 * time, are interleaved wherever they come before the earliest pending event.
 */
export function orderGeneration(
  gen: Generation,
  bytes: Uint8Array,
  ordering: Ordering,
  out: EventWriter,
  toNs: (ticks: number) => number,
): void {
  const frontier: BatchCursor[] = [];
  for (const m of gen.threads) {
    const cursor = new BatchCursor(fromWire(m), gen.batchesByM.get(m)!, bytes, toNs, gen.nsPerTick);
    if (cursor.next()) heapPush(frontier, cursor);
  }
  const samples = sortedSamples(gen, toNs);
  let nextSample = 0;
  let nextSampleTime = samples.time.length > 0 ? samples.time[0] : Infinity;
  const genNumber = gen.gen;
  // Most events come in runs from one thread: while the head's next event is no later than
  // both of its children's, it stays the head and the heap needs no fixing.
  let runnerUpTime = runnerUp(frontier);
  // The cursor whose event is being advanced: the ordering throws with offset 0, and its
  // errors are placed at that event. One try around the whole loop, none per event.
  let current: BatchCursor | undefined;
  try {
    for (;;) {
      const head = frontier[0];
      if (nextSampleTime < (head === undefined ? Infinity : head.time)) {
        const s = samples.order[nextSample];
        const g = gen.sampleG[s];
        out.sample(
          nextSampleTime,
          g === 0 ? -1 : toId(g),
          toId(gen.sampleP[s]),
          toId(gen.sampleM[s]),
          gen.sampleStack[s],
        );
        nextSample++;
        nextSampleTime = nextSample < samples.time.length ? samples.time[nextSample] : Infinity;
        continue;
      }
      if (head === undefined) return;
      current = head;
      if (ordering.advance(head, head.m, genNumber)) {
        if (!head.next()) {
          heapRemove(frontier, 0);
          runnerUpTime = runnerUp(frontier);
        } else if (head.time > runnerUpTime) {
          siftDown(frontier, 0);
          runnerUpTime = runnerUp(frontier);
        }
        continue;
      }
      // The earliest event must wait: try the others in time order (a sorted array is a heap).
      frontier.sort((a, b) => a.time - b.time);
      let advanced = false;
      for (let i = 1; i < frontier.length && !advanced; i++) {
        current = frontier[i];
        advanced = ordering.advance(current, current.m, genNumber);
        if (!advanced) continue;
        if (current.next()) heapFix(frontier, i);
        else heapRemove(frontier, i);
      }
      if (!advanced) {
        throw new TraceFormatError(
          frontier[0].offset,
          `broken trace: failed to advance: no thread's next event can happen (gen=${genNumber})`,
        );
      }
      runnerUpTime = runnerUp(frontier);
    }
  } catch (err) {
    if (err instanceof TraceFormatError && err.offset === 0 && current) {
      throw new TraceFormatError(current.offset, err.message);
    }
    throw err;
  }
}

/** The earliest time among the head's children: the head stays first up to and including it. */
function runnerUp(heap: BatchCursor[]): number {
  const n = heap.length;
  if (n < 2) return Infinity;
  if (n < 3) return heap[1].time;
  return Math.min(heap[1].time, heap[2].time);
}

function sortedSamples(gen: Generation, toNs: (ticks: number) => number) {
  const n = gen.sampleTicks.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = toNs(gen.sampleTicks[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  return { time: Float64Array.from(order, (i) => time[i]), order };
}

function heapPush(heap: BatchCursor[], c: BatchCursor): void {
  heap.push(c);
  siftUp(heap, heap.length - 1);
}

function heapFix(heap: BatchCursor[], i: number): void {
  if (siftUp(heap, i) === i) siftDown(heap, i);
}

/** Go's heapRemove: bubble the element to the root, swap it with the last, sift down. */
function heapRemove(heap: BatchCursor[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
}

function siftUp(heap: BatchCursor[], i: number): number {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent].time <= heap[i].time) break;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
  return i;
}

function siftDown(heap: BatchCursor[], i: number): void {
  const n = heap.length;
  for (;;) {
    let min = i;
    const l = 2 * i + 1;
    const r = l + 1;
    if (l < n && heap[l].time < heap[min].time) min = l;
    if (r < n && heap[r].time < heap[min].time) min = r;
    if (min === i) return;
    [heap[min], heap[i]] = [heap[i], heap[min]];
    i = min;
  }
}
