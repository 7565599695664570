import { Ev, maxBatchSize } from './wireEvents';
import { TraceFormatError, WireReader } from './wireReader';

/**
 * One batch of a Go 1.22+ trace (Go's src/internal/trace/batch.go): a header
 * `EventBatch gen m time size` (or `ExperimentalBatch exp gen m time size`), then `size` bytes.
 * The data stays in the input; a batch only records where it is.
 */
export interface Batch {
  /** Offset of the batch's first header byte. */
  offset: number;
  gen: number;
  /** Thread id; 2^64-1 (NoThread) for the global tables. */
  m: number;
  /** Absolute timestamp in ticks. */
  time: number;
  /** The data is bytes[start, end). */
  start: number;
  end: number;
  /** Experiment id of an experimental batch, 0 for regular batches. */
  experiment: number;
  /** Go 1.26: the lone EndOfGeneration byte, which carries no generation number. */
  endOfGeneration: boolean;
}

/**
 * Reads the batch at reader.pos and moves past it. Throws TraceFormatError on a malformed or
 * truncated batch; `partialGen` then tells which generation the damaged batch belonged to, when
 * its header could be read.
 */
export function readBatch(reader: WireReader, formatVersion: number): Batch {
  const offset = reader.pos;
  const type = reader.byte();
  if (type === Ev.EndOfGeneration && formatVersion >= 26) {
    return {
      offset,
      gen: 0,
      m: 0,
      time: 0,
      start: reader.pos,
      end: reader.pos,
      experiment: 0,
      endOfGeneration: true,
    };
  }
  if (type !== Ev.EventBatch && !(type === Ev.ExperimentalBatch && formatVersion >= 23)) {
    throw new TraceFormatError(offset, `expected batch event, got event ${type}`);
  }
  const experiment = type === Ev.ExperimentalBatch ? reader.byte() : 0;
  const gen = reader.uvarint();
  const m = reader.uvarint();
  const time = reader.uvarint();
  const size = reader.uvarint();
  if (size > maxBatchSize) {
    throw new BatchError(offset, gen, `invalid batch size ${size}, maximum is ${maxBatchSize}`);
  }
  const start = reader.pos;
  if (start + size > reader.end) {
    throw new BatchError(
      offset,
      gen,
      `failed to read full batch: read ${reader.end - start} but wanted ${size}`,
    );
  }
  reader.pos = start + size;
  return { offset, gen, m, time, start, end: start + size, experiment, endOfGeneration: false };
}

/** A batch whose header was readable but whose body is damaged or cut off. */
export class BatchError extends TraceFormatError {
  constructor(
    offset: number,
    readonly gen: number,
    message: string,
  ) {
    super(offset, message);
  }
}
