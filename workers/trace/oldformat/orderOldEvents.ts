import { DecodeError } from '../../decodeError';
import { OldEv, isBlockEvent } from './oldEventTypes';
import type { OldEvents } from './readOldEvents';

// A module-local alias: hot loops read plain object properties, not import bindings.
const Ev = OldEv;

/** Pseudo-Ps Go's old parser moves some events onto (tracev1 parser.go). */
export const TimerP = 1000001;
export const NetpollP = 1000002;
export const SyscallP = 1000003;
export const GCP = 1000004;

/** The merged stream: event indexes in Go's order and each one's time in ns from the first. */
export interface OldEventOrder {
  order: Int32Array;
  time: Float64Array;
}

/**
 * Merges the per-P batches into one stream the way Go's old parser does
 * (src/internal/trace/internal/tracev1/parser.go parseEventBatches, order.go): a frontier of
 * each P's next event, of which only those whose goroutine sequence number and state fit are
 * eligible, the earliest eligible one going next. CPU samples join as one more P. Afterwards
 * syscall exits get their real time, ticks become ns, and timer unblocks and syscall exits move
 * to pseudo-Ps. Updates `events` in place ("Local" event types become the plain ones).
 */
export function orderOldEvents(events: OldEvents): OldEventOrder {
  const order = mergeBatches(events);
  restoreSyscallExitTimes(events, order);
  const sorted = stableSortByTicks(events.ticks, order);
  const time = new Float64Array(sorted.length);
  if (sorted.length > 0) {
    const minTicks = events.ticks[sorted[0]];
    const nsPerTick = 1e9 / events.ticksPerSecond;
    for (let k = 0; k < sorted.length; k++) {
      const i = sorted[k];
      time[k] = Math.trunc((events.ticks[i] - minTicks) * nsPerTick);
      const typ = events.type[i];
      if (typ === Ev.GoUnblock && events.timerGoroutines.has(events.g[i])) events.p[i] = TimerP;
      if (typ === Ev.GoSysExit) events.p[i] = SyscallP;
    }
  }
  return { order: sorted, time };
}

// Goroutine states and sentinels of the ordering state machine (order.go).
const gDead = 0;
const gRunnable = 1;
const gRunning = 2;
const gWaiting = 3;
const unordered = -1;
const gcSequence = -2;
const noSeq = -1;
const seqInc = -2;

/** Result slots of stateTransition, reused to avoid an object per event. */
let initSeq = 0;
let initStatus = 0;
let nextSeq = 0;
let nextStatus = 0;

/**
 * Which goroutine (or the GC sequence) event i depends on, the state it must find it in
 * (initSeq/initStatus) and the state it leaves it in (nextSeq/nextStatus).
 */
function stateTransition(events: OldEvents, i: number): number {
  const typ = events.type[i];
  const arg0 = events.args[i * 4];
  const arg1 = events.args[i * 4 + 1];
  switch (typ) {
    case Ev.GoCreate:
      return setTransition(arg0, 0, gDead, 1, gRunnable);
    case Ev.GoWaiting:
    case Ev.GoInSyscall:
      return setTransition(events.g[i], 1, gRunnable, 2, gWaiting);
    case Ev.GoStart:
    case Ev.GoStartLabel:
      return setTransition(events.g[i], arg1, gRunnable, arg1 + 1, gRunning);
    case Ev.GoStartLocal:
      // Written on the P that made the goroutine runnable, so that event is already merged.
      return setTransition(events.g[i], noSeq, gRunnable, seqInc, gRunning);
    case Ev.GoSched:
    case Ev.GoPreempt:
      return setTransition(events.g[i], noSeq, gRunning, noSeq, gRunnable);
    case Ev.GoUnblock:
    case Ev.GoSysExit:
      return setTransition(arg0, arg1, gWaiting, arg1 + 1, gRunnable);
    case Ev.GoUnblockLocal:
    case Ev.GoSysExitLocal:
      return setTransition(arg0, noSeq, gWaiting, seqInc, gRunnable);
    case Ev.GCStart:
      return setTransition(gcSequence, arg0, gDead, arg0 + 1, gDead);
  }
  if (isBlockEvent(typ)) return setTransition(events.g[i], noSeq, gRunning, noSeq, gWaiting);
  return unordered;
}

function setTransition(g: number, iSeq: number, iStatus: number, nSeq: number, nStatus: number) {
  initSeq = iSeq;
  initStatus = iStatus;
  nextSeq = nSeq;
  nextStatus = nStatus;
  return g;
}

/** A goroutine's ordering state packed into one number (seq * 4 + status), 0 = dead, seq 0. */
function ready(g: number, state: number | undefined): boolean {
  if (g === unordered) return true;
  const packed = state ?? 0;
  const seq = Math.floor(packed / 4);
  return (initSeq === noSeq || initSeq === seq) && initStatus === packed % 4;
}

/** A P's events: its batches' [start, end) index pairs and a cursor into them. */
interface ProcCursor {
  ranges: number[];
  nextRange: number;
  cur: number;
  end: number;
}

