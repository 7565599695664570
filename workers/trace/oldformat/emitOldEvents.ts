import { DecodeError } from '../../decodeError';
import { EventKind, GoState, MetricName, ProcState, RangeName, ResourceKind } from '../model';
import type { GenerationIds, ModelBuilder } from '../modelBuilder';
import type { SideTable } from '../sideTable';
import { OldEv } from './oldEventTypes';
import type { OldEvents } from './readOldEvents';

// A module-local alias: hot loops read plain object properties, not import bindings.
const Ev = OldEv;

/**
 * Block and stop reasons the converter spells out: old traces had one event type per reason
 * (src/internal/trace/tracev1.go, the builtin strings).
 */
const blockReasons = new Map<number, string>([
  [Ev.GoStop, 'forever'],
  [Ev.GoSleep, 'sleep'],
  [Ev.GoBlock, ''],
  [Ev.GoBlockSend, 'chan send'],
  [Ev.GoBlockRecv, 'chan receive'],
  [Ev.GoBlockSelect, 'select'],
  [Ev.GoBlockSync, 'sync'],
  [Ev.GoBlockCond, 'sync.(*Cond).Wait'],
  [Ev.GoBlockNet, 'network'],
  [Ev.GoBlockGC, 'GC mark assist wait for work'],
]);

/**
 * STW kinds in Go 1.21's numbering (runtime stwReason). Formats before 1.21 only had 0 = mark
 * termination and 1 = sweep termination.
 */
const stwReasons = [
  '',
  'GC mark termination',
  'GC sweep termination',
  'write heap dump',
  'goroutine profile',
  'goroutine profile cleanup',
  'all goroutine stack trace',
  'read mem stats',
  'AllThreadsSyscall',
  'GOMAXPROCS',
  'start trace',
  'stop trace',
  'CountPagesInUse (test)',
  'ReadMetricsSlow (test)',
  'ReadMemStatsSlow (test)',
  'PageCachePagesLeaked (test)',
  'ResetDebugLog (test)',
];

function stwReason(version: number, kind: number): string {
  if (version < 21) return kind === 0 || kind === 1 ? stwReasons[kind + 1] : '';
  return kind < stwReasons.length ? stwReasons[kind] : '';
}

/**
 * Turns the ordered old events into the model's events the way Go's converter does
 * (src/internal/trace/tracev1.go convertEvent): the whole trace is one generation between two
 * Sync events; events before the first GOMAXPROCS event describe goroutines that existed when
 * tracing started and become GoStatus transitions; an old instantaneous syscall becomes a 1 ns
 * syscall unless the goroutine blocked in it; syscall blocks themselves disappear.
 * `time` holds each ordered event's ns; the model's time starts at the first Sync.
 */
