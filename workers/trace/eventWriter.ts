import { EventKind, GoState, MetricName, ProcState, RangeName, ResourceKind } from './model';
import type { GenerationIds, ModelBuilder } from './modelBuilder';
import { Ev, WireProcStatus, wireSpecs } from './wireEvents';
import { toId, TraceFormatError } from './wireReader';

/** Go's tracev2GoStatus2GoState and tracev2ProcStatus2ProcState. */
const goStateOfStatus = [
  GoState.Undetermined,
  GoState.Runnable,
  GoState.Running,
  GoState.Syscall,
  GoState.Waiting,
];
const procStateOfStatus = [
  ProcState.Undetermined,
  ProcState.Running,
  ProcState.Idle,
  ProcState.Running,
  ProcState.Idle,
];

/** Per wire type: how many arguments are string ids, and which one is the event's stack. */
const stringArgCount = Uint8Array.from(wireSpecs, (spec) => spec.stringArgs.length);
const stackArgOf = Int8Array.from(wireSpecs, (spec) => spec.stackArg);

/**
 * Turns ordered wire events into model rows, the way Go's event.go exposes them through the
 * high-level API (Kind, StateTransition, Range, Metric, Label, Task, Region, Log). The ordering
 * passes what it learned on the way (old states, the kind of the STW being ended, the task
 * being ended) in `extra`.
 */
export class EventWriter {
  private ids: GenerationIds = { stringIds: [0], stackIds: [0] };
  private readonly names: Record<string, number>;
  private readonly stwNames = new Map<number, number>();
  /** The event being written, whose time the helpers below push (see ModelBuilder.pushAt). */
  private at: { readonly time: number } = { time: 0.5 };

  constructor(private readonly b: ModelBuilder) {
    this.names = {
      gcMark: b.intern(RangeName.gcMark),
      gcSweep: b.intern(RangeName.gcSweep),
      gcMarkAssist: b.intern(RangeName.gcMarkAssist),
      gomaxprocs: b.intern(MetricName.gomaxprocs),
      heapObjects: b.intern(MetricName.heapObjects),
      heapGoal: b.intern(MetricName.heapGoal),
    };
  }

  /** Switches to the id tables of the generation being ordered. */
  setGeneration(ids: GenerationIds): void {
    this.ids = ids;
  }

  /** A global string id for a local one; throws like Go's validateTableIDs if it is unknown. */
  string(local: number, typ: number): number {
    const id = this.ids.stringIds[local];
    if (id === undefined) {
      throw new TraceFormatError(
        0,
        `found invalid string ID ${local} for event ${wireSpecs[typ].name}`,
      );
    }
    return id;
  }

  private stack(local: number, typ: number): number {
    const id = this.ids.stackIds[local];
    if (id === undefined) {
      throw new TraceFormatError(
        0,
        `found invalid stack ID ${local} for event ${wireSpecs[typ].name}`,
      );
    }
    return id;
  }

  sync(time: number, n: number, clock?: { time: number; wallMs: number; monoNs: number }): void {
    const s = this.b.syncs;
    const r = s.row();
    this.b.push(EventKind.Sync, time, -1, -1, -1, 0, r);
    s.columns.n[r] = n;
    s.columns.clockTime[r] = clock ? clock.time : NaN;
    s.columns.clockWallMs[r] = clock ? clock.wallMs : NaN;
    s.columns.clockMonoNs[r] = clock ? clock.monoNs : NaN;
  }

  sample(time: number, g: number, p: number, m: number, localStack: number): void {
    const stack = this.ids.stackIds[localStack] ?? 0;
    this.b.push(EventKind.StackSample, time, g, p, m, stack, -1);
  }

