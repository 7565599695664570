import { DecodeError } from '../../decodeError';
import type { ProgressReporter } from '../../progress';
import { OldEv, hasStackArg, isBlockEvent, isKnownEvent, wireArgCount } from './oldEventTypes';

// A module-local alias: hot loops read plain object properties, not import bindings.
const Ev = OldEv;

/**
 * Every event of a Go 1.11–1.21 trace, decoded in file order into columns, plus the tables the
 * format keeps beside them. Mirrors what Go's tracev1 parser extracts
 * (src/internal/trace/internal/tracev1/parser.go: readRawEvent, parseEvent), in one pass over
 * the bytes instead of Go's two.
 */
export interface OldEvents {
  count: number;
  type: Uint8Array;
  /** P the event was written on; -1 for the global buffer. */
  p: Int32Array;
  /** Goroutine the event is about (Go's Event.G): the one running on the P, or the named one. */
  g: Float64Array;
  /** Ticks relative to the first batch header, so they stay exact as doubles. */
  ticks: Float64Array;
  /** Up to four arguments per event (stride 4), the timestamp and stack removed. */
  args: Float64Array;
  stack: Uint32Array;
  /**
   * Per P (in order of first appearance): [start, end) event-index pairs of its batches, in
   * file order; a batch holding CPU samples is split around them.
   */
  batches: Map<number, number[]>;
  /** Event indexes of CPU samples (1.19+), which sit outside the per-P batches. */
  cpuSamples: number[];
  ticksPerSecond: number;
  timerGoroutines: Set<number>;
  strings: Map<number, string>;
  /** Values of UserLog events: inline strings, referenced by the event's 4th argument. */
  inlineStrings: string[];
  /** Stack id -> program counters, leaf first. */
  stackPcs: Map<number, number[]>;
  /** Program counter -> [function string id, file string id, line] of its first sighting. */
  frames: Map<number, [number, number, number]>;
}

/** UserLog value strings and stack tables are bounded like Go's reader bounds them. */
const maxStringLength = 1e6;
const maxStackFrames = 1000;
const maxLengthPrefixedArgs = 2048;
const headerLength = 16;

/**
 * Decodes the events after the 16-byte header. `version` is the minor number from the header
 * (11, 19 or 21). Throws DecodeError on malformed or truncated input: the format keeps its
 * frequency and stack tables at the very end, so a cut-off file cannot be converted at all.
 */
export function readOldEvents(
  bytes: Uint8Array,
  version: number,
  progress: ProgressReporter,
): OldEvents {
  return new OldEventReader(bytes, version, progress).read();
}

class OldEventReader {
  private off = headerLength;
  private count = 0;
  private capacity: number;
  private type: Uint8Array;
  private p: Int32Array;
  private g: Float64Array;
  private ticks: Float64Array;
  private args: Float64Array;
  private stack: Uint32Array;
  private readonly wire = new Float64Array(2 + 4 * maxStackFrames);
  private readonly text = new TextDecoder();

  private baseTicks: bigint | undefined;
  private lastP = 0;
  private lastG = 0;
  private lastTicks = 0;
  private readonly lastGs = new Map<number, number>();
  private readonly batches = new Map<number, number[]>();
  private currentBatch: number[] | undefined;
  private readonly cpuSamples: number[] = [];
  private ticksPerSecond = 0;
  private readonly timerGoroutines = new Set<number>();
  private readonly strings = new Map<number, string>();
  private readonly inlineStrings: string[] = [];
  private readonly inlineStringIds = new Map<string, number>();
  private readonly stackPcs = new Map<number, number[]>();
  private readonly frames = new Map<number, [number, number, number]>();

  constructor(
    private readonly data: Uint8Array,
    private readonly version: number,
    private readonly progress: ProgressReporter,
  ) {
    // Events take three to four bytes on average; start near that and double when needed.
    this.capacity = Math.max(1024, Math.ceil(data.length / 4));
    this.type = new Uint8Array(this.capacity);
    this.p = new Int32Array(this.capacity);
    this.g = new Float64Array(this.capacity);
    this.ticks = new Float64Array(this.capacity);
    this.args = new Float64Array(this.capacity * 4);
    this.stack = new Uint32Array(this.capacity);
  }

  read(): OldEvents {
    const { data } = this;
    let nextReport = 0;
    while (this.off < data.length) {
      if (this.off >= nextReport) {
        this.progress('reading old-format trace events', this.off / data.length);
        nextReport = this.off + (1 << 20);
      }
      this.readEvent();
    }
    this.closeBatch();
    if (this.ticksPerSecond === 0) {
      this.fail('a frequency event (the old format writes it when tracing stops)', 'none');
    }
    const n = this.count;
    return {
      count: n,
      type: this.type.slice(0, n),
      p: this.p.slice(0, n),
      g: this.g.slice(0, n),
      ticks: this.ticks.slice(0, n),
      args: this.args.slice(0, n * 4),
      stack: this.stack.slice(0, n),
      batches: this.batches,
      cpuSamples: this.cpuSamples,
      ticksPerSecond: this.ticksPerSecond,
      timerGoroutines: this.timerGoroutines,
      strings: this.strings,
      inlineStrings: this.inlineStrings,
      stackPcs: this.stackPcs,
      frames: this.frames,
    };
  }

