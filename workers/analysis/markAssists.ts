import type { FlameTree } from '../flame/flameTree';
import { RangeName, type TraceModel } from '../trace/model';
import { modelRangeSpans, spanEnd, spanStart } from './rangeSpans';
import { StackProfileBuilder, stackProfileFlame, type StackProfile } from './stackProfile';
import { overlapNs, type TimeWindow } from './timeWindow';

/**
 * Mark-assist time per stack of the allocation that started the assist (GCMarkAssistBegin),
 * showing which code paid the GC tax. Assists already running at a generation start have no
 * stack and sit at the root.
 */
export function assistProfile(model: TraceModel, window?: TimeWindow): StackProfile {
  const spans = modelRangeSpans(model);
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const profile = new StackProfileBuilder();
  for (let s = 0; s < spans.count; s++) {
    if (spans.name[s] !== assistName) continue;
    const d = overlapNs(spanStart(model, spans, s), spanEnd(model, spans, s), window);
    if (d > 0) profile.add(model.stack[spans.beginEvent[s]], d);
  }
  return profile.build();
}

export function assistFlame(model: TraceModel, window?: TimeWindow): FlameTree {
  return stackProfileFlame(model, assistProfile(model, window));
}

/** Mark-assist time and count per goroutine in the window, most taxed first. */
export function markAssistsByGoroutine(
  model: TraceModel,
  window?: TimeWindow,
): { g: Int32Array; count: Int32Array; totalNs: Float64Array } {
  const spans = modelRangeSpans(model);
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const byG = new Map<number, [number, number]>();
  for (let s = 0; s < spans.count; s++) {
    if (spans.name[s] !== assistName) continue;
    const d = overlapNs(spanStart(model, spans, s), spanEnd(model, spans, s), window);
    if (d <= 0) continue;
    const entry = byG.get(spans.scopeId[s]) ?? [0, 0];
    entry[0]++;
    entry[1] += d;
    byG.set(spans.scopeId[s], entry);
  }
  const rows = [...byG].sort((a, b) => b[1][1] - a[1][1] || a[0] - b[0]);
  return {
    g: Int32Array.from(rows, (r) => r[0]),
    count: Int32Array.from(rows, (r) => r[1][0]),
    totalNs: Float64Array.from(rows, (r) => r[1][1]),
  };
}
