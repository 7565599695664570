import { EventKind, RangeName, type TraceModel } from '../trace/model';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { memoizeByModel } from './modelMemo';

/**
 * Every range of the trace (stop-the-world, GC mark phase, sweeps, mark assists) paired into a
 * span, in the order the spans began. Columns, one row per span.
 */
export interface RangeSpans {
  count: number;
  /** String id of the range name. */
  name: Int32Array;
  scopeKind: Uint8Array;
  scopeId: Int32Array;
  start: Float64Array;
  /** End time; for a span still open when the trace ends, the time of the last event. */
  end: Float64Array;
  /** Event that opened the span (RangeBegin, or RangeActive for one already running). */
  beginEvent: Int32Array;
  /** The RangeEnd event, -1 when the trace ended first. */
  endEvent: Int32Array;
  /** SpanFlag bits. */
  flags: Uint8Array;
}

export const SpanFlag = {
  /** Opened by RangeActive: it was already running when its generation began. */
  startedBefore: 1,
  /** No RangeEnd: it was still running when the trace ended. */
  unfinished: 2,
} as const;

/** True for a span that both began and ended inside the trace. */
export function isWholeSpan(spans: RangeSpans, i: number): boolean {
  return spans.flags[i] === 0;
}

/**
 * Pairs RangeBegin/RangeActive with RangeEnd by (name, scope), as x/exp/trace scopes them: the
 * mark phase is global, sweeps belong to a P, STW and assists to a goroutine. Go re-announces
 * ranges still running at every generation start with RangeActive (internal/trace/order.go); an
 * Active for a span already open is that re-announcement and is skipped. An Active for an
 * unknown span starts it at the preceding Sync, like summary.go does.
 */
export function rangeSpans(model: TraceModel): RangeSpans {
  const { kind, time, arg, count } = model;
  const { name, scopeKind, scopeId } = model.ranges;
  // Kind codes as locals: read from the imported object in the loops, they slow V8 down.
  const { Sync, RangeBegin, RangeActive, RangeEnd } = EventKind;
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (kind[i] === RangeBegin || kind[i] === RangeActive) n++;
  }
  const spans: RangeSpans = {
    count: 0,
    name: new Int32Array(n),
    scopeKind: new Uint8Array(n),
    scopeId: new Int32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    beginEvent: new Int32Array(n),
    endEvent: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
  };
  // Open span per (name, scope kind) and scope id (dense), -1 when none is open. Indexed by
  // name * 4 + scope kind: range names are few, and an array lookup beats hashing per event.
  const scopes: ({ ids: DenseIds; open: Int32Array } | undefined)[] = [];
  let syncTime = count > 0 ? time[0] : 0;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === Sync) {
      syncTime = time[i];
      continue;
    }
    if (k !== RangeBegin && k !== RangeActive && k !== RangeEnd) {
      continue;
    }
    const row = arg[i];
    const kindKey = name[row] * 4 + scopeKind[row];
    let scope = scopes[kindKey];
    if (!scope) scope = scopes[kindKey] = { ids: new DenseIds(), open: new Int32Array(0) };
    const id = scope.ids.index(scopeId[row]);
    if (id >= scope.open.length) scope.open = withRoom(scope.open, id, -1);
    if (k === RangeEnd) {
      const span = scope.open[id];
      if (span < 0) continue;
      scope.open[id] = -1;
      spans.end[span] = time[i];
      spans.endEvent[span] = i;
      continue;
    }
    if (scope.open[id] >= 0) continue;
    scope.open[id] = s;
    spans.name[s] = name[row];
    spans.scopeKind[s] = scopeKind[row];
    spans.scopeId[s] = scopeId[row];
    spans.beginEvent[s] = i;
    if (k === RangeActive) {
      spans.start[s] = syncTime;
      spans.flags[s] = SpanFlag.startedBefore;
    } else {
      spans.start[s] = time[i];
    }
    s++;
  }
  const last = count > 0 ? time[count - 1] : 0;
  for (const { open } of scopes.filter((scope) => scope !== undefined)) {
    for (const span of open) {
      if (span < 0) continue;
      spans.end[span] = last;
      spans.flags[span] |= SpanFlag.unfinished;
    }
  }
  spans.count = s;
  return spans;
}

/** The reason of a "stop-the-world (<reason>)" range name, or null for other names. */
export function stwReason(rangeName: string): string | null {
  const prefix = RangeName.stwPrefix;
  if (!rangeName.startsWith(prefix) || !rangeName.endsWith(')')) return null;
  return rangeName.slice(prefix.length, -1);
}

/** rangeSpans computed once per model; several analyses need them. Do not modify the result. */
export const modelRangeSpans = memoizeByModel(rangeSpans);
