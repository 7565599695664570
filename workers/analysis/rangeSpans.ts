import { EventKind, RangeName, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { memoizeByModel } from './modelMemo';
import { lastAtOrBefore } from './sortedSearch';

/**
 * Every range of the trace but the sweeps (stop-the-world, GC mark phase, mark assists) paired
 * into a span, in the order the spans began. Columns, one row per span; their times are their
 * events' (`spanStart`, `spanEnd`), not copies: a big trace has millions of spans. Sweeps are
 * most of the ranges of a busy trace and only gcCycles needs them, as sums it takes in its own
 * pass over the events: storing them here would cost more than that pass.
 */
export interface RangeSpans {
  count: number;
  /** String id of the range name. */
  name: Int32Array;
  scopeKind: Uint8Array;
  scopeId: Int32Array;
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

/** When span s began: its RangeBegin's time, or for one already running, its generation's. */
export function spanStart(model: TraceModel, spans: RangeSpans, s: number): number {
  const begin = spans.beginEvent[s];
  return spans.flags[s] & SpanFlag.startedBefore
    ? generationStartBefore(model, begin)
    : eventTime(model, begin);
}

/** When span s ended: its RangeEnd's time, or the last event's for one still running. */
export function spanEnd(model: TraceModel, spans: RangeSpans, s: number): number {
  const end = spans.endEvent[s];
  return eventTime(model, end >= 0 ? end : model.count - 1);
}

/** The time of the Sync that began the generation of event i (the first event's if none). */
export function generationStartBefore(model: TraceModel, i: number): number {
  const g = lastAtOrBefore(model.generationStarts, i);
  return eventTime(model, g >= 0 ? model.generationStarts[g] : 0);
}

/** True for a span that both began and ended inside the trace. */
export function isWholeSpan(spans: RangeSpans, i: number): boolean {
  return spans.flags[i] === 0;
}

/**
 * Pairs RangeBegin/RangeActive with RangeEnd by (name, scope), as x/exp/trace scopes them: the
 * mark phase is global, STW and assists belong to a goroutine. Go re-announces
 * ranges still running at every generation start with RangeActive (internal/trace/order.go); an
 * Active for a span already open is that re-announcement and is skipped. An Active for an
 * unknown span starts it at the preceding Sync, like summary.go does.
 */
export function rangeSpans(model: TraceModel): RangeSpans {
  const { kind, arg, count } = model;
  const { name, scopeKind, scopeId } = model.ranges;
  // Kind codes as locals: read from the imported object in the loops, they slow V8 down.
  const { RangeBegin, RangeActive, RangeEnd } = EventKind;
  const sweepName = model.strings.indexOf(RangeName.gcSweep);
  // Each range event has its own row in `ranges`, so their number bounds the spans without a
  // counting pass over all events. The columns are cut to the spans found; their unused ends
  // are never written, so they hold no memory.
  const bound = name.length;
  const spanName = new Int32Array(bound);
  const spanScopeKind = new Uint8Array(bound);
  const spanScopeId = new Int32Array(bound);
  const beginEvent = new Int32Array(bound);
  const endEvent = new Int32Array(bound);
  const flags = new Uint8Array(bound);
  // Open span per scope (name and scope kind) and scope id (dense), -1 when none is open. The
  // scopes are few and numbered through a typed array indexed by name * 4 + scope kind: a
  // sparse JS array or a Map there would cost more than the rest of the work per event.
  const scopeOf = new Int32Array(model.strings.length * 4).fill(-1);
  const scopeIds: DenseIds[] = [];
  const openSpans: Int32Array[] = [];
  let s = 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k !== RangeBegin && k !== RangeActive && k !== RangeEnd) continue;
    const row = arg[i];
    if (name[row] === sweepName) continue;
    const key = name[row] * 4 + scopeKind[row];
    let scope = scopeOf[key];
    if (scope < 0) {
      scope = scopeOf[key] = scopeIds.push(new DenseIds()) - 1;
      openSpans.push(new Int32Array(0));
    }
    const id = scopeIds[scope].index(scopeId[row]);
    let open = openSpans[scope];
    if (id >= open.length) open = openSpans[scope] = withRoom(open, id, -1);
    const span = open[id];
    if (k === RangeEnd) {
      if (span < 0) continue;
      open[id] = -1;
      endEvent[span] = i;
      continue;
    }
    if (span >= 0) continue;
    open[id] = s;
    spanName[s] = name[row];
    spanScopeKind[s] = scopeKind[row];
    spanScopeId[s] = scopeId[row];
    beginEvent[s] = i;
    endEvent[s] = -1;
    if (k === RangeActive) flags[s] = SpanFlag.startedBefore;
    s++;
  }
  for (const open of openSpans) {
    for (const span of open) if (span >= 0) flags[span] |= SpanFlag.unfinished;
  }
  return {
    count: s,
    name: spanName.subarray(0, s),
    scopeKind: spanScopeKind.subarray(0, s),
    scopeId: spanScopeId.subarray(0, s),
    beginEvent: beginEvent.subarray(0, s),
    endEvent: endEvent.subarray(0, s),
    flags: flags.subarray(0, s),
  };
}

/** The reason of a "stop-the-world (<reason>)" range name, or null for other names. */
export function stwReason(rangeName: string): string | null {
  const prefix = RangeName.stwPrefix;
  if (!rangeName.startsWith(prefix) || !rangeName.endsWith(')')) return null;
  return rangeName.slice(prefix.length, -1);
}

/** rangeSpans computed once per model; several analyses need them. Do not modify the result. */
export const modelRangeSpans = memoizeByModel(rangeSpans);