  private readEvent(): void {
    const start = this.off;
    const b = this.data[this.off++];
    const typ = b & 0x3f;
    if (!isKnownEvent(typ, this.version)) {
      this.fail(`an event type of the go 1.${this.version} format`, `type ${typ}`, start);
    }
    if (typ === Ev.String) {
      this.readString(start);
      return;
    }
    if (typ !== Ev.Batch && this.currentBatch === undefined) {
      this.fail('a batch header before the first event', `event type ${typ}`, start);
    }
    // The top two bits count the inline arguments after the timestamp; 3 means the arguments are
    // prefixed by their byte length instead.
    const inline = (b >> 6) + 1;
    const wire = this.wire;
    let n = 0;
    if (inline <= 3) {
      for (; n < inline; n++) wire[n] = this.readVarint();
    } else {
      const length = this.readVarint();
      if (length > maxLengthPrefixedArgs) {
        this.fail(`at most ${maxLengthPrefixedArgs} argument bytes`, `${length}`, start);
      }
      const end = this.off + length;
      if (end > this.data.length) this.truncated(start);
      while (this.off < end) {
        if (n === wire.length) this.fail('fewer event arguments', 'too many', start);
        wire[n++] = this.readVarint();
      }
      if (this.off !== end) this.fail('arguments ending at their length', 'an overrun', start);
    }
    if (typ === Ev.Stack) {
      this.readStack(n, start);
      return;
    }
    if (n !== wireArgCount(typ)) {
      this.fail(`${wireArgCount(typ)} arguments for event type ${typ}`, `${n}`, start);
    }
    switch (typ) {
      case Ev.Batch:
        this.startBatch(start);
        return;
      case Ev.Frequency:
        this.ticksPerSecond = wire[0];
        if (!(wire[0] > 0)) this.fail('a positive tick frequency', `${wire[0]}`, start);
        return;
      case Ev.TimerGoroutine:
        this.timerGoroutines.add(wire[0]);
        return;
      case Ev.CPUSample:
        this.addCpuSample(start);
        return;
    }
    this.addEvent(typ, n, start);
  }

  private startBatch(start: number): void {
    this.closeBatch();
    this.lastGs.set(this.lastP, this.lastG);
    const pid = this.wire[0];
    if (pid >= 2 ** 63) this.lastP = -1;
    else if (pid > 0x7fffffff) this.fail('a processor id', `${pid}`, start);
    else this.lastP = pid;
    this.lastG = this.lastGs.get(this.lastP) ?? 0;
    const ticks = this.absoluteTicks(start, 1);
    this.lastTicks = ticks;
    let list = this.batches.get(this.lastP);
    if (!list) {
      list = [];
      this.batches.set(this.lastP, list);
    }
    list.push(this.count, this.count);
    this.currentBatch = list;
  }

  private closeBatch(): void {
    const list = this.currentBatch;
    if (list) list[list.length - 1] = this.count;
  }

  private addCpuSample(start: number): void {
    const i = this.grow();
    const wire = this.wire;
    this.type[i] = Ev.CPUSample;
    // [ts delta (unused), real ts, p, g, stack]: the sample carries its own absolute time.
    this.ticks[i] = this.absoluteTicks(start, 1);
    this.p[i] = wire[2] >= 2 ** 63 ? -1 : wire[2] | 0;
    this.g[i] = wire[3];
    this.stack[i] = wire[4];
    this.cpuSamples.push(i);
    // Samples are merged on their own, so the batch's index run skips this one.
    const list = this.currentBatch!;
    list[list.length - 1] = i;
    list.push(i + 1, i + 1);
  }

  private addEvent(typ: number, n: number, start: number): void {
    const i = this.grow();
    const wire = this.wire;
    this.type[i] = typ;
    this.p[i] = this.lastP;
    this.lastTicks += wire[0];
    this.ticks[i] = this.lastTicks;
    const argEnd = hasStackArg(typ) ? n - 1 : n;
    const a = i * 4;
    for (let k = 1; k < argEnd; k++) this.args[a + k - 1] = wire[k];
    this.stack[i] = argEnd < n ? wire[n - 1] : 0;
    if (typ === Ev.GoSysExit || typ === Ev.GoSysExitLocal) {
      // The real exit time is absolute; 0 means the runtime did not record one.
      const k = typ === Ev.GoSysExit ? 3 : 2;
      this.args[a + k - 1] = wire[k] === 0 ? NaN : this.absoluteTicks(start, k);
      // Go looks for the real time in the third argument only; mark it absent for Local exits.
      if (typ === Ev.GoSysExitLocal) this.args[a + 2] = NaN;
    }
    let g = this.lastG;
    if (typ === Ev.GoStart || typ === Ev.GoStartLocal || typ === Ev.GoStartLabel) {
      g = this.lastG = wire[1];
    } else if (
      isBlockEvent(typ) ||
      typ === Ev.GoEnd ||
      typ === Ev.GoStop ||
      typ === Ev.GoSched ||
      typ === Ev.GoPreempt
    ) {
      this.lastG = 0;
    } else if (typ === Ev.GoSysExit || typ === Ev.GoWaiting || typ === Ev.GoInSyscall) {
      g = wire[1];
    } else if (typ === Ev.UserLog) {
      this.args[a + 3] = this.inlineStringId(this.readInlineString(start));
    }
    this.g[i] = g;
  }

