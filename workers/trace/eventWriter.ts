import { EventKind, GoState, MetricName, ProcState, RangeName, ResourceKind } from './model';
import type { GenerationIds, ModelBuilder } from './modelBuilder';
import { Ev, WireProcStatus, wireSpecs, goStateOfStatus, procStateOfStatus } from './wireEvents';
import { toId, TraceFormatError } from './wireReader';

// Everything the per-event paths read from other modules is copied here once: under CommonJS
// (Node through tsx) each use of an imported binding is a getter call, which made this loop
// several times slower.
const {
  GCActive,
  GCBegin,
  GCEnd,
  GCMarkAssistActive,
  GCMarkAssistBegin,
  GCMarkAssistEnd,
  GCSweepActive,
  GCSweepBegin,
  GCSweepEnd,
  GoBlock,
  GoCreate,
  GoCreateBlocked,
  GoCreateSyscall,
  GoDestroy,
  GoDestroySyscall,
  GoLabel,
  GoStart,
  GoStatus,
  GoStatusStack,
  GoStop,
  GoSwitch,
  GoSwitchDestroy,
  GoSyscallBegin,
  GoSyscallEnd,
  GoSyscallEndBlocked,
  GoUnblock,
  HeapAlloc,
  HeapGoal,
  ProcStart,
  ProcStatus,
  ProcSteal,
  ProcStop,
  ProcsChange,
  STWBegin,
  STWEnd,
  UserLog,
  UserRegionBegin,
  UserRegionEnd,
  UserTaskBegin,
  UserTaskEnd,
} = Ev;
const kindLabel = EventKind.Label;
const kindLog = EventKind.Log;
const kindMetric = EventKind.Metric;
const kindRangeActive = EventKind.RangeActive;
const kindRangeBegin = EventKind.RangeBegin;
const kindRangeEnd = EventKind.RangeEnd;
const kindRegionBegin = EventKind.RegionBegin;
const kindRegionEnd = EventKind.RegionEnd;
const kindStackSample = EventKind.StackSample;
const kindStateTransition = EventKind.StateTransition;
const kindSync = EventKind.Sync;
const kindTaskBegin = EventKind.TaskBegin;
const kindTaskEnd = EventKind.TaskEnd;
const goNotExist = GoState.NotExist;
const goRunnable = GoState.Runnable;
const goRunning = GoState.Running;
const goSyscall = GoState.Syscall;
const goWaiting = GoState.Waiting;
const procIdle = ProcState.Idle;
const procRunning = ProcState.Running;
const onGoroutine = ResourceKind.Goroutine;
const onNone = ResourceKind.None;
const onProc = ResourceKind.Proc;
const psSyscallAbandoned = WireProcStatus.SyscallAbandoned;
const int32Id = toId;

