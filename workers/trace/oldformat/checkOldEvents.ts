import { DecodeError } from '../../decodeError';
import { OldEv, isBlockEvent } from './oldEventTypes';
import { GCP, NetpollP, TimerP } from './orderOldEvents';
import type { OldEvents } from './readOldEvents';

// A module-local alias: hot loops read plain object properties, not import bindings.
const Ev = OldEv;

const gDead = 0;
const gRunnable = 1;
const gRunning = 2;
const gWaiting = 3;

interface GoroutineCheck {
  state: number;
  /** Type of the event that last made it runnable or waiting (0 once it runs). */
  lastEvent: number;
  inMarkAssist: boolean;
}

interface ProcCheck {
  running: boolean;
  g: number;
  sweeping: boolean;
}

/**
 * Replays the ordered stream through the scheduler state machine of Go's old parser
 * (src/internal/trace/internal/tracev1/parser.go postProcessTrace): a P runs one goroutine at a
 * time, a goroutine is unblocked only while waiting, GC/STW/sweep ranges nest properly, and
 * regions end in the order they began. Along the way GC starts move to the GC pseudo-P and
 * network unblocks to the netpoller pseudo-P, and stack ids with no stack are cleared.
 */
export function checkOldEvents(events: OldEvents, order: Int32Array, time: Float64Array): void {
  const gs = new Map<number, GoroutineCheck>([[0, goroutine(gRunning)]]);
  const ps = new Map<number, ProcCheck>();
  const tasks = new Set<number>();
  const regions = new Map<number, number[]>();
  let inGC = false;
  let inSTW = false;
  const { type, p: procs, g: gors, args, stack } = events;

  // State of the event being checked, read by the helpers below.
  let typ = 0;
  let at = 0;
  let gid = 0;
  let pid = 0;
  let g = goroutine(gDead);
  let p: ProcCheck = { running: false, g: 0, sweeping: false };
  const fail = (what: string): never => {
    throw new DecodeError('trace', {}, 'a consistent trace', `${what} (time ${at})`);
  };
  const checkRunning = (allowG0: boolean) => {
    if (g.state !== gRunning) fail(`g ${gid} is not running while event ${typ}`);
    if (p.g !== gid) fail(`p ${pid} is not running g ${gid} while event ${typ}`);
    if (!allowG0 && gid === 0) fail(`g 0 did event ${typ}`);
  };

  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    typ = type[i];
    at = time[k];
    gid = gors[i];
    const known = gs.get(gid);
    g = known ?? goroutine(gDead);
    // Like Go, remember a goroutine only once an event changes it: GoCreate must find new ids
    // absent.
    if (!known && changesGoroutine(typ)) gs.set(gid, g);
    pid = procs[i];
    const knownP = ps.get(pid);
    p = knownP ?? { running: false, g: 0, sweeping: false };
    if (!knownP) ps.set(pid, p);

    switch (typ) {
      case Ev.ProcStart:
        if (p.running) fail(`p ${pid} is running before start`);
        p.running = true;
        break;
      case Ev.ProcStop:
        if (!p.running) fail(`p ${pid} is not running before stop`);
        if (p.g !== 0) fail(`p ${pid} is running a goroutine ${p.g} during stop`);
        p.running = false;
        break;
      case Ev.GCStart:
        if (inGC) fail('previous GC is not ended before a new one');
        inGC = true;
        procs[i] = GCP;
        break;
      case Ev.GCDone:
        if (!inGC) fail('bogus GC end');
        inGC = false;
        break;
      case Ev.STWStart:
        if (inSTW) fail('previous STW is not ended before a new one');
        inSTW = true;
        break;
      case Ev.STWDone:
        if (!inSTW) fail('bogus STW end');
        inSTW = false;
        break;
      case Ev.GCSweepStart:
        if (p.sweeping) fail('previous sweeping is not ended before a new one');
        p.sweeping = true;
        break;
      case Ev.GCSweepDone:
        if (!p.sweeping) fail('bogus sweeping end');
        p.sweeping = false;
        break;
      case Ev.GCMarkAssistStart:
        if (g.inMarkAssist) fail('previous mark assist is not ended before a new one');
        g.inMarkAssist = true;
        break;
      case Ev.GCMarkAssistDone:
        // An assist may already run when tracing starts, so a lone end is fine.
        g.inMarkAssist = false;
        break;
      case Ev.GoWaiting:
      case Ev.GoInSyscall:
        if (g.state !== gRunnable) fail(`g ${gid} is not runnable before event ${typ}`);
        g.state = gWaiting;
        g.lastEvent = typ;
        break;
      case Ev.GoCreate: {
        checkRunning(true);
        const created = args[i * 4];
        if (gs.has(created)) fail(`g ${created} already exists`);
        gs.set(created, { state: gRunnable, lastEvent: typ, inMarkAssist: false });
        break;
      }
      case Ev.GoStart:
      case Ev.GoStartLabel:
        if (g.state !== gRunnable) fail(`g ${gid} is not runnable before start`);
        if (p.g !== 0) fail(`p ${pid} is already running g ${p.g} while start g ${gid}`);
        g.state = gRunning;
        g.lastEvent = 0;
        p.g = gid;
        break;
      case Ev.GoEnd:
      case Ev.GoStop:
        checkRunning(false);
        g.state = gDead;
        p.g = 0;
        if (typ === Ev.GoEnd) regions.delete(gid);
        break;
      case Ev.GoSched:
      case Ev.GoPreempt:
        checkRunning(false);
        g.state = gRunnable;
        g.lastEvent = typ;
        p.g = 0;
        break;
      case Ev.GoUnblock: {
        if (g.state !== gRunning) fail(`g ${gid} is not running while unpark`);
        if (pid !== TimerP && p.g !== gid) fail(`p ${pid} is not running g ${gid} while unpark`);
        const target = args[i * 4];
        const g1 = gs.get(target) ?? goroutine(gDead);
        if (g1.state !== gWaiting) fail(`g ${target} is not waiting before unpark`);
        if (g1.lastEvent === Ev.GoBlockNet) procs[i] = NetpollP;
        g1.state = gRunnable;
        g1.lastEvent = typ;
        gs.set(target, g1);
        break;
      }
      case Ev.GoSysCall:
        checkRunning(false);
        g.lastEvent = typ;
        break;
      case Ev.GoSysBlock:
        checkRunning(false);
        g.state = gWaiting;
        p.g = 0;
        break;
      case Ev.GoSysExit:
        if (g.state !== gWaiting) fail(`g ${gid} is not waiting during syscall exit`);
        g.state = gRunnable;
        g.lastEvent = typ;
        break;
      case Ev.UserTaskCreate:
        if (tasks.has(args[i * 4])) fail(`task id conflicts (id:${args[i * 4]})`);
        tasks.add(args[i * 4]);
        break;
      case Ev.UserTaskEnd:
        tasks.delete(args[i * 4]);
        break;
      case Ev.UserRegion:
        checkRegion(regions, gid, args[i * 4], args[i * 4 + 1], args[i * 4 + 2], fail);
        break;
      default:
        if (isBlockEvent(typ)) {
          checkRunning(false);
          g.state = gWaiting;
          g.lastEvent = typ;
          p.g = 0;
        }
    }
    if (stack[i] !== 0 && !events.stackPcs.has(stack[i])) stack[i] = 0;
  }
}

