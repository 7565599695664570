import type { Generation } from './generation';
import type { TraceModel } from './model';
import { EventTimesBuilder } from './eventTimes';
import { ProcThreadPairs } from './procThreadPairs';
import { SideTable } from './sideTable';
import { resized, type TypedColumn } from './typedColumn';
import { TraceFormatError } from './wireReader';

/** A generation's local string and stack ids mapped to the model's global ids. */
export interface GenerationIds {
  /** Local string id -> global id (undefined: not in the generation's table). */
  stringIds: (number | undefined)[];
  stackIds: (number | undefined)[];
}

/**
 * Accumulates the model while generations are ordered: growable typed columns for the events,
 * plain arrays for the side tables (turned into typed arrays at the end), and interning of
 * strings, frames and stacks across generations. It can roll back to the start of the current
 * generation, so a damaged generation leaves no half-ordered events behind.
 */
export class ModelBuilder {
  count = 0;
  private readonly times: EventTimesBuilder;
  kind: Uint8Array;
  g: Int32Array;
  procThread: Uint8Array | Uint16Array | Int32Array;
  private readonly procThreads = new ProcThreadPairs();
  stack: Uint16Array | Int32Array;
  arg: Int32Array;
  transition: Uint8Array | Uint16Array;
  private lastTime = -Infinity;
  private readonly scratchTime = { time: 0.5 };

  readonly strings: string[] = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  private readonly frameByPc = new Map<number, number>();
  private readonly framePc: number[] = [];
  private readonly frameFunc: number[] = [];
  private readonly frameFile: number[] = [];
  private readonly frameLine: number[] = [];
  private readonly stackOffsets: number[] = [0, 0];
  private readonly stackFrames: number[] = [];
  private readonly stackIndex = new Map<string, number>([['', 0]]);

  /**
   * Rows of transition shapes by reason string id (0 = none), then by resource kind, from and
   * to: two array lookups for the most frequent events, where a Map would hash every time.
   */
  private readonly rowsByReason: (Uint16Array | undefined)[] = [];
  readonly transitions = { resourceKind: [0], from: [0], to: [0], reason: [0] };
  readonly createdStacks = new SideTable({ event: Int32Array, stack: Int32Array });
  readonly metrics: SideTable<'name' | 'value'>;
  readonly labels = new SideTable({ label: Int32Array, goroutine: Int32Array });
  readonly ranges: SideTable<'name' | 'scopeKind' | 'scopeId'>;
  readonly sweeps: SideTable<'event' | 'sweptBytes' | 'reclaimedBytes'>;
  readonly tasks = new SideTable({ id: Float64Array, parent: Float64Array, type: Int32Array });
  readonly regions = new SideTable({ task: Float64Array, type: Int32Array });
  readonly logs = new SideTable({ task: Float64Array, category: Int32Array, message: Int32Array });
  readonly syncs = new SideTable({
    n: Int32Array,
    clockTime: Float64Array,
    clockWallMs: Float64Array,
    clockMonoNs: Float64Array,
  });
  readonly generationStarts: number[] = [];
  private checkpoint: { count: number; lastTime: number; rows: number[] } | undefined;

  constructor(expectedEvents: number) {
    const capacity = Math.max(1024, Math.ceil(expectedEvents));
    // HeapAlloc metrics and sweep/assist ranges are the common non-transition events. Their
    // tables start as large as they could plausibly get: unwritten rows cost no memory.
    // String ids and byte counts nearly always fit 16 and 32 bits (see SideTable.set).
    const stringId = { narrow: Uint16Array, wide: Int32Array };
    const bytes = { narrow: Uint32Array, wide: Float64Array };
    this.metrics = new SideTable({ name: stringId, value: bytes }, capacity / 4);
    this.ranges = new SideTable(
      { name: stringId, scopeKind: Uint8Array, scopeId: Int32Array },
      capacity / 4,
    );
    this.sweeps = new SideTable(
      { event: Int32Array, sweptBytes: bytes, reclaimedBytes: bytes },
      capacity / 8,
    );
    this.times = new EventTimesBuilder(capacity);
    this.kind = new Uint8Array(capacity);
    this.g = new Int32Array(capacity);
    // (P, M) pairs, stacks and transition shapes nearly always fit the narrow types; a column
    // widens at the first value that does not (see pushAt), so every value stays exact.
    this.procThread = new Uint8Array(capacity);
    this.stack = new Uint16Array(capacity);
    this.arg = new Int32Array(capacity);
    this.transition = new Uint8Array(capacity);
  }

  /**
   * Appends an event and returns its index. Times are forced to increase strictly, as Go's
   * reader does, so ties and clock skew between threads never reorder the stream.
   */
  push(kind: number, time: number, g: number, p: number, m: number, stack: number, arg: number) {
    this.scratchTime.time = time;
    return this.pushAt(kind, this.scratchTime, g, p, m, stack, arg);
  }

