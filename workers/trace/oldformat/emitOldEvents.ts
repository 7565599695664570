import { DecodeError } from '../../decodeError';
import { EventKind, GoState, MetricName, ProcState, RangeName, ResourceKind } from '../model';
import type { GenerationIds, ModelBuilder } from '../modelBuilder';
import * as Ev from './oldEventTypes';
import type { OldEvents } from './readOldEvents';

/**
 * Block and stop reasons the converter spells out: old traces had one event type per reason
 * (src/internal/trace/tracev1.go, the builtin strings).
 */
const blockReasons = new Map<number, string>([
  [Ev.EvGoStop, 'forever'],
  [Ev.EvGoSleep, 'sleep'],
  [Ev.EvGoBlock, ''],
  [Ev.EvGoBlockSend, 'chan send'],
  [Ev.EvGoBlockRecv, 'chan receive'],
  [Ev.EvGoBlockSelect, 'select'],
  [Ev.EvGoBlockSync, 'sync'],
  [Ev.EvGoBlockCond, 'sync.(*Cond).Wait'],
  [Ev.EvGoBlockNet, 'network'],
  [Ev.EvGoBlockGC, 'GC mark assist wait for work'],
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

  b.beginGeneration();
  pushSync(b, 0);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const typ = type[i];
    const t = time[k] + 1;
    const a = i * 4;
    const pid = procs[i];
    if (typ === Ev.EvProcStart) procMs.set(pid, toId(args[a]));
    const g = gors[i] === 0 ? -1 : toId(gors[i]);
    const m = pid !== -1 && typ !== Ev.EvCPUSample ? (procMs.get(pid) ?? -1) : -1;
    if (typ === Ev.EvProcStop) procMs.delete(pid);
    const s = stk(stack[i]);
    const transition = (resource: number, kind: number, from: number, to: number, reason = 0) => {
      const e = b.push(EventKind.StateTransition, t, g, pid, m, s, resource);
      b.transition[e] = b.transitionRow(kind, from, to, reason);
      return e;
    };
    const goTransition = (resource: number, from: number, to: number, reason = 0) =>
      transition(resource, ResourceKind.Goroutine, from, to, reason);
    const range = (kind: number, name: string, scopeKind: number, scopeId: number) => {
      pushRange(b, kind, t, g, pid, m, s, b.intern(name), scopeKind, scopeId);
    };

    switch (typ) {
      case Ev.EvGomaxprocs:
        if (preInit) {
          // The first GOMAXPROCS event ends the trace's opening burst: goroutines created in it
          // and neither started nor waiting were runnable (or idle) when tracing began.
          preInit = false;
          for (const created of createdBeforeStart) {
            const e = b.push(EventKind.StateTransition, t, -1, -1, -1, 0, created);
            const row = b.transitionRow(
              ResourceKind.Goroutine,
              GoState.Undetermined,
              GoState.Runnable,
              0,
            );
            b.transition[e] = row;
          }
          createdBeforeStart.length = 0;
          break;
        }
        pushMetric(b, t, g, pid, m, s, MetricName.gomaxprocs, args[a]);
        break;
      case Ev.EvProcStart:
      case Ev.EvProcStop: {
        const to = typ === Ev.EvProcStart ? ProcState.Running : ProcState.Idle;
        const from = !seenProcs.has(pid)
          ? ProcState.Undetermined
          : typ === Ev.EvProcStart
            ? ProcState.Idle
            : ProcState.Running;
        seenProcs.add(pid);
        transition(pid, ResourceKind.Proc, from, to);
        break;
      }
      case Ev.EvGCStart:
        range(EventKind.RangeBegin, RangeName.gcMark, ResourceKind.None, -1);
        break;
      case Ev.EvGCDone:
        range(EventKind.RangeEnd, RangeName.gcMark, ResourceKind.None, -1);
        break;
      case Ev.EvSTWStart:
        lastStw = b.intern(`${RangeName.stwPrefix}${stwReason(version, args[a])})`);
        pushRange(b, EventKind.RangeBegin, t, g, pid, m, 0, lastStw, ResourceKind.Goroutine, g);
        break;
      case Ev.EvSTWDone:
        pushRange(b, EventKind.RangeEnd, t, g, pid, m, 0, lastStw, ResourceKind.Goroutine, g);
        break;
      case Ev.EvGCSweepStart:
        range(EventKind.RangeBegin, RangeName.gcSweep, ResourceKind.Proc, pid);
        break;
      case Ev.EvGCSweepDone: {
        range(EventKind.RangeEnd, RangeName.gcSweep, ResourceKind.Proc, pid);
        const row = b.ranges.sweptBytes.length - 1;
        b.ranges.sweptBytes[row] = args[a];
        b.ranges.reclaimedBytes[row] = args[a + 1];
        break;
      }
      case Ev.EvGCMarkAssistStart:
        range(EventKind.RangeBegin, RangeName.gcMarkAssist, ResourceKind.Goroutine, g);
        break;
      case Ev.EvGCMarkAssistDone:
        range(EventKind.RangeEnd, RangeName.gcMarkAssist, ResourceKind.Goroutine, g);
        break;
      case Ev.EvGoCreate: {
        const created = toId(args[a]);
        if (preInit) {
          createdBeforeStart.push(created);
          break;
        }
        const e = goTransition(created, GoState.NotExist, GoState.Runnable);
        b.createdStacks.event.push(e);
        b.createdStacks.stack.push(stk(args[a + 1]));
        break;
      }
      case Ev.EvGoStart:
      case Ev.EvGoStartLabel: {
        const started = toId(args[a]);
        if (preInit && typ === Ev.EvGoStart) {
          forget(createdBeforeStart, started);
          goTransition(started, GoState.Undetermined, GoState.Running);
          break;
        }
        goTransition(started, GoState.Runnable, GoState.Running);
        if (typ === Ev.EvGoStartLabel) {
          b.labels.label.push(str(args[a + 2]));
          b.labels.goroutine.push(g);
          b.push(EventKind.Label, t, g, pid, m, 0, b.labels.label.length - 1);
        }
        break;
      }
      case Ev.EvGoEnd:
        goTransition(g, GoState.Running, GoState.NotExist);
        break;
      case Ev.EvGoSched:
      case Ev.EvGoPreempt: {
        const reason = typ === Ev.EvGoSched ? 'runtime.Gosched' : 'preempted';
        goTransition(g, GoState.Running, GoState.Runnable, b.intern(reason));
        break;
      }
      case Ev.EvGoUnblock:
        goTransition(toId(args[a]), GoState.Waiting, GoState.Runnable);
        break;
      case Ev.EvGoSysCall: {
        // Go looks at the goroutine's next event: a GoSysBlock means the syscall blocked.
        const next = nextSameG[k];
        goTransition(g, GoState.Running, GoState.Syscall);
        if (next < 0 || type[order[next]] !== Ev.EvGoSysBlock) {
          const e = b.push(EventKind.StateTransition, t + 1, g, pid, m, 0, g);
          b.transition[e] = b.transitionRow(
            ResourceKind.Goroutine,
            GoState.Syscall,
            GoState.Running,
            0,
          );
        }
        break;
      }
      case Ev.EvGoSysExit:
        goTransition(g, GoState.Syscall, GoState.Runnable);
        break;
      case Ev.EvGoSysBlock:
        break;
      case Ev.EvGoWaiting:
      case Ev.EvGoInSyscall: {
        const subject = toId(args[a]);
        forget(createdBeforeStart, subject);
        const to = typ === Ev.EvGoWaiting ? GoState.Waiting : GoState.Syscall;
        const e = b.push(EventKind.StateTransition, t, g, pid, m, 0, subject);
        b.transition[e] = b.transitionRow(ResourceKind.Goroutine, GoState.Undetermined, to, 0);
        break;
      }
      case Ev.EvHeapAlloc:
        pushMetric(b, t, g, pid, m, 0, MetricName.heapObjects, args[a]);
        break;
      case Ev.EvHeapGoal:
        pushMetric(b, t, g, pid, m, 0, MetricName.heapGoal, args[a]);
        break;
      case Ev.EvUserTaskCreate: {
        const name = str(args[a + 2]);
        tasks.set(args[a], [args[a + 1], name]);
        b.tasks.id.push(args[a]);
        b.tasks.parent.push(args[a + 1]);
        b.tasks.type.push(name);
        b.push(EventKind.TaskBegin, t, g, pid, m, s, b.tasks.id.length - 1);
        break;
      }
      case Ev.EvUserTaskEnd: {
        const [parent, name] = tasks.get(args[a]) ?? [0, 0];
        tasks.delete(args[a]);
        b.tasks.id.push(args[a]);
        b.tasks.parent.push(parent);
        b.tasks.type.push(name);
        b.push(EventKind.TaskEnd, t, g, pid, m, s, b.tasks.id.length - 1);
        break;
      }
      case Ev.EvUserRegion: {
        b.regions.task.push(args[a]);
        b.regions.type.push(str(args[a + 2]));
        const kind = args[a + 1] === 0 ? EventKind.RegionBegin : EventKind.RegionEnd;
        b.push(kind, t, g, pid, m, s, b.regions.task.length - 1);
        break;
      }
      case Ev.EvUserLog:
        b.logs.task.push(args[a]);
        b.logs.category.push(str(args[a + 1]));
        b.logs.message.push(b.intern(events.inlineStrings[args[a + 3]]));
        b.push(EventKind.Log, t, g, pid, m, s, b.logs.task.length - 1);
        break;
      case Ev.EvCPUSample:
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
  b.syncs.n.push(b.syncs.n.length + 1);
  b.syncs.clockTime.push(NaN);
  b.syncs.clockWallMs.push(NaN);
  b.syncs.clockMonoNs.push(NaN);
  b.push(EventKind.Sync, t, -1, -1, -1, 0, b.syncs.n.length - 1);
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
  b.metrics.name.push(b.intern(name));
  b.metrics.value.push(value);
  b.push(EventKind.Metric, t, g, p, m, s, b.metrics.name.length - 1);
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
): void {
  const r = b.ranges;
  r.name.push(name);
  r.scopeKind.push(scopeKind);
  r.scopeId.push(scopeId);
  r.sweptBytes.push(NaN);
  r.reclaimedBytes.push(NaN);
  b.push(kind, t, g, p, m, s, r.name.length - 1);
}
