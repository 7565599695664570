import { BatchError, readBatch, type Batch } from './batches';
import {
  emptyTables,
  readCPUSamples,
  readStacks,
  readStrings,
  readSync,
  type GenerationTables,
} from './generationTables';
import { Ev } from './wireEvents';
import { TraceFormatError, type WireReader } from './wireReader';

/**
 * One generation of a Go 1.22+ trace (Go's src/internal/trace/generation.go): a self-contained
 * slice of about a second, with its own string, stack, CPU-sample and clock tables and the
 * event batches of every thread, grouped by M in file order.
 */
export interface Generation extends GenerationTables {
  gen: number;
  /** Byte range of the generation in the input. */
  startOffset: number;
  endOffset: number;
  /** Event batches by thread, and the threads in the order their first batch appeared. */
  batchesByM: Map<number, Batch[]>;
  threads: number[];
  /** Smallest batch timestamp of the generation, in ticks. */
  minTicks: number;
  /**
   * Set when the generation is complete but the next one is damaged: reported after this
   * generation's events, like Go's reader does.
   */
  nextError?: TraceFormatError;
}

/**
 * Reads the next generation starting at reader.pos, or returns undefined at the end of the
 * input. Go 1.26 traces end each generation with an EndOfGeneration byte; older ones end it
 * when a batch of the next generation appears, which is left unread for the next call.
 * Throws TraceFormatError when the generation itself is damaged or cut off.
 */
export function readGeneration(reader: WireReader, formatVersion: number): Generation | undefined {
  const startOffset = reader.pos;
  const g: Generation = {
    gen: 0,
    startOffset,
    endOffset: startOffset,
    batchesByM: new Map(),
    threads: [],
    minTicks: 0,
    ...emptyTables(),
  };
  let sawBatch = false;
  for (;;) {
    if (reader.remaining() === 0) {
      if (!sawBatch) return undefined;
      if (formatVersion >= 26) {
        throw new TraceFormatError(
          reader.pos,
          'incomplete generation found; trace likely truncated',
        );
      }
      break;
    }
    const batchOffset = reader.pos;
    let b: Batch;
    try {
      b = readBatch(reader, formatVersion);
    } catch (err) {
      // Before 1.26 a damaged batch of the next generation still closes this one.
      if (formatVersion < 26 && err instanceof BatchError && sawBatch && err.gen === g.gen + 1) {
        g.nextError = err;
        reader.pos = batchOffset;
        break;
      }
      throw err;
    }
    if (b.endOfGeneration) {
      if (!sawBatch) throw new TraceFormatError(b.offset, 'empty generation');
      break;
    }
    if (b.gen === 0) throw new TraceFormatError(b.offset, `invalid generation number ${b.gen}`);
    if (!sawBatch) g.gen = b.gen;
    if (b.gen !== g.gen) {
      if (formatVersion < 26 && b.gen === g.gen + 1) {
        reader.pos = batchOffset;
        break;
      }
      throw new TraceFormatError(
        b.offset,
        formatVersion >= 26
          ? 'broken trace: missing end-of-generation event, or generations are interleaved'
          : 'generations out of order',
      );
    }
    sawBatch = true;
    if (g.minTicks === 0 || b.time < g.minTicks) g.minTicks = b.time;
    processBatch(g, b, reader, formatVersion);
  }
  g.endOffset = reader.pos;
  if (g.nsPerTick === 0) throw new TraceFormatError(startOffset, 'no frequency event found');
  if (formatVersion >= 25 && !g.clock) {
    throw new TraceFormatError(startOffset, 'no clock snapshot event found');
  }
  return g;
}

function processBatch(g: Generation, b: Batch, reader: WireReader, formatVersion: number): void {
  const first = b.end > b.start ? reader.bytes[b.start] : -1;
  if (b.experiment !== 0) return; // Experimental data (e.g. AllocFree) is optional: skipped.
  if (first === Ev.Strings) readStrings(g, b, reader);
  else if (first === Ev.Stacks) readStacks(g, b, reader);
  else if (first === Ev.CPUSamples) readCPUSamples(g, b, reader);
  else if (
    (first === Ev.Frequency && formatVersion < 25) ||
    (first === Ev.Sync && formatVersion >= 25)
  ) {
    readSync(g, b, reader, formatVersion);
  } else {
    let list = g.batchesByM.get(b.m);
    if (!list) {
      list = [];
      g.batchesByM.set(b.m, list);
      g.threads.push(b.m);
    }
    list.push(b);
  }
}