  /**
   * Writes one ordered wire event of type `typ` at the time of `at`; g, p, m are its scheduling
   * context (-1 = none). The time comes inside an object, not as a number: a time does not fit a
   * small integer, so passing it to this (too large to inline) method would box it, one
   * allocation per event.
   */
  wire(
    typ: number,
    at: { readonly time: number },
    g: number,
    p: number,
    m: number,
    args: ArrayLike<number>,
    extra0 = 0,
    extra1 = 0,
  ): void {
    if (stringArgCount[typ] !== 0) {
      for (const k of wireSpecs[typ].stringArgs) this.string(args[k], typ);
    }
    this.at = at;
    const stackArg = stackArgOf[typ];
    const stack = stackArg >= 0 ? this.stack(args[stackArg], typ) : 0;
    const b = this.b;
    switch (typ) {
      case Ev.ProcsChange:
        return this.metric(this.names.gomaxprocs, args[0], g, p, m, stack);
      case Ev.HeapAlloc:
        return this.metric(this.names.heapObjects, args[0], g, p, m, stack);
      case Ev.HeapGoal:
        return this.metric(this.names.heapGoal, args[0], g, p, m, stack);
      case Ev.ProcStart:
        return this.proc(args[0], ProcState.Idle, ProcState.Running, g, p, m);
      case Ev.ProcStop:
        return this.proc(p, ProcState.Running, ProcState.Idle, g, p, m);
      case Ev.ProcSteal: {
        // A steal from SyscallAbandoned lost its history: Go treats the P as idle before.
        const before =
          extra0 === WireProcStatus.SyscallAbandoned ? ProcState.Idle : ProcState.Running;
        return this.proc(args[0], before, ProcState.Idle, g, p, m);
      }
      case Ev.ProcStatus:
        return this.proc(args[0], extra0, procStateOfStatus[args[1]] ?? 0, g, p, m);
      case Ev.GoCreate:
      case Ev.GoCreateBlocked: {
        const to = typ === Ev.GoCreateBlocked ? GoState.Waiting : GoState.Runnable;
        const i = this.goroutine(args[0], GoState.NotExist, to, 0, g, p, m, stack);
        const c = b.createdStacks;
        const r = c.row();
        c.columns.event[r] = i;
        c.columns.stack[r] = this.stack(args[1], typ);
        return;
      }
      case Ev.GoCreateSyscall:
        this.goroutine(args[0], GoState.NotExist, GoState.Syscall, 0, g, p, m, stack);
        return;
      case Ev.GoStart:
        this.goroutine(args[0], GoState.Runnable, GoState.Running, 0, g, p, m, stack);
        return;
      case Ev.GoDestroy:
        this.goroutine(g, GoState.Running, GoState.NotExist, 0, g, p, m, stack);
        return;
      case Ev.GoDestroySyscall:
        this.goroutine(g, GoState.Syscall, GoState.NotExist, 0, g, p, m, stack);
        return;
      case Ev.GoStop:
      case Ev.GoBlock: {
        const to = typ === Ev.GoStop ? GoState.Runnable : GoState.Waiting;
        const reason = this.string(args[0], typ);
        this.goroutine(g, GoState.Running, to, reason, g, p, m, stack);
        return;
      }
      case Ev.GoUnblock:
      case Ev.GoSwitch:
      case Ev.GoSwitchDestroy:
        this.goroutine(args[0], GoState.Waiting, GoState.Runnable, 0, g, p, m, stack);
        return;
      case Ev.GoSyscallBegin:
        this.goroutine(g, GoState.Running, GoState.Syscall, 0, g, p, m, stack);
        return;
      case Ev.GoSyscallEnd:
        this.goroutine(g, GoState.Syscall, GoState.Running, 0, g, p, m, stack);
        return;
      case Ev.GoSyscallEndBlocked:
        this.goroutine(g, GoState.Syscall, GoState.Runnable, 0, g, p, m, stack);
        return;
      case Ev.GoStatus:
      case Ev.GoStatusStack:
        this.goroutine(args[0], extra0, goStateOfStatus[args[2]] ?? 0, 0, g, p, m, stack);
        return;
      case Ev.STWBegin:
        return this.range(
          EventKind.RangeBegin,
          this.stwName(this.string(args[0], typ)),
          ResourceKind.Goroutine,
          g,
          g,
          p,
          m,
          stack,
        );
      case Ev.STWEnd:
        return this.range(
          EventKind.RangeEnd,
          this.stwName(extra0),
          ResourceKind.Goroutine,
          g,
          g,
          p,
          m,
          stack,
        );
      case Ev.GCActive:
      case Ev.GCBegin:
      case Ev.GCEnd: {
        const kind =
          typ === Ev.GCActive
            ? EventKind.RangeActive
            : typ === Ev.GCBegin
              ? EventKind.RangeBegin
              : EventKind.RangeEnd;
        return this.range(kind, this.names.gcMark, ResourceKind.None, -1, g, p, m, stack);
      }
      case Ev.GCSweepActive:
        return this.range(
          EventKind.RangeActive,
          this.names.gcSweep,
          ResourceKind.Proc,
          toId(args[0]),
          g,
          p,
          m,
          stack,
        );
      case Ev.GCSweepBegin:
        return this.range(
          EventKind.RangeBegin,
          this.names.gcSweep,
          ResourceKind.Proc,
          p,
          g,
          p,
          m,
          stack,
        );
      case Ev.GCSweepEnd:
        this.range(EventKind.RangeEnd, this.names.gcSweep, ResourceKind.Proc, p, g, p, m, stack);
        b.addSweep(b.count - 1, args[0], args[1]);
        return;
      case Ev.GCMarkAssistActive:
        return this.range(
          EventKind.RangeActive,
          this.names.gcMarkAssist,
          ResourceKind.Goroutine,
          toId(args[0]),
          g,
          p,
          m,
          stack,
        );
      case Ev.GCMarkAssistBegin:
        return this.range(
          EventKind.RangeBegin,
          this.names.gcMarkAssist,
          ResourceKind.Goroutine,
          g,
          g,
          p,
          m,
          stack,
        );
      case Ev.GCMarkAssistEnd:
        return this.range(
          EventKind.RangeEnd,
          this.names.gcMarkAssist,
          ResourceKind.Goroutine,
          g,
          g,
          p,
          m,
          stack,
        );
      case Ev.GoLabel: {
        const t = b.labels;
        const r = t.row();
        b.pushAt(EventKind.Label, this.at, g, p, m, stack, r);
        t.columns.label[r] = this.string(args[0], typ);
        t.columns.goroutine[r] = g;
        return;
      }
      case Ev.UserTaskBegin:
      case Ev.UserTaskEnd: {
        const begin = typ === Ev.UserTaskBegin;
        const t = b.tasks;
        const r = t.row();
        b.pushAt(begin ? EventKind.TaskBegin : EventKind.TaskEnd, this.at, g, p, m, stack, r);
        t.columns.id[r] = taskId(args[0]);
        t.columns.parent[r] = taskId(begin ? args[1] : extra0);
        t.columns.type[r] = begin ? this.string(args[2], typ) : extra1;
        return;
      }
      case Ev.UserRegionBegin:
      case Ev.UserRegionEnd: {
        const kind = typ === Ev.UserRegionBegin ? EventKind.RegionBegin : EventKind.RegionEnd;
        const t = b.regions;
        const r = t.row();
        b.pushAt(kind, this.at, g, p, m, stack, r);
        t.columns.task[r] = taskId(args[0]);
        t.columns.type[r] = this.string(args[1], typ);
        return;
      }
      case Ev.UserLog: {
        const t = b.logs;
        const r = t.row();
        b.pushAt(EventKind.Log, this.at, g, p, m, stack, r);
        t.columns.task[r] = taskId(args[0]);
        t.columns.category[r] = this.string(args[1], typ);
        t.columns.message[r] = this.string(args[2], typ);
        return;
      }
      default:
        throw new TraceFormatError(
          0,
          `unexpected event type ${typ} (${wireSpecs[typ]?.name ?? 'unknown'})`,
        );
    }
  }