function changesGoroutine(typ: number): boolean {
  switch (typ) {
    case Ev.GCMarkAssistStart:
    case Ev.GCMarkAssistDone:
    case Ev.GoWaiting:
    case Ev.GoInSyscall:
    case Ev.GoStart:
    case Ev.GoStartLabel:
    case Ev.GoEnd:
    case Ev.GoStop:
    case Ev.GoSched:
    case Ev.GoPreempt:
    case Ev.GoSysCall:
    case Ev.GoSysBlock:
    case Ev.GoSysExit:
      return true;
  }
  return isBlockEvent(typ);
}

function goroutine(state: number): GoroutineCheck {
  return { state, lastEvent: 0, inMarkAssist: false };
}

/** Regions nest per goroutine; an end must match the innermost open begin (task and name). */
function checkRegion(
  regions: Map<number, number[]>,
  g: number,
  task: number,
  mode: number,
  name: number,
  fail: (what: string) => never,
): void {
  const open = regions.get(g) ?? [];
  regions.set(g, open);
  if (mode === 0) {
    open.push(task, name);
  } else if (mode === 1) {
    // An end whose begin predates the trace has nothing to match.
    if (open.length === 0) return;
    if (open[open.length - 2] !== task || open[open.length - 1] !== name) {
      fail(`misuse of region in goroutine ${g}: end does not match the innermost open region`);
    }
    open.length -= 2;
  } else {
    fail(`invalid user region mode ${mode}`);
  }
}
