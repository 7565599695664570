import {
  EventKind,
  GoState,
  MetricName,
  ProcState,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../../trace/model';
import { EventTimesBuilder } from '../../trace/eventTimes';
import { ProcThreadPairs } from '../../trace/procThreadPairs';

/** Scheduling context of an event: goroutine, P and M (-1 = none). */
export interface EventContext {
  g?: number;
  p?: number;
  m?: number;
  /** A stack made with `stack()`; 0 = none. */
  stack?: number;
}

/**
 * Builds a small TraceModel event by event, the way the parser fills it, so analyses can be
 * tested on exact scenarios before (and besides) real trace fixtures. Events must be added in
 * time order, as Go's reader yields them.
 */
export class TraceModelBuilder {
  private readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>([['', 0]]);
  private readonly events: Array<{
    time: number;
    kind: number;
    ctx: EventContext;
    arg: number;
    transition: number;
  }> = [];
  private readonly transitionKeys = new Map<string, number>([['placeholder', 0]]);
  private readonly transitionRows: Array<[number, number, number, number]> = [[0, 0, 0, 0]];
  private readonly created: Array<[number, number]> = [];
  private readonly metrics: Array<[number, number]> = [];
  private readonly labels: Array<[number, number]> = [];
  private readonly ranges: Array<[number, number, number]> = [];
  private readonly sweeps: Array<[number, number]> = [];
  private readonly tasks: Array<[number, number, number]> = [];
  private readonly regions: Array<[number, number]> = [];
  private readonly logs: Array<[number, number, number]> = [];
  private readonly syncs: number[] = [];
  private readonly stackList: number[][] = [[]];
  private readonly frameIds = new Map<string, number>();
  private readonly frameNames: number[] = [];

  /** Interns a stack given leaf first, as Go stores it; returns its id. */
  stack(funcsLeafFirst: string[]): number {
    this.stackList.push(
      funcsLeafFirst.map((fn) => {
        let id = this.frameIds.get(fn);
        if (id === undefined) {
          id = this.frameNames.length;
          this.frameIds.set(fn, id);
          this.frameNames.push(this.intern(fn));
        }
        return id;
      }),
    );
    return this.stackList.length - 1;
  }

  sync(time: number): this {
    this.syncs.push(this.syncs.length + 1);
    return this.push(time, EventKind.Sync, {}, this.syncs.length - 1);
  }

  metric(time: number, name: string, value: number, ctx: EventContext = {}): this {
    this.metrics.push([this.intern(name), value]);
    return this.push(time, EventKind.Metric, ctx, this.metrics.length - 1);
  }

  gomaxprocs(time: number, procs: number): this {
    return this.metric(time, MetricName.gomaxprocs, procs);
  }

  heapLive(time: number, bytes: number, ctx: EventContext = {}): this {
    return this.metric(time, MetricName.heapObjects, bytes, ctx);
  }

  heapGoal(time: number, bytes: number, ctx: EventContext = {}): this {
    return this.metric(time, MetricName.heapGoal, bytes, ctx);
  }

  label(time: number, goroutine: number, label: string, ctx: EventContext = {}): this {
    this.labels.push([this.intern(label), goroutine]);
    return this.push(time, EventKind.Label, { g: goroutine, ...ctx }, this.labels.length - 1);
  }

  /** A range event; the scope follows x/exp/trace: mark phase global, sweep on P, others on G. */
  range(
    time: number,
    kind: 'begin' | 'active' | 'end',
    name: string,
    ctx: EventContext,
    scopeId?: number,
    swept = NaN,
  ): this {
    const scopeKind =
      name === RangeName.gcMark
        ? ResourceKind.None
        : name === RangeName.gcSweep
          ? ResourceKind.Proc
          : ResourceKind.Goroutine;
    const id =
      scopeId ??
      (scopeKind === ResourceKind.None ? -1 : scopeKind === ResourceKind.Proc ? ctx.p : ctx.g);
    this.ranges.push([this.intern(name), scopeKind, id ?? -1]);
    if (!Number.isNaN(swept)) this.sweeps.push([this.events.length, swept]);
    const eventKind =
      kind === 'begin'
        ? EventKind.RangeBegin
        : kind === 'active'
          ? EventKind.RangeActive
          : EventKind.RangeEnd;
    return this.push(time, eventKind, ctx, this.ranges.length - 1);
  }

  stw(begin: number, end: number, reason: string, ctx: EventContext): this {
    const name = `${RangeName.stwPrefix}${reason})`;
    return this.range(begin, 'begin', name, ctx).range(end, 'end', name, ctx);
  }

  /** A goroutine state transition of goroutine `goroutine` in context `ctx`. */
  goState(
    time: number,
    goroutine: number,
    from: GoState,
    to: GoState,
    ctx: EventContext = {},
    reason = '',
    createdStack = 0,
  ): this {
    const row = this.transitionRow(ResourceKind.Goroutine, from, to, reason);
    if (createdStack !== 0) this.created.push([this.events.length, createdStack]);
    return this.push(time, EventKind.StateTransition, ctx, goroutine, row);
  }

  procState(time: number, proc: number, from: ProcState, to: ProcState, ctx: EventContext = {}) {
    const row = this.transitionRow(ResourceKind.Proc, from, to, '');
    return this.push(time, EventKind.StateTransition, ctx, proc, row);
  }

  stackSample(time: number, ctx: EventContext): this {
    return this.push(time, EventKind.StackSample, ctx, -1);
  }

  task(time: number, kind: 'begin' | 'end', id: number, parent: number, type: string) {
    this.tasks.push([id, parent, this.intern(type)]);
    const eventKind = kind === 'begin' ? EventKind.TaskBegin : EventKind.TaskEnd;
    return this.push(time, eventKind, {}, this.tasks.length - 1);
  }

  region(time: number, kind: 'begin' | 'end', task: number, type: string, ctx: EventContext) {
    this.regions.push([task, this.intern(type)]);
    const eventKind = kind === 'begin' ? EventKind.RegionBegin : EventKind.RegionEnd;
    return this.push(time, eventKind, ctx, this.regions.length - 1);
  }

  log(time: number, task: number, category: string, message: string, ctx: EventContext) {
    this.logs.push([task, this.intern(category), this.intern(message)]);
    return this.push(time, EventKind.Log, ctx, this.logs.length - 1);
  }

  build(): TraceModel {
    const n = this.events.length;
    const column = <T>(make: (n: number) => T, fill: (col: T, i: number) => void): T => {
      const col = make(n);
      for (let i = 0; i < n; i++) fill(col, i);
      return col;
    };
    const ev = this.events;
    const offsets = [0];
    for (const s of this.stackList) offsets.push(offsets[offsets.length - 1] + s.length);
    const generationStarts: number[] = [];
    ev.forEach((e, i) => {
      if (e.kind === EventKind.Sync && i < n - 1) generationStarts.push(i);
    });
    const times = new EventTimesBuilder(n);
    ev.forEach((e, i) => times.set(i, e.time));
    const procThreads = new ProcThreadPairs();
    return {
      version: '1.26',
      count: n,
      ...times.finish(n),
      kind: column(
        (k) => new Uint8Array(k),
        (c, i) => (c[i] = ev[i].kind),
      ),
      g: column(
        (k) => new Int32Array(k),
        (c, i) => (c[i] = ev[i].ctx.g ?? -1),
      ),
      procThread: column(
        (k) => new Int32Array(k),
        (c, i) => (c[i] = procThreads.id(ev[i].ctx.p ?? -1, ev[i].ctx.m ?? -1)),
      ),
      procThreads: { p: Int32Array.from(procThreads.p), m: Int32Array.from(procThreads.m) },
      stack: column(
        (k) => new Int32Array(k),
        (c, i) => (c[i] = ev[i].ctx.stack ?? 0),
      ),
      arg: column(
        (k) => new Int32Array(k),
        (c, i) => (c[i] = ev[i].arg),
      ),
      transition: column(
        (k) => new Uint16Array(k),
        (c, i) => (c[i] = ev[i].transition),
      ),
      transitions: {
        resourceKind: Uint8Array.from(this.transitionRows.map((r) => r[0])),
        from: Uint8Array.from(this.transitionRows.map((r) => r[1])),
        to: Uint8Array.from(this.transitionRows.map((r) => r[2])),
        reason: Int32Array.from(this.transitionRows.map((r) => r[3])),
      },
      createdStacks: {
        event: Int32Array.from(this.created.map((c) => c[0])),
        stack: Int32Array.from(this.created.map((c) => c[1])),
      },
      metrics: {
        name: Int32Array.from(this.metrics.map((r) => r[0])),
        value: Float64Array.from(this.metrics.map((r) => r[1])),
      },
      labels: {
        label: Int32Array.from(this.labels.map((r) => r[0])),
        goroutine: Int32Array.from(this.labels.map((r) => r[1])),
      },
      ranges: {
        name: Int32Array.from(this.ranges.map((r) => r[0])),
        scopeKind: Uint8Array.from(this.ranges.map((r) => r[1])),
        scopeId: Int32Array.from(this.ranges.map((r) => r[2])),
      },
      sweeps: {
        event: Int32Array.from(this.sweeps.map((r) => r[0])),
        sweptBytes: Float64Array.from(this.sweeps.map((r) => r[1])),
        reclaimedBytes: new Float64Array(this.sweeps.length),
      },
      tasks: {
        id: Float64Array.from(this.tasks.map((r) => r[0])),
        parent: Float64Array.from(this.tasks.map((r) => r[1])),
        type: Int32Array.from(this.tasks.map((r) => r[2])),
      },
      regions: {
        task: Float64Array.from(this.regions.map((r) => r[0])),
        type: Int32Array.from(this.regions.map((r) => r[1])),
      },
      logs: {
        task: Float64Array.from(this.logs.map((r) => r[0])),
        category: Int32Array.from(this.logs.map((r) => r[1])),
        message: Int32Array.from(this.logs.map((r) => r[2])),
      },
      syncs: {
        n: Int32Array.from(this.syncs),
        clockTime: new Float64Array(this.syncs.length).fill(NaN),
        clockWallMs: new Float64Array(this.syncs.length).fill(NaN),
        clockMonoNs: new Float64Array(this.syncs.length).fill(NaN),
      },
      generationStarts: Int32Array.from(generationStarts),
      strings: [...this.strings],
      stacks: {
        stackOffsets: Int32Array.from(offsets),
        stackFrames: Int32Array.from(this.stackList.flat()),
        funcName: Int32Array.from(this.frameNames),
        file: new Int32Array(this.frameNames.length),
        line: new Int32Array(this.frameNames.length),
        pc: Float64Array.from(this.frameNames, (_, i) => 0x1000 + i),
      },
      warnings: [],
      bytesRead: 0,
      bytesTotal: 0,
    };
  }

  private intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private transitionRow(resource: number, from: number, to: number, reason: string): number {
    const r = this.intern(reason);
    const key = `${resource}:${from}:${to}:${r}`;
    let row = this.transitionKeys.get(key);
    if (row === undefined) {
      row = this.transitionRows.length;
      this.transitionRows.push([resource, from, to, r]);
      this.transitionKeys.set(key, row);
    }
    return row;
  }

  private push(time: number, kind: number, ctx: EventContext, arg: number, transition = 0): this {
    const last = this.events[this.events.length - 1];
    if (last && time < last.time) throw new Error(`event at ${time} added after ${last.time}`);
    this.events.push({ time, kind, ctx, arg, transition });
    return this;
  }
}
