import type { DecodeContext } from '../../formatModule';
import { throttledProgress } from '../../progress';
import { emptyTables } from '../generationTables';
import type { TraceModel } from '../model';
import { ModelBuilder } from '../modelBuilder';
import { checkOldEvents } from './checkOldEvents';
import { emitOldEvents } from './emitOldEvents';
import { orderOldEvents } from './orderOldEvents';
import { readOldEvents } from './readOldEvents';

/**
 * Converts a Go 1.11–1.21 execution trace (header "go 1.11 trace", "go 1.19 trace" or
 * "go 1.21 trace") into the same model the Go 1.22+ parser produces, as Go's own reader does
 * (src/internal/trace/internal/tracev1 parses and orders, src/internal/trace/tracev1.go
 * converts). The old format has no generations and keeps its frequency and stack tables at the
 * end, so the whole file is decoded at once and a truncated file is an error, not a partial
 * model.
 *
 * `bytes` is the whole file, header included; `version` is "1.11", "1.19" or "1.21".
 */
export function convertOldTrace(
  bytes: Uint8Array,
  version: string,
  context: DecodeContext,
): TraceModel {
  const minor = Number(version.split('.')[1]);
  const progress = throttledProgress(context.progress);
  const events = readOldEvents(bytes, minor, progress);
  progress('ordering old-format trace events', 0);
  const { order, time } = orderOldEvents(events);
  checkOldEvents(events, order, time);
  const builder = new ModelBuilder(order.length * 1.1 + 2);
  const ids = builder.internGeneration({
    ...emptyTables(),
    strings: events.strings,
    stacks: events.stackPcs,
    frames: events.frames,
    gen: 1,
    startOffset: 0,
    endOffset: bytes.length,
    batchesByM: new Map(),
    threads: [],
    minTicks: 0,
  });
  emitOldEvents(events, order, time, minor, ids, builder);
  progress('ordering old-format trace events', 1);
  return builder.finish(version, [], bytes.length, bytes.length);
}