  /**
   * `push` with the time read from an object: a time is too large for a small integer, so
   * passing it as a number to a call that is not inlined boxes it, one allocation per event.
   */
  pushAt(
    kind: number,
    at: { readonly time: number },
    g: number,
    p: number,
    m: number,
    stack: number,
    arg: number,
  ) {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    let time = at.time;
    if (time <= this.lastTime) time = this.lastTime + 1;
    this.lastTime = time;
    this.times.set(i, time);
    this.kind[i] = kind;
    this.g[i] = g;
    const pair = this.procThreads.id(p, m);
    if (pair > 0xff && this.procThread instanceof Uint8Array)
      this.procThread = resized(this.procThread, Uint16Array, this.procThread.length, i);
    if (pair > 0xffff && this.procThread instanceof Uint16Array)
      this.procThread = resized(this.procThread, Int32Array, this.procThread.length, i);
    this.procThread[i] = pair;
    if (stack > 0xffff && this.stack instanceof Uint16Array)
      this.stack = resized(this.stack, Int32Array, this.stack.length, i);
    this.stack[i] = stack;
    this.arg[i] = arg;
    this.transition[i] = 0;
    this.count = i + 1;
    return i;
  }

  /** Records the transition shape of state-transition event `event`. */
  setTransition(event: number, resourceKind: number, from: number, to: number, reason: number) {
    const row = this.transitionRow(resourceKind, from, to, reason);
    if (row > 0xff && this.transition instanceof Uint8Array)
      this.transition = resized(this.transition, Uint16Array, this.transition.length, this.count);
    this.transition[event] = row;
  }

  /** Records the bytes a sweep swept and reclaimed, on the event that ends it. */
  addSweep(event: number, sweptBytes: number, reclaimedBytes: number): void {
    const t = this.sweeps;
    const r = t.row();
    t.columns.event[r] = event;
    t.set('sweptBytes', r, sweptBytes);
    t.set('reclaimedBytes', r, reclaimedBytes);
  }

  /** Time of the last event pushed (Go's reader `lastTs`), -Infinity before the first. */
  get lastEventTime(): number {
    return this.lastTime;
  }

  /** The row of a transition shape, created on first use. */
  private transitionRow(resourceKind: number, from: number, to: number, reason: number): number {
    const small = (resourceKind * 8 + from) * 8 + to;
    const rows = this.rowsByReason[reason] ?? this.reasonRows(reason);
    if (rows[small] !== 0) return rows[small];
    const row = this.transitions.resourceKind.length;
    if (row > 0xffff) throw new TraceFormatError(0, 'too many distinct state transitions');
    this.transitions.resourceKind.push(resourceKind);
    this.transitions.from.push(from);
    this.transitions.to.push(to);
    this.transitions.reason.push(reason);
    rows[small] = row;
    return row;
  }

  /** The transition rows of one reason, created on first use; the array grows without holes. */
  private reasonRows(reason: number): Uint16Array {
    while (this.rowsByReason.length <= reason) this.rowsByReason.push(undefined);
    return (this.rowsByReason[reason] = new Uint16Array(4 * 8 * 8));
  }

