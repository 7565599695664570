import type { Batch } from './batches';
import { Ev, maxFramesPerStack, maxStringSize } from './wireEvents';
import { TraceFormatError, type WireReader } from './wireReader';

/**
 * The per-generation tables of a Go 1.22+ trace (Go's generation.go: addStrings, addStacks,
 * addCPUSamples, setSyncBatch). Ids are local to the generation; the model builder maps them to
 * global ids once the whole generation is read (stacks may name strings from a later batch).
 */
export interface GenerationTables {
  strings: Map<number, string>;
  /** Stack id -> PCs, leaf first. */
  stacks: Map<number, number[]>;
  /** PC -> [func string id, file string id, line]; the first frame seen for a PC wins. */
  frames: Map<number, [number, number, number]>;
  /** CPU samples as parallel arrays: absolute ticks, M, P, G (0 = none), stack id. */
  sampleTicks: number[];
  sampleM: number[];
  sampleP: number[];
  sampleG: number[];
  sampleStack: number[];
  /** Nanoseconds per tick (Go's `frequency`), 0 until the frequency event is read. */
  nsPerTick: number;
  /** Go 1.25+ clock snapshot: trace ticks, monotonic ns, wall clock seconds and nanoseconds. */
  clock?: { ticks: number; mono: number; sec: number; nsec: number };
}

export function emptyTables(): GenerationTables {
  return {
    strings: new Map(),
    stacks: new Map(),
    frames: new Map(),
    sampleTicks: [],
    sampleM: [],
    sampleP: [],
    sampleG: [],
    sampleStack: [],
    nsPerTick: 0,
  };
}

const utf8 = new TextDecoder();

export function readStrings(t: GenerationTables, b: Batch, reader: WireReader): void {
  forEachEntry(b, reader, Ev.Strings, Ev.String, () => {
    const id = reader.uvarint();
    const len = reader.uvarint();
    if (len > maxStringSize) {
      throw new TraceFormatError(
        reader.pos,
        `invalid string size ${len}, maximum is ${maxStringSize}`,
      );
    }
    if (reader.pos + len > reader.end) {
      throw new TraceFormatError(reader.pos, `failed to read full string: wanted ${len} bytes`);
    }
    if (t.strings.has(id)) {
      throw new TraceFormatError(reader.pos, `multiple strings with the same ID: id=${id}`);
    }
    t.strings.set(id, utf8.decode(reader.bytes.subarray(reader.pos, reader.pos + len)));
    reader.pos += len;
  });
}

export function readStacks(t: GenerationTables, b: Batch, reader: WireReader): void {
  forEachEntry(b, reader, Ev.Stacks, Ev.Stack, () => {
    const id = reader.uvarint();
    const nFrames = reader.uvarint();
    if (nFrames > maxFramesPerStack) {
      throw new TraceFormatError(
        reader.pos,
        `invalid stack size ${nFrames}, maximum is ${maxFramesPerStack}`,
      );
    }
    const pcs: number[] = [];
    for (let i = 0; i < nFrames; i++) {
      const pc = reader.uvarint();
      const funcId = reader.uvarint();
      const fileId = reader.uvarint();
      const line = reader.uvarint();
      pcs.push(pc);
      if (!t.frames.has(pc)) t.frames.set(pc, [funcId, fileId, line]);
    }
    if (t.stacks.has(id)) {
      throw new TraceFormatError(reader.pos, `multiple stacks with the same ID: id=${id}`);
    }
    t.stacks.set(id, pcs);
  });
}

export function readCPUSamples(t: GenerationTables, b: Batch, reader: WireReader): void {
  forEachEntry(b, reader, Ev.CPUSamples, Ev.CPUSample, () => {
    t.sampleTicks.push(reader.uvarint());
    t.sampleM.push(reader.uvarint());
    t.sampleP.push(reader.uvarint());
    t.sampleG.push(reader.uvarint());
    t.sampleStack.push(reader.uvarint());
  });
}

/** Up to 1.24 the sync batch is a lone Frequency event; from 1.25 a Sync header opens it. */
export function readSync(
  t: GenerationTables,
  b: Batch,
  reader: WireReader,
  formatVersion: number,
): void {
  reader.pos = b.start;
  reader.end = b.end;
  if (formatVersion >= 25) reader.byte();
  let lastTicks = b.time;
  while (reader.remaining() > 0) {
    const at = reader.pos;
    const type = reader.byte();
    if (type === Ev.Frequency) {
      if (t.nsPerTick !== 0) throw new TraceFormatError(at, 'found multiple frequency events');
      const freq = reader.uvarint();
      // Go's frequency type: nanoseconds per tick, as 1/(f/1e9).
      t.nsPerTick = 1 / (freq / 1e9);
      if (!Number.isFinite(t.nsPerTick)) {
        throw new TraceFormatError(at, `invalid frequency ${freq}`);
      }
    } else if (type === Ev.ClockSnapshot && formatVersion >= 25) {
      if (t.clock) throw new TraceFormatError(at, 'found multiple clock snapshot events');
      lastTicks += reader.uvarint();
      const mono = reader.uvarint();
      const sec = reader.uvarint();
      const nsec = reader.uvarint();
      t.clock = { ticks: lastTicks, mono, sec, nsec };
    } else {
      throw new TraceFormatError(at, `expected frequency or clock snapshot event, got ${type}`);
    }
  }
  reader.end = reader.bytes.length;
}

/** Walks a table batch: a header byte, then entries that each start with `entryType`. */
function forEachEntry(
  b: Batch,
  reader: WireReader,
  headerType: number,
  entryType: number,
  readEntry: () => void,
): void {
  reader.pos = b.start;
  reader.end = b.end;
  if (reader.byte() !== headerType) {
    throw new TraceFormatError(b.start, `missing table batch header ${headerType}`);
  }
  while (reader.remaining() > 0) {
    const at = reader.pos;
    const type = reader.byte();
    if (type !== entryType) {
      throw new TraceFormatError(at, `expected event ${entryType}, got ${type}`);
    }
    readEntry();
  }
  reader.pos = b.end;
  reader.end = reader.bytes.length;
}