/** Per wire type: which arguments are string ids, and which one is the event's stack. */
const stringArgsOf = Array.from({ length: 256 }, (_, typ) => wireSpecs[typ]?.stringArgs ?? []);
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
    this.b.push(kindSync, time, -1, -1, -1, 0, r);
    s.columns.n[r] = n;
    s.columns.clockTime[r] = clock ? clock.time : NaN;
    s.columns.clockWallMs[r] = clock ? clock.wallMs : NaN;
    s.columns.clockMonoNs[r] = clock ? clock.monoNs : NaN;
  }

  sample(time: number, g: number, p: number, m: number, localStack: number): void {
    const stack = this.ids.stackIds[localStack] ?? 0;
    this.b.push(kindStackSample, time, g, p, m, stack, -1);
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
    const stringArgs = stringArgsOf[typ];
    for (let k = 0; k < stringArgs.length; k++) this.string(args[stringArgs[k]], typ);
    this.at = at;
    const stackArg = stackArgOf[typ];
    const stack = stackArg >= 0 ? this.stack(args[stackArg], typ) : 0;
    const b = this.b;
    switch (typ) {
      // Cases are tested in order: the common scheduling, heap and GC events come first.
      case GoStart:
        this.goroutine(args[0], goRunnable, goRunning, 0, g, p, m, stack);
        return;
      case GoStop:
      case GoBlock: {
        const to = typ === GoStop ? goRunnable : goWaiting;
        const reason = this.string(args[0], typ);
        this.goroutine(g, goRunning, to, reason, g, p, m, stack);
        return;
      }
      case GoUnblock:
      case GoSwitch:
      case GoSwitchDestroy:
        this.goroutine(args[0], goWaiting, goRunnable, 0, g, p, m, stack);
        return;
      case HeapAlloc:
        return this.metric(this.names.heapObjects, args[0], g, p, m, stack);
      case GCSweepBegin:
        return this.range(kindRangeBegin, this.names.gcSweep, onProc, p, g, p, m, stack);
      case GCSweepEnd:
        this.range(kindRangeEnd, this.names.gcSweep, onProc, p, g, p, m, stack);
        b.addSweep(b.count - 1, args[0], args[1]);
        return;
      case GCMarkAssistBegin:
        return this.range(kindRangeBegin, this.names.gcMarkAssist, onGoroutine, g, g, p, m, stack);
      case GCMarkAssistEnd:
        return this.range(kindRangeEnd, this.names.gcMarkAssist, onGoroutine, g, g, p, m, stack);
      case ProcsChange:
        return this.metric(this.names.gomaxprocs, args[0], g, p, m, stack);
      case HeapGoal:
        return this.metric(this.names.heapGoal, args[0], g, p, m, stack);
      case ProcStart:
        return this.proc(args[0], procIdle, procRunning, g, p, m);
      case ProcStop:
        return this.proc(p, procRunning, procIdle, g, p, m);
      case ProcSteal: {
        // A steal from SyscallAbandoned lost its history: Go treats the P as idle before.
        const before = extra0 === psSyscallAbandoned ? procIdle : procRunning;
        return this.proc(args[0], before, procIdle, g, p, m);
      }
      case ProcStatus:
        return this.proc(args[0], extra0, procStateOfStatus[args[1]] ?? 0, g, p, m);
      case GoCreate:
      case GoCreateBlocked: {
        const to = typ === GoCreateBlocked ? goWaiting : goRunnable;
        const i = this.goroutine(args[0], goNotExist, to, 0, g, p, m, stack);
        const c = b.createdStacks;
        const r = c.row();
        c.columns.event[r] = i;
        c.columns.stack[r] = this.stack(args[1], typ);
        return;
      }
      case GoCreateSyscall:
        this.goroutine(args[0], goNotExist, goSyscall, 0, g, p, m, stack);
        return;
      case GoDestroy:
        this.goroutine(g, goRunning, goNotExist, 0, g, p, m, stack);
        return;
      case GoDestroySyscall:
        this.goroutine(g, goSyscall, goNotExist, 0, g, p, m, stack);
        return;
      case GoSyscallBegin:
        this.goroutine(g, goRunning, goSyscall, 0, g, p, m, stack);
        return;
      case GoSyscallEnd:
        this.goroutine(g, goSyscall, goRunning, 0, g, p, m, stack);
        return;
      case GoSyscallEndBlocked:
        this.goroutine(g, goSyscall, goRunnable, 0, g, p, m, stack);
        return;
      case GoStatus:
      case GoStatusStack:
        this.goroutine(args[0], extra0, goStateOfStatus[args[2]] ?? 0, 0, g, p, m, stack);
        return;
      case STWBegin:
        return this.range(
          kindRangeBegin,
          this.stwName(this.string(args[0], typ)),
          onGoroutine,
          g,
          g,
          p,
          m,
          stack,
        );
      case STWEnd:
        return this.range(kindRangeEnd, this.stwName(extra0), onGoroutine, g, g, p, m, stack);
      case GCActive:
      case GCBegin:
      case GCEnd: {
        const kind =
          typ === GCActive ? kindRangeActive : typ === GCBegin ? kindRangeBegin : kindRangeEnd;
        return this.range(kind, this.names.gcMark, onNone, -1, g, p, m, stack);
      }
      case GCSweepActive:
        return this.range(
          kindRangeActive,
          this.names.gcSweep,
          onProc,
          int32Id(args[0]),
          g,
          p,
          m,
          stack,
        );
      case GCMarkAssistActive:
        return this.range(
          kindRangeActive,
          this.names.gcMarkAssist,
          onGoroutine,
          int32Id(args[0]),
          g,
          p,
          m,
          stack,
        );
      case GoLabel: {
        const t = b.labels;
        const r = t.row();
        b.pushAt(kindLabel, this.at, g, p, m, stack, r);
        t.columns.label[r] = this.string(args[0], typ);
        t.columns.goroutine[r] = g;
        return;
      }
      case UserTaskBegin:
      case UserTaskEnd: {
        const begin = typ === UserTaskBegin;
        const t = b.tasks;
        const r = t.row();
        b.pushAt(begin ? kindTaskBegin : kindTaskEnd, this.at, g, p, m, stack, r);
        t.columns.id[r] = taskId(args[0]);
        t.columns.parent[r] = taskId(begin ? args[1] : extra0);
        t.columns.type[r] = begin ? this.string(args[2], typ) : extra1;
        return;
      }
      case UserRegionBegin:
      case UserRegionEnd: {
        const kind = typ === UserRegionBegin ? kindRegionBegin : kindRegionEnd;
        const t = b.regions;
        const r = t.row();
        b.pushAt(kind, this.at, g, p, m, stack, r);
        t.columns.task[r] = taskId(args[0]);
        t.columns.type[r] = this.string(args[1], typ);
        return;
      }
      case UserLog: {
        const t = b.logs;
        const r = t.row();
        b.pushAt(kindLog, this.at, g, p, m, stack, r);
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
    b.pushAt(kindMetric, this.at, g, p, m, stack, r);
    t.set('name', r, name);
    t.set('value', r, value);
  }

  private proc(id: number, from: number, to: number, g: number, p: number, m: number) {
    const b = this.b;
    const i = b.pushAt(kindStateTransition, this.at, g, p, m, 0, int32Id(id));
    b.setTransition(i, onProc, from, to, 0);
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
    const i = b.pushAt(kindStateTransition, this.at, g, p, m, stack, int32Id(id));
    b.setTransition(i, onGoroutine, from, to, reason);
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
    t.set('name', r, name);
    t.columns.scopeKind[r] = scopeKind;
    t.columns.scopeId[r] = scopeId;
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