  intern(s: string): number {
    let id = this.stringIndex.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, id);
    }
    return id;
  }

  /**
   * Maps a generation's strings and stacks to global ids, checking like Go's
   * validateStackStrings that every frame and its strings exist.
   */
  internGeneration(gen: Generation): GenerationIds {
    const stringIds = localIdArray(gen.strings.keys());
    for (const [id, s] of gen.strings) stringIds[id] = this.intern(s);
    const stackIds = localIdArray(gen.stacks.keys());
    const frameIds: number[] = [];
    for (const [id, pcs] of gen.stacks) {
      frameIds.length = 0;
      for (const pc of pcs) {
        const frame = gen.frames.get(pc);
        if (!frame)
          throw new TraceFormatError(gen.startOffset, `found unknown pc ${pc} for stack ${id}`);
        const [funcId, fileId, line] = frame;
        const funcName = stringIds[funcId];
        const file = stringIds[fileId];
        if (funcName === undefined) {
          throw new TraceFormatError(
            gen.startOffset,
            `found invalid func string ID ${funcId} for stack ${id}`,
          );
        }
        if (file === undefined) {
          throw new TraceFormatError(
            gen.startOffset,
            `found invalid file string ID ${fileId} for stack ${id}`,
          );
        }
        frameIds.push(this.frameId(pc, funcName, file, line));
      }
      stackIds[id] = this.stackId(frameIds);
    }
    return { stringIds, stackIds };
  }

  private frameId(pc: number, funcName: number, file: number, line: number): number {
    const known = this.frameByPc.get(pc);
    if (
      known !== undefined &&
      this.frameFunc[known] === funcName &&
      this.frameFile[known] === file &&
      this.frameLine[known] === line
    ) {
      return known;
    }
    const id = this.framePc.length;
    this.framePc.push(pc);
    this.frameFunc.push(funcName);
    this.frameFile.push(file);
    this.frameLine.push(line);
    if (known === undefined) this.frameByPc.set(pc, id);
    return id;
  }

  private stackId(frameIds: number[]): number {
    const key = frameIds.join(',');
    let id = this.stackIndex.get(key);
    if (id === undefined) {
      id = this.stackOffsets.length - 1;
      for (const f of frameIds) this.stackFrames.push(f);
      this.stackOffsets.push(this.stackFrames.length);
      this.stackIndex.set(key, id);
    }
    return id;
  }

  /** Marks the start of a generation: the point `rollback` returns to. */
  beginGeneration(): void {
    this.checkpoint = { count: this.count, lastTime: this.lastTime, rows: this.sideTableRows() };
    this.generationStarts.push(this.count);
  }

  /** Drops every event and side-table row of the current generation. */
  rollback(): void {
    const cp = this.checkpoint;
    if (!cp) return;
    this.count = cp.count;
    this.lastTime = cp.lastTime;
    this.sideTables().forEach((table, i) => table.truncate(cp.rows[i]));
    this.generationStarts.pop();
    this.checkpoint = undefined;
  }

  private sideTables(): SideTable<string>[] {
    return [
      this.createdStacks,
      this.metrics,
      this.labels,
      this.ranges,
      this.sweeps,
      this.tasks,
      this.regions,
      this.logs,
      this.syncs,
    ];
  }

  private sideTableRows(): number[] {
    return this.sideTables().map((table) => table.count);
  }

  private grow(): void {
    const capacity = Math.ceil(this.kind.length * 2);
    const grown = <T extends TypedColumn>(a: T): T =>
      resized(a, a.constructor as new (n: number) => T, capacity, a.length);
    this.kind = grown(this.kind);
    this.g = grown(this.g);
    this.procThread = grown(this.procThread);
    this.stack = grown(this.stack);
    this.arg = grown(this.arg);
    this.transition = grown(this.transition);
  }

  /**
   * The finished model; event columns are trimmed to `count` as views, not copies: the spare
   * capacity was never written, so it holds address space but no memory (see SideTable).
   */
  finish(version: string, warnings: string[], bytesRead: number, bytesTotal: number): TraceModel {
    const n = this.count;
    const trim = <T extends TypedColumn>(a: T): T => a.subarray(0, n) as T;
    return {
      version,
      count: n,
      ...this.times.finish(n),
      kind: trim(this.kind),
      g: trim(this.g),
      procThread: trim(this.procThread),
      procThreads: {
        p: Int32Array.from(this.procThreads.p),
        m: Int32Array.from(this.procThreads.m),
      },
      stack: trim(this.stack),
      arg: trim(this.arg),
      transition: trim(this.transition),
      transitions: {
        resourceKind: Uint8Array.from(this.transitions.resourceKind),
        from: Uint8Array.from(this.transitions.from),
        to: Uint8Array.from(this.transitions.to),
        reason: Int32Array.from(this.transitions.reason),
      },
      createdStacks: this.createdStacks.finish() as TraceModel['createdStacks'],
      metrics: this.metrics.finish() as TraceModel['metrics'],
      labels: this.labels.finish() as TraceModel['labels'],
      ranges: this.ranges.finish() as TraceModel['ranges'],
      sweeps: this.sweeps.finish() as TraceModel['sweeps'],
      tasks: this.tasks.finish() as TraceModel['tasks'],
      regions: this.regions.finish() as TraceModel['regions'],
      logs: this.logs.finish() as TraceModel['logs'],
      syncs: this.syncs.finish() as TraceModel['syncs'],
      generationStarts: Int32Array.from(this.generationStarts),
      strings: this.strings,
      stacks: {
        stackOffsets: Int32Array.from(this.stackOffsets),
        stackFrames: Int32Array.from(this.stackFrames),
        funcName: Int32Array.from(this.frameFunc),
        file: Int32Array.from(this.frameFile),
        line: Int32Array.from(this.frameLine),
        pc: Float64Array.from(this.framePc),
      },
      warnings,
      bytesRead,
      bytesTotal,
    };
  }
}

/**
 * An array for a generation's local ids with id 0 mapped to 0. The tables list their ids in no
 * particular order, and filling a JS array out of order leaves holes or makes it a dictionary,
 * which slows the lookup the writer does for nearly every event: when the ids are dense enough,
 * the array is made full length up front.
 */
function localIdArray(ids: Iterable<number>): (number | undefined)[] {
  let max = 0;
  let count = 0;
  for (const id of ids) {
    if (id > max) max = id;
    count++;
  }
  const out: (number | undefined)[] =
    max < 4 * count + 1024 ? Array.from({ length: max + 1 }, () => undefined) : [];
  out[0] = 0;
  return out;
}