export function emitOldEvents(
  events: OldEvents,
  order: Int32Array,
  time: Float64Array,
  version: number,
  ids: GenerationIds,
  b: ModelBuilder,
): void {
  const { type, p: procs, g: gors, args, stack } = events;
  const str = (id: number) => ids.stringIds[id] ?? 0;
  const stk = (id: number) => ids.stackIds[id] ?? 0;
  const nextSameG = nextEventOfSameGoroutine(events, order);
  const procMs = new Map<number, number>();
  const seenProcs = new Set<number>();
  const tasks = new Map<number, [parent: number, type: number]>();
  const createdBeforeStart: number[] = [];
  let preInit = true;
  let lastStw = 0;

  // Context of the event being converted, read by the helpers below.
  let t = 0;
  let g = -1;
  let pid = -1;
  let m = -1;
  let s = 0;
  const transition = (resource: number, kind: number, from: number, to: number, reason = 0) => {
    const e = b.push(EventKind.StateTransition, t, g, pid, m, s, resource);
    b.setTransition(e, kind, from, to, reason);
    return e;
  };
  const goTransition = (resource: number, from: number, to: number, reason = 0) =>
    transition(resource, ResourceKind.Goroutine, from, to, reason);
  const range = (kind: number, name: string, scopeKind: number, scopeId: number) => {
    pushRange(b, kind, t, g, pid, m, s, b.intern(name), scopeKind, scopeId);
  };

  b.beginGeneration();
  pushSync(b, 0);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const typ = type[i];
    const a = i * 4;
    t = time[k] + 1;
    pid = procs[i];
    if (typ === Ev.ProcStart) procMs.set(pid, toId(args[a]));
    g = gors[i] === 0 ? -1 : toId(gors[i]);
    m = pid !== -1 && typ !== Ev.CPUSample ? (procMs.get(pid) ?? -1) : -1;
    if (typ === Ev.ProcStop) procMs.delete(pid);
    s = stk(stack[i]);

    switch (typ) {
      case Ev.Gomaxprocs:
        if (preInit) {
          // The first GOMAXPROCS event ends the trace's opening burst: goroutines created in it
          // and neither started nor waiting were runnable (or idle) when tracing began.
          preInit = false;
          for (const created of createdBeforeStart) {
            const e = b.push(EventKind.StateTransition, t, -1, -1, -1, 0, created);
            b.setTransition(e, ResourceKind.Goroutine, GoState.Undetermined, GoState.Runnable, 0);
          }
          createdBeforeStart.length = 0;
          break;
        }
        pushMetric(b, t, g, pid, m, s, MetricName.gomaxprocs, args[a]);
        break;
      case Ev.ProcStart:
      case Ev.ProcStop: {
        const to = typ === Ev.ProcStart ? ProcState.Running : ProcState.Idle;
        const from = !seenProcs.has(pid)
          ? ProcState.Undetermined
          : typ === Ev.ProcStart
            ? ProcState.Idle
            : ProcState.Running;
        seenProcs.add(pid);
        transition(pid, ResourceKind.Proc, from, to);
        break;
      }
      case Ev.GCStart:
        range(EventKind.RangeBegin, RangeName.gcMark, ResourceKind.None, -1);
        break;
      case Ev.GCDone:
        range(EventKind.RangeEnd, RangeName.gcMark, ResourceKind.None, -1);
        break;
      case Ev.STWStart:
        lastStw = b.intern(`${RangeName.stwPrefix}${stwReason(version, args[a])})`);
        pushRange(b, EventKind.RangeBegin, t, g, pid, m, 0, lastStw, ResourceKind.Goroutine, g);
        break;
      case Ev.STWDone:
        pushRange(b, EventKind.RangeEnd, t, g, pid, m, 0, lastStw, ResourceKind.Goroutine, g);
        break;
      case Ev.GCSweepStart:
        range(EventKind.RangeBegin, RangeName.gcSweep, ResourceKind.Proc, pid);
        break;
      case Ev.GCSweepDone: {
        const name = b.intern(RangeName.gcSweep);
        const e = pushRange(b, EventKind.RangeEnd, t, g, pid, m, s, name, ResourceKind.Proc, pid);
        b.addSweep(e, args[a], args[a + 1]);
        break;
      }
      case Ev.GCMarkAssistStart:
        range(EventKind.RangeBegin, RangeName.gcMarkAssist, ResourceKind.Goroutine, g);
        break;
      case Ev.GCMarkAssistDone:
        range(EventKind.RangeEnd, RangeName.gcMarkAssist, ResourceKind.Goroutine, g);
        break;
      case Ev.GoCreate: {
        const created = toId(args[a]);
        if (preInit) {
          createdBeforeStart.push(created);
          break;
        }
        const e = goTransition(created, GoState.NotExist, GoState.Runnable);
        addRow(b.createdStacks, { event: e, stack: stk(args[a + 1]) });
        break;
      }
      case Ev.GoStart:
      case Ev.GoStartLabel: {
        const started = toId(args[a]);
        if (preInit && typ === Ev.GoStart) {
          forget(createdBeforeStart, started);
          goTransition(started, GoState.Undetermined, GoState.Running);
          break;
        }
        goTransition(started, GoState.Runnable, GoState.Running);
        if (typ === Ev.GoStartLabel) {
          const row = addRow(b.labels, { label: str(args[a + 2]), goroutine: g });
          b.push(EventKind.Label, t, g, pid, m, 0, row);
        }
        break;
      }
      case Ev.GoEnd:
        goTransition(g, GoState.Running, GoState.NotExist);
        break;
      case Ev.GoSched:
      case Ev.GoPreempt: {
        const reason = typ === Ev.GoSched ? 'runtime.Gosched' : 'preempted';
        goTransition(g, GoState.Running, GoState.Runnable, b.intern(reason));
        break;
      }
      case Ev.GoUnblock:
        goTransition(toId(args[a]), GoState.Waiting, GoState.Runnable);
        break;
      case Ev.GoSysCall: {
        // Go looks at the goroutine's next event: a GoSysBlock means the syscall blocked.
        const next = nextSameG[k];
        goTransition(g, GoState.Running, GoState.Syscall);
        if (next < 0 || type[order[next]] !== Ev.GoSysBlock) {
          const e = b.push(EventKind.StateTransition, t + 1, g, pid, m, 0, g);
          b.setTransition(e, ResourceKind.Goroutine, GoState.Syscall, GoState.Running, 0);
        }
        break;
      }
      case Ev.GoSysExit:
        goTransition(g, GoState.Syscall, GoState.Runnable);
        break;
      case Ev.GoSysBlock:
        break;
      case Ev.GoWaiting:
      case Ev.GoInSyscall: {
        const subject = toId(args[a]);
        forget(createdBeforeStart, subject);
        const to = typ === Ev.GoWaiting ? GoState.Waiting : GoState.Syscall;
        const e = b.push(EventKind.StateTransition, t, g, pid, m, 0, subject);
        b.setTransition(e, ResourceKind.Goroutine, GoState.Undetermined, to, 0);
        break;
      }
      case Ev.HeapAlloc:
        pushMetric(b, t, g, pid, m, 0, MetricName.heapObjects, args[a]);
        break;
      case Ev.HeapGoal:
        pushMetric(b, t, g, pid, m, 0, MetricName.heapGoal, args[a]);
        break;
      case Ev.UserTaskCreate: {
        const name = str(args[a + 2]);
        tasks.set(args[a], [args[a + 1], name]);
        const row = addRow(b.tasks, { id: args[a], parent: args[a + 1], type: name });
        b.push(EventKind.TaskBegin, t, g, pid, m, s, row);
        break;
      }
      case Ev.UserTaskEnd: {
        const [parent, name] = tasks.get(args[a]) ?? [0, 0];
        tasks.delete(args[a]);
        const row = addRow(b.tasks, { id: args[a], parent, type: name });
        b.push(EventKind.TaskEnd, t, g, pid, m, s, row);
        break;
      }
      case Ev.UserRegion: {
        const row = addRow(b.regions, { task: args[a], type: str(args[a + 2]) });
        const kind = args[a + 1] === 0 ? EventKind.RegionBegin : EventKind.RegionEnd;
        b.push(kind, t, g, pid, m, s, row);
        break;
      }
      case Ev.UserLog: {
        const message = b.intern(events.inlineStrings[args[a + 3]]);
        const row = addRow(b.logs, { task: args[a], category: str(args[a + 1]), message });
        b.push(EventKind.Log, t, g, pid, m, s, row);
        break;
      }
      case Ev.CPUSample:
        b.push(EventKind.StackSample, t, g, pid, -1, s, -1);
        break;
      default: {
        const reason = blockReasons.get(typ);
        if (reason === undefined) {
          throw new DecodeError('trace', {}, 'an event Go converts', `event type ${typ}`);
        }
        goTransition(g, GoState.Running, GoState.Waiting, b.intern(reason));
      }
    }
  }
  pushSync(b, b.lastEventTime + 1);
}

