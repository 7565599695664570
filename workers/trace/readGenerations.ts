import { EventWriter } from './eventWriter';
import { readGeneration } from './generation';
import type { ModelBuilder } from './modelBuilder';
import { orderGeneration } from './orderGeneration';
import { Ordering } from './ordering';
import { traceHeaderSize } from './header';
import type { ProgressReporter } from '../progress';
import { TraceFormatError, WireReader } from './wireReader';

export interface GenerationsResult {
  /** The first fault, if any; every generation before it is in the builder. */
  error?: TraceFormatError;
  /** End offset of the last complete generation. */
  bytesRead: number;
}

/**
 * Reads the generations of a Go 1.22+ trace one after another, ordering each into the builder.
 * Like Go's reader, a Sync event opens every generation and one more closes the trace. A damaged
 * generation is rolled back whole and reading stops there.
 */
export function readGenerations(
  bytes: Uint8Array,
  formatVersion: number,
  builder: ModelBuilder,
  progress: ProgressReporter,
): GenerationsResult {
  const reader = new WireReader(bytes, traceHeaderSize, bytes.length);
  const writer = new EventWriter(builder);
  const ordering = new Ordering(writer);
  let syncs = 0;
  let bytesRead = traceHeaderSize;
  let baseTicks = -1;
  let error: TraceFormatError | undefined;
  for (;;) {
    let started = false;
    try {
      const gen = readGeneration(reader, formatVersion);
      if (!gen) break;
      if (baseTicks < 0) baseTicks = gen.minTicks;
      const ns = gen.nsPerTick;
      // Subtract ticks before converting, so times stay exact on long-running machines.
      const toNs = (ticks: number) => Math.trunc((ticks - baseTicks) * ns);
      const ids = builder.internGeneration(gen);
      writer.setGeneration(ids);
      builder.beginGeneration();
      started = true;
      const clock = gen.clock && {
        time: toNs(gen.clock.ticks),
        wallMs: gen.clock.sec * 1000 + gen.clock.nsec / 1e6,
        monoNs: gen.clock.mono,
      };
      writer.sync(toNs(gen.minTicks), ++syncs, clock);
      orderGeneration(gen, bytes, ordering, writer, toNs);
      bytesRead = gen.endOffset;
      progress('parse', bytesRead / bytes.length);
      if (gen.nextError) {
        error = gen.nextError;
        break;
      }
    } catch (err) {
      if (!(err instanceof TraceFormatError)) throw err;
      if (started) {
        builder.rollback();
        syncs--;
      }
      error = err.offset === 0 ? new TraceFormatError(bytesRead, err.message) : err;
      break;
    }
  }
  // Go's reader ends with a Sync after the last generation; with none read, there is none.
  if (syncs > 0) writer.sync(builder.lastEventTime, syncs + 1);
  return { error, bytesRead };
}