  private metric(name: number, value: number, g: number, p: number, m: number, stack: number) {
    const b = this.b;
    const t = b.metrics;
    const r = t.row();
    b.pushAt(EventKind.Metric, this.at, g, p, m, stack, r);
    t.columns.name[r] = name;
    t.columns.value[r] = value;
  }

  private proc(id: number, from: number, to: number, g: number, p: number, m: number) {
    const b = this.b;
    const i = b.pushAt(EventKind.StateTransition, this.at, g, p, m, 0, toId(id));
    b.setTransition(i, ResourceKind.Proc, from, to, 0);
  }

  private goroutine(
    id: number,
    from: number,
    to: number,
    reason: number,
    g: number,
    p: number,
    m: number,
    stack: number,
  ): number {
    const b = this.b;
    const i = b.pushAt(EventKind.StateTransition, this.at, g, p, m, stack, toId(id));
    b.setTransition(i, ResourceKind.Goroutine, from, to, reason);
    return i;
  }

  private range(
    kind: number,
    name: number,
    scopeKind: number,
    scopeId: number,
    g: number,
    p: number,
    m: number,
    stack: number,
  ) {
    const b = this.b;
    const t = b.ranges;
    const r = t.row();
    const c = t.columns;
    c.name[r] = name;
    c.scopeKind[r] = scopeKind;
    c.scopeId[r] = scopeId;
    b.pushAt(kind, this.at, g, p, m, stack, r);
  }

  /** "stop-the-world (<kind>)" for a global string id of the kind. */
  private stwName(kind: number): number {
    let id = this.stwNames.get(kind);
    if (id === undefined) {
      id = this.b.intern(`${RangeName.stwPrefix}${this.b.strings[kind]})`);
      this.stwNames.set(kind, id);
    }
    return id;
  }
}

/** Task ids are 64-bit; Go's NoTask (2^64-1) becomes -1. */
function taskId(value: number): number {
  return value >= 2 ** 63 ? -1 : value;
}