/** For each ordered position, the position of the next event on the same goroutine, or -1. */
function nextEventOfSameGoroutine(events: OldEvents, order: Int32Array): Int32Array {
  const next = new Int32Array(order.length);
  const seen = new Map<number, number>();
  for (let k = order.length - 1; k >= 0; k--) {
    const g = events.g[order[k]];
    next[k] = seen.get(g) ?? -1;
    seen.set(g, k);
  }
  return next;
}

function forget(list: number[], g: number): void {
  const at = list.indexOf(g);
  if (at >= 0) list.splice(at, 1);
}

/** Go's 64-bit ids as the model's Int32 ids; ids beyond Int32 become -1 like Go's "none". */
function toId(value: number): number {
  return value > 0x7fffffff ? -1 : value;
}

function pushSync(b: ModelBuilder, t: number): void {
  const row = addRow(b.syncs, {
    n: b.syncs.count + 1,
    clockTime: NaN,
    clockWallMs: NaN,
    clockMonoNs: NaN,
  });
  b.push(EventKind.Sync, t, -1, -1, -1, 0, row);
}

function pushMetric(
  b: ModelBuilder,
  t: number,
  g: number,
  p: number,
  m: number,
  s: number,
  name: string,
  value: number,
): void {
  const row = addRow(b.metrics, { name: b.intern(name), value });
  b.push(EventKind.Metric, t, g, p, m, s, row);
}

function pushRange(
  b: ModelBuilder,
  kind: number,
  t: number,
  g: number,
  p: number,
  m: number,
  s: number,
  name: number,
  scopeKind: number,
  scopeId: number,
): number {
  const row = addRow(b.ranges, { name, scopeKind, scopeId });
  return b.push(kind, t, g, p, m, s, row);
}

/** Appends a side-table row with the given column values and returns its index. */
function addRow<K extends string>(table: SideTable<K>, values: Record<K, number>): number {
  const row = table.row();
  for (const key in values) table.set(key, row, values[key]);
  return row;
}