function mergeBatches(events: OldEvents): Int32Array {
  const procs: ProcCursor[] = [];
  for (const ranges of events.batches.values())
    procs.push({ ranges, nextRange: 0, cur: 0, end: 0 });
  const samples = [...events.cpuSamples].sort((a, b) => events.ticks[a] - events.ticks[b]);
  procs.push({ ranges: samples.flatMap((i) => [i, i + 1]), nextRange: 0, cur: 0, end: 0 });

  const { ticks, type } = events;
  const order = new Int32Array(events.count);
  let merged = 0;
  const states = new Map<number, number>();
  // Min-heap of frontier entries (event index, proc index), keyed by ticks.
  const heapEvent: number[] = [];
  const heapProc: number[] = [];
  const available = procs.map((_, k) => k);
  const done = new Uint8Array(procs.length);

  for (;;) {
    for (let a = 0; a < available.length; a++) {
      const proc = procs[available[a]];
      if (proc.cur === proc.end && !loadNextBatch(proc)) {
        done[available[a]] = 1;
        available[a] = available[available.length - 1];
        available.pop();
        a--;
        continue;
      }
      const i = proc.cur;
      const g = stateTransition(events, i);
      if (!ready(g, states.get(g))) continue;
      proc.cur++;
      heapPush(heapEvent, heapProc, ticks, i, available[a]);
      available[a] = available[available.length - 1];
      available.pop();
      a--;
    }
    if (heapEvent.length === 0) {
      if (done.includes(0)) {
        throw new DecodeError('trace', {}, 'a consistent ordering of events', 'none possible');
      }
      break;
    }
    const procIndex = heapProc[0];
    const i = heapPop(heapEvent, heapProc, ticks);
    const g = stateTransition(events, i);
    // "Local" events only exist to help ordering.
    if (type[i] === Ev.GoStartLocal) type[i] = Ev.GoStart;
    else if (type[i] === Ev.GoUnblockLocal) type[i] = Ev.GoUnblock;
    else if (type[i] === Ev.GoSysExitLocal) type[i] = Ev.GoSysExit;
    order[merged++] = i;
    if (g !== unordered) {
      const curr = states.get(g);
      if (!ready(g, curr)) {
        throw new DecodeError('trace', {}, 'a possible goroutine state transition', `g ${g}`);
      }
      const seq = Math.floor((curr ?? 0) / 4);
      const next = nextSeq === noSeq ? seq : nextSeq === seqInc ? seq + 1 : nextSeq;
      states.set(g, next * 4 + nextStatus);
    }
    available.push(procIndex);
  }

  for (let k = 1; k < merged; k++) {
    if (ticks[order[k]] < ticks[order[k - 1]]) timeOrderError();
  }
  return order.subarray(0, merged);
}

function loadNextBatch(proc: ProcCursor): boolean {
  while (proc.nextRange < proc.ranges.length) {
    proc.cur = proc.ranges[proc.nextRange];
    proc.end = proc.ranges[proc.nextRange + 1];
    proc.nextRange += 2;
    if (proc.cur < proc.end) return true;
  }
  return false;
}

/**
 * A syscall exit is written when the goroutine gets a P again, but carries the time the syscall
 * really returned; it can only be moved there once the stream is consistent.
 */
function restoreSyscallExitTimes(events: OldEvents, order: Int32Array): void {
  const lastSysBlock = new Map<number, number>();
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const typ = events.type[i];
    if (typ === Ev.GoSysBlock || typ === Ev.GoInSyscall) {
      lastSysBlock.set(events.g[i], events.ticks[i]);
    } else if (typ === Ev.GoSysExit) {
      // Go reads the real time from the third argument only, so exits that were written as
      // GoSysExitLocal (the reader marks it NaN there) keep their emission time.
      const real = events.args[i * 4 + 2];
      if (Number.isNaN(real)) continue;
      const block = lastSysBlock.get(events.g[i]);
      if (block === undefined) {
        throw new DecodeError('trace', {}, 'a syscall block before a syscall exit', 'a stray exit');
      }
      if (real < block) timeOrderError();
      events.ticks[i] = real;
    }
  }
}

function stableSortByTicks(ticks: Float64Array, order: Int32Array): Int32Array {
  let sorted = true;
  for (let k = 1; k < order.length && sorted; k++) sorted = ticks[order[k]] >= ticks[order[k - 1]];
  if (sorted) return order;
  const positions = Array.from(order.keys());
  positions.sort((a, b) => ticks[order[a]] - ticks[order[b]] || a - b);
  return Int32Array.from(positions, (k) => order[k]);
}

function timeOrderError(): never {
  throw new DecodeError('trace', {}, 'time stamps in order', 'time stamps out of order');
}

function heapPush(ev: number[], proc: number[], ticks: Float64Array, i: number, p: number): void {
  ev.push(i);
  proc.push(p);
  let j = ev.length - 1;
  while (j > 0) {
    const parent = (j - 1) >> 1;
    if (!(ticks[ev[j]] < ticks[ev[parent]])) break;
    swap(ev, proc, j, parent);
    j = parent;
  }
}

function heapPop(ev: number[], proc: number[], ticks: Float64Array): number {
  const top = ev[0];
  const n = ev.length - 1;
  swap(ev, proc, 0, n);
  ev.pop();
  proc.pop();
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    let j = left;
    if (left + 1 < n && ticks[ev[left + 1]] < ticks[ev[left]]) j = left + 1;
    if (!(ticks[ev[j]] < ticks[ev[i]])) break;
    swap(ev, proc, i, j);
    i = j;
  }
  return top;
}

function swap(ev: number[], proc: number[], a: number, b: number): void {
  const e = ev[a];
  ev[a] = ev[b];
  ev[b] = e;
  const p = proc[a];
  proc[a] = proc[b];
  proc[b] = p;
}