  private readStack(n: number, start: number): void {
    const wire = this.wire;
    if (n < 2) this.fail('a stack id and a frame count', `${n} arguments`, start);
    const size = wire[1];
    if (size > maxStackFrames) this.fail(`at most ${maxStackFrames} frames`, `${size}`, start);
    if (n !== 2 + 4 * size) this.fail(`${2 + 4 * size} stack arguments`, `${n}`, start);
    const id = wire[0];
    if (id === 0 || size === 0) return;
    const pcs: number[] = new Array(size);
    for (let f = 0; f < size; f++) {
      const pc = wire[2 + 4 * f];
      pcs[f] = pc;
      if (!this.frames.has(pc)) {
        this.frames.set(pc, [wire[3 + 4 * f], wire[4 + 4 * f], wire[5 + 4 * f]]);
      }
    }
    this.stackPcs.set(id, pcs);
  }

  private readString(start: number): void {
    const id = this.readVarint();
    if (id === 0) this.fail('a string id other than 0', '0', start);
    if (this.strings.has(id)) this.fail('a new string id', `duplicate id ${id}`, start);
    const length = this.readVarint();
    if (length === 0 || length > maxStringLength) {
      this.fail(`a string length in 1..${maxStringLength}`, `${length}`, start);
    }
    this.strings.set(id, this.readBytes(length, start));
  }

  private readInlineString(start: number): string {
    const length = this.readVarint();
    if (length > maxStringLength)
      this.fail(`a string of at most ${maxStringLength} bytes`, `${length}`, start);
    return length === 0 ? '' : this.readBytes(length, start);
  }

  private readBytes(length: number, start: number): string {
    const end = this.off + length;
    if (end > this.data.length) this.truncated(start);
    const s = this.text.decode(this.data.subarray(this.off, end));
    this.off = end;
    return s;
  }

  private inlineStringId(s: string): number {
    let id = this.inlineStringIds.get(s);
    if (id === undefined) {
      id = this.inlineStrings.length;
      this.inlineStringIds.set(s, id);
      this.inlineStrings.push(s);
    }
    return id;
  }

  /**
   * Re-reads wire argument k of the event starting at `start` exactly (64-bit) and returns it
   * relative to the first batch header. Absolute tick counts can pass 2^53 on long-running
   * machines, so only their differences are kept as doubles.
   */
  private absoluteTicks(start: number, k: number): number {
    let off = start + 1;
    if (this.data[start] >> 6 === 3) off = this.skipVarint(off);
    for (let j = 0; j < k; j++) off = this.skipVarint(off);
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.data[off++];
      v |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7n;
    }
    if (this.baseTicks === undefined) this.baseTicks = v;
    return Number(v - this.baseTicks);
  }

  private skipVarint(off: number): number {
    while (this.data[off] >= 0x80) off++;
    return off + 1;
  }

  /** An unsigned LEB128 varint as a double (exact below 2^53). */
  private readVarint(): number {
    const data = this.data;
    const start = this.off;
    let v = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (this.off >= data.length) this.truncated(start);
      const byte = data[this.off++];
      v += (byte & 0x7f) * scale;
      if (byte < 0x80) return v;
      scale *= 128;
    }
    return this.fail('a varint of at most 10 bytes', 'a longer one', start);
  }

  private grow(): number {
    if (this.count === this.capacity) {
      const capacity = this.capacity * 2;
      this.type = resized(this.type, new Uint8Array(capacity));
      this.p = resized(this.p, new Int32Array(capacity));
      this.g = resized(this.g, new Float64Array(capacity));
      this.ticks = resized(this.ticks, new Float64Array(capacity));
      this.args = resized(this.args, new Float64Array(capacity * 4));
      this.stack = resized(this.stack, new Uint32Array(capacity));
      this.capacity = capacity;
    }
    // Each row is written once and new arrays start zeroed, so unused arguments read 0.
    return this.count++;
  }

  private truncated(start: number): never {
    return this.fail('a complete event', 'the end of the input (the trace is truncated)', start);
  }

  private fail(expected: string, found: string, offset = this.off): never {
    throw new DecodeError('trace', { offset }, expected, found);
  }
}

function resized<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(
  old: T,
  next: T,
): T {
  next.set(old);
  return next;
}
