import type { EventWriter } from './eventWriter';
import { GoState, ProcState } from './model';
import {
  Ev,
  goStateOfStatus,
  procStateOfStatus,
  WireGoStatus as GS,
  WireProcStatus as PS,
  wireSpecs,
} from './wireEvents';
import { IdTable } from './idTable';
import { fromWire, TraceFormatError } from './wireReader';

// Everything the per-event paths read from other modules is copied here once: under CommonJS
// (Node through tsx) each use of an imported binding is a getter call, which made this loop
// several times slower.
const {
  ProcsChange,
  ProcStart,
  ProcStop,
  ProcSteal,
  ProcStatus,
  GoCreate,
  GoCreateSyscall,
  GoStart,
  GoDestroy,
  GoDestroySyscall,
  GoStop,
  GoBlock,
  GoUnblock,
  GoSyscallBegin,
  GoSyscallEnd,
  GoSyscallEndBlocked,
  GoStatus,
  STWBegin,
  STWEnd,
  GCActive,
  GCBegin,
  GCEnd,
  GCSweepActive,
  GCSweepBegin,
  GCSweepEnd,
  GCMarkAssistActive,
  GCMarkAssistBegin,
  GCMarkAssistEnd,
  HeapAlloc,
  HeapGoal,
  GoLabel,
  UserTaskBegin,
  UserTaskEnd,
  UserRegionBegin,
  UserRegionEnd,
  UserLog,
  GoSwitch,
  GoSwitchDestroy,
  GoCreateBlocked,
  GoStatusStack,
} = Ev;
const gsRunnable = GS.Runnable;
const gsRunning = GS.Running;
const gsSyscall = GS.Syscall;
const gsWaiting = GS.Waiting;
const psRunning = PS.Running;
const psIdle = PS.Idle;
const psSyscall = PS.Syscall;
const psSyscallAbandoned = PS.SyscallAbandoned;
const wireId = fromWire;

/** The event a batch cursor is looking at: its wire type, time (ns) and arguments after dt. */
export interface PendingEvent {
  typ: number;
  time: number;
  args: Float64Array;
}

interface GState {
  id: number;
  status: number;
  seqGen: number;
  seq: number;
  /** Open user regions, innermost last: task id and global name string id, interleaved. */
  regions: number[];
  /** In-flight ranges as rangeKey(begin event type, global description string id). */
  ranges: number[];
}

interface PState {
  id: number;
  status: number;
  seqGen: number;
  seq: number;
  ranges: number[];
}

interface MState {
  g: number;
  p: number;
}

const none = -1;
const gcUndetermined = 0;
const gcNotRunning = 1;
const gcRunning = 2;

const MUST_NOT = 0;
const MAY = 1;
const MUST = 2;

/**
 * The begin event of each range event (tracev2 StartEv); a begin event is its own. A typed
 * table, since an object keyed by a few scattered numbers is a slow dictionary.
 */
const rangeStart = Uint8Array.from({ length: 256 }, (_, typ) => typ);
rangeStart[STWEnd] = STWBegin;
rangeStart[GCSweepActive] = GCSweepBegin;
rangeStart[GCSweepEnd] = GCSweepBegin;
rangeStart[GCMarkAssistActive] = GCMarkAssistBegin;
rangeStart[GCMarkAssistEnd] = GCMarkAssistBegin;

function rangeKey(typ: number, desc: number): number {
  return rangeStart[typ] + desc * 64;
}

/**
 * Puts the events of all threads into one valid order, as Go's src/internal/trace/order.go
 * does: an event may advance only when the state it needs holds (sequence numbers per G and P,
 * the GC sequence, the thread's current G and P). Returns false for "not yet"; throws
 * TraceFormatError when the trace is inconsistent. Advanced events go to the EventWriter with
 * the scheduling context they happened in.
 */
export class Ordering {
  private readonly gStates = new IdTable<GState>();
  private readonly pStates = new IdTable<PState>();
  private readonly mStates = new Map<number, MState>();
  // Consecutive events mostly come from the same thread: its state, without a Map lookup.
  private lastM = none;
  private lastMState: MState = { g: none, p: none };
  private readonly activeTasks = new Map<number, { name: number; parent: number }>();
  private gcSeq = 0;
  private gcState = gcUndetermined;
  private initialGen = 0;
  private readonly scratch = new Float64Array(5);

  // The context of the event being advanced (Go's curCtx) and the one after it (newCtx).
  private g = none;
  private p = none;
  private m = none;
  private newG = none;
  private newP = none;

  constructor(private readonly out: EventWriter) {}

  advance(ev: PendingEvent, m: number, gen: number): boolean {
    if (this.initialGen === 0) this.initialGen = gen;
    let ms: MState | undefined;
    this.m = m;
    if (m === none) {
      this.g = none;
      this.p = none;
    } else if (m === this.lastM) {
      ms = this.lastMState;
      this.g = ms.g;
      this.p = ms.p;
    } else {
      ms = this.mStates.get(m);
      if (!ms) {
        ms = { g: none, p: none };
        this.mStates.set(m, ms);
      }
      this.lastM = m;
      this.lastMState = ms;
      this.g = ms.g;
      this.p = ms.p;
    }
    this.newG = this.g;
    this.newP = this.p;
    const ok = this.dispatch(ev, gen);
    if (ok && ms) {
      ms.g = this.newG;
      ms.p = this.newP;
    }
    return ok;
  }

  private dispatch(ev: PendingEvent, gen: number): boolean {
    // Cases are tested in order: the common scheduling, heap and GC events come first.
    switch (ev.typ) {
      case GoStart:
        return this.goStart(ev, gen);
      case GoDestroy:
      case GoStop:
      case GoBlock:
        return this.goStopExec(ev);
      case GoUnblock:
        return this.goUnblock(ev, gen);
      case HeapAlloc:
      case HeapGoal:
        this.validate(MUST, MUST, MAY);
        return this.emit(ev);
      case GCSweepBegin:
        return this.sweepBegin(ev);
      case GCSweepEnd:
        return this.sweepEnd(ev);
      case STWBegin:
      case GCMarkAssistBegin:
        return this.goRangeBegin(ev);
      case STWEnd:
      case GCMarkAssistEnd:
        return this.goRangeEnd(ev);
      case GoCreate:
      case GoCreateBlocked:
        return this.goCreate(ev, gen);
      case ProcsChange:
      case GoLabel:
      case UserLog:
        return this.annotation(ev);
      case ProcStart:
        return this.procStart(ev, gen);
      case ProcStop:
        return this.procStop(ev);
      case ProcSteal:
        return this.procSteal(ev, gen);
      case ProcStatus:
        return this.procStatus(ev, gen);
      case GoCreateSyscall:
        return this.goCreateSyscall(ev, gen);
      case GoDestroySyscall:
        return this.goDestroySyscall(ev);
      case GoSyscallBegin:
        return this.goSyscallBegin(ev, gen);
      case GoSyscallEnd:
        return this.goSyscallEnd(ev);
      case GoSyscallEndBlocked:
        return this.goSyscallEndBlocked(ev);
      case GoStatus:
      case GoStatusStack:
        return this.goStatus(ev, gen);
      case GCMarkAssistActive:
        return this.goRangeActive(ev, gen);
      case GCActive:
        return this.gcActive(ev, gen);
      case GCBegin:
        return this.gcBegin(ev);
      case GCEnd:
        return this.gcEnd(ev);
      case GCSweepActive:
        return this.sweepActive(ev, gen);
      case UserTaskBegin:
        return this.taskBegin(ev);
      case UserTaskEnd:
        return this.taskEnd(ev);
      case UserRegionBegin:
      case UserRegionEnd:
        return this.region(ev);
      case GoSwitch:
      case GoSwitchDestroy:
        return this.goSwitch(ev, gen);
    }
    throw this.fail(`bad event type found while ordering: ${ev.typ}`);
  }

  private emit(ev: PendingEvent, extra0 = 0, extra1 = 0): boolean {
    this.out.wire(ev.typ, ev, this.g, this.p, this.m, ev.args, extra0, extra1);
    return true;
  }

  private fail(message: string): TraceFormatError {
    return new TraceFormatError(0, message);
  }

  private name(typ: number): string {
    return wireSpecs[typ].name;
  }

  /** Go's validateCtx over the current context. */
  private validate(m: number, p: number, g: number): void {
    check(m, this.m, 'thread');
    check(p, this.p, 'proc');
    check(g, this.g, 'goroutine');
  }

  private annotation(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    return this.emit(ev);
  }

  private procStatus(ev: PendingEvent, gen: number): boolean {
    const pid = wireId(ev.args[0]);
    const status = ev.args[1];
    if (status > psSyscallAbandoned) throw this.fail(`invalid status for proc ${pid}: ${status}`);
    let oldState: number = procStateOfStatus[status];
    const s = this.pStates.get(pid);
    if (s) {
      if (status === psSyscallAbandoned && s.status === psSyscall) {
        // The P was in a syscall last generation and is now stolen: keep Syscall.
        oldState = ProcState.Running;
        ev.args[1] = psSyscall;
      } else if (status === psSyscallAbandoned && s.status === psSyscallAbandoned) {
        oldState = ProcState.Idle;
        ev.args[1] = psSyscallAbandoned;
      } else if (s.status !== status) {
        throw this.fail(`inconsistent status for proc ${pid}: old ${s.status} vs. new ${status}`);
      }
      s.seqGen = gen;
      s.seq = 0;
    } else {
      this.pStates.set(pid, { id: pid, status, seqGen: gen, seq: 0, ranges: [] });
      oldState = gen === this.initialGen ? ProcState.Undetermined : ProcState.NotExist;
    }
    if (status === psRunning || status === psSyscall) this.newP = pid;
    if (status === psSyscallAbandoned && oldState === ProcState.Running) {
      // The event describes a P about to be stolen: attribute it to the thread that has it.
      let found = false;
      for (const [mid, ms] of this.mStates) {
        if (ms.p === pid) {
          this.m = mid;
          this.p = pid;
          this.g = ms.g;
          found = true;
        }
      }
      if (!found)
        throw this.fail(`failed to find sched context for proc ${pid} that's about to be stolen`);
    }
    return this.emit(ev, oldState);
  }

  private procStart(ev: PendingEvent, gen: number): boolean {
    const pid = wireId(ev.args[0]);
    const state = this.pStates.get(pid);
    if (!state || state.status !== psIdle || !succeeds(gen, ev.args[1], state) || this.p !== none) {
      return false;
    }
    this.validate(MUST, MUST_NOT, MAY);
    state.status = psRunning;
    state.seq = ev.args[1];
    this.newP = pid;
    return this.emit(ev);
  }

  private procStop(ev: PendingEvent): boolean {
    const state = this.pStates.get(this.p);
    if (!state)
      throw this.fail(`event ${this.name(ev.typ)} for proc (${this.p}) that doesn't exist`);
    if (state.status !== psRunning && state.status !== psSyscall) {
      throw this.fail(`${this.name(ev.typ)} event for proc that's not Running or Syscall`);
    }
    this.validate(MUST, MUST, MAY);
    state.status = psIdle;
    this.newP = none;
    return this.emit(ev);
  }

  private procSteal(ev: PendingEvent, gen: number): boolean {
    const pid = wireId(ev.args[0]);
    const state = this.pStates.get(pid);
    if (
      !state ||
      (state.status !== psSyscall && state.status !== psSyscallAbandoned) ||
      !succeeds(gen, ev.args[1], state)
    ) {
      return false;
    }
    this.validate(MUST, MAY, MAY);
    const oldStatus = state.status;
    state.status = psIdle;
    state.seq = ev.args[1];
    if (oldStatus === psSyscallAbandoned) return this.emit(ev, oldStatus);
    const mid = wireId(ev.args[2]);
    if (mid === this.m) {
      if (this.p !== pid) {
        throw this.fail(
          `tried to self-steal proc ${pid} (thread ${mid}), but got proc ${this.p} instead`,
        );
      }
      this.newP = none;
      return this.emit(ev, oldStatus);
    }
    const ms = this.mStates.get(mid);
    if (!ms) throw this.fail(`stole proc from non-existent thread ${mid}`);
    if (ms.p !== pid) {
      throw this.fail(
        `tried to steal proc ${pid} from thread ${mid}, but got proc ${ms.p} instead`,
      );
    }
    ms.p = none;
    return this.emit(ev, oldStatus);
  }

  private goStatus(ev: PendingEvent, gen: number): boolean {
    const gid = wireId(ev.args[0]);
    const mid = wireId(ev.args[1]);
    const status = ev.args[2];
    if (status > gsWaiting) throw this.fail(`invalid status for goroutine ${gid}: ${status}`);
    let oldState: number = goStateOfStatus[status];
    const s = this.gStates.get(gid);
    if (s) {
      if (s.status !== status) {
        throw this.fail(
          `inconsistent status for goroutine ${gid}: old ${s.status} vs. new ${status}`,
        );
      }
      s.seqGen = gen;
      s.seq = 0;
    } else if (gen === this.initialGen) {
      this.gStates.set(gid, newG(gid, status, gen));
      oldState = GoState.Undetermined;
    } else {
      throw this.fail(
        `found goroutine status for new goroutine after the first generation: id=${gid} status=${status}`,
      );
    }
    if (status === gsRunning) {
      this.newG = gid;
    } else if (status === gsSyscall) {
      if (mid === none) throw this.fail(`found goroutine ${gid} in syscall without a thread`);
      if (mid === this.m) {
        if (gen !== this.initialGen && this.g !== gid) {
          throw this.fail(
            `inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${this.g}`,
          );
        }
        this.newG = gid;
      } else {
        // A goroutine in a syscall on another thread (without a P): its event belongs there.
        const ms = this.mStates.get(mid);
        if (ms) {
          if (ms.g !== gid) {
            throw this.fail(
              `inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${ms.g}`,
            );
          }
          this.g = ms.g;
        } else {
          this.mStates.set(mid, { g: gid, p: none });
        }
        this.m = mid;
      }
    }
    return this.emit(ev, oldState);
  }

  private goCreate(ev: PendingEvent, gen: number): boolean {
    this.validate(MUST, MUST, MAY);
    const cur = this.gStates.get(this.g);
    if (cur && cur.status !== gsRunning) {
      throw this.fail(`${this.name(ev.typ)} event for goroutine that's not Running`);
    }
    const gid = wireId(ev.args[0]);
    if (this.gStates.has(gid))
      throw this.fail(`tried to create goroutine (${gid}) that already exists`);
    const status = ev.typ === GoCreateBlocked ? gsWaiting : gsRunnable;
    this.gStates.set(gid, newG(gid, status, gen));
    return this.emit(ev);
  }

  private goStopExec(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    const state = this.runningG(ev, gsRunning);
    if (ev.typ === GoDestroy) this.gStates.delete(this.g);
    else state.status = ev.typ === GoStop ? gsRunnable : gsWaiting;
    this.newG = none;
    return this.emit(ev);
  }

  /** The state of the current goroutine, which must exist and be in `status`. */
  private runningG(ev: PendingEvent, status: number): GState {
    const state = this.gStates.get(this.g);
    if (!state)
      throw this.fail(`event ${this.name(ev.typ)} for goroutine (${this.g}) that doesn't exist`);
    if (state.status !== status) {
      throw this.fail(
        `${this.name(ev.typ)} event for goroutine that's not ${status === gsRunning ? 'Running' : 'Syscall'}`,
      );
    }
    return state;
  }

  private goStart(ev: PendingEvent, gen: number): boolean {
    const gid = wireId(ev.args[0]);
    const state = this.gStates.get(gid);
    if (!state || state.status !== gsRunnable || !succeeds(gen, ev.args[1], state)) return false;
    this.validate(MUST, MUST, MUST_NOT);
    state.status = gsRunning;
    state.seq = ev.args[1];
    this.newG = gid;
    return this.emit(ev);
  }

  private goUnblock(ev: PendingEvent, gen: number): boolean {
    const state = this.gStates.get(wireId(ev.args[0]));
    if (!state || state.status !== gsWaiting || !succeeds(gen, ev.args[1], state)) return false;
    state.status = gsRunnable;
    state.seq = ev.args[1];
    return this.emit(ev);
  }

  /**
   * A coroutine switch (iter.Pull) hands the thread from the current goroutine to another; Go
   * splits it into the switch (which unblocks the next goroutine), a block or destroy of the
   * current one, and a start of the next one.
   */
  private goSwitch(ev: PendingEvent, gen: number): boolean {
    this.validate(MUST, MUST, MUST);
    const cur = this.runningG(ev, gsRunning);
    const next = wireId(ev.args[0]);
    const seq = ev.args[1];
    const nextState = this.gStates.get(next);
    if (!nextState || nextState.status !== gsWaiting || !succeeds(gen, seq, nextState))
      return false;
    this.emit(ev);
    const a = this.scratch;
    if (ev.typ === GoSwitch) {
      cur.status = gsWaiting;
      a[0] = 0;
      a[1] = 0;
      this.out.wire(GoBlock, ev, this.g, this.p, this.m, a);
    } else {
      this.gStates.delete(this.g);
      this.out.wire(GoDestroy, ev, this.g, this.p, this.m, a);
    }
    nextState.status = gsRunning;
    nextState.seq = seq;
    this.newG = next;
    a[0] = next;
    a[1] = seq;
    this.out.wire(GoStart, ev, none, this.p, this.m, a);
    return true;
  }

  private goSyscallBegin(ev: PendingEvent, gen: number): boolean {
    this.validate(MUST, MUST, MUST);
    const state = this.runningG(ev, gsRunning);
    state.status = gsSyscall;
    const ps = this.pStates.get(this.p);
    if (!ps) throw this.fail(`uninitialized proc ${this.p} found during ${this.name(ev.typ)}`);
    ps.status = psSyscall;
    if (!succeeds(gen, ev.args[0], ps)) {
      throw this.fail(
        `failed to advance ${this.name(ev.typ)}: can't make sequence: ${ps.seq} (gen=${ps.seqGen}) -> ${ev.args[0]} (gen=${gen})`,
      );
    }
    ps.seq = ev.args[0];
    return this.emit(ev);
  }

  private goSyscallEnd(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    const state = this.runningG(ev, gsSyscall);
    state.status = gsRunning;
    const ps = this.pStates.get(this.p);
    if (!ps) throw this.fail(`uninitialized proc ${this.p} found during ${this.name(ev.typ)}`);
    if (ps.status !== psSyscall) {
      throw this.fail(`expected proc ${this.p} in state Syscall, but got ${ps.status} instead`);
    }
    ps.status = psRunning;
    return this.emit(ev);
  }

  private goSyscallEndBlocked(ev: PendingEvent): boolean {
    if (this.p !== none) {
      const ps = this.pStates.get(this.p);
      if (!ps) throw this.fail(`uninitialized proc ${this.p} found during ${this.name(ev.typ)}`);
      // Still in a syscall: wait for the ProcSteal that takes the P away.
      if (ps.status === psSyscall) return false;
    }
    this.validate(MUST, MAY, MUST);
    const state = this.runningG(ev, gsSyscall);
    this.newG = none;
    state.status = gsRunnable;
    return this.emit(ev);
  }

  private goCreateSyscall(ev: PendingEvent, gen: number): boolean {
    this.validate(MUST, MAY, MUST_NOT);
    const gid = wireId(ev.args[0]);
    if (this.gStates.has(gid)) {
      throw this.fail(`tried to create goroutine (${gid}) in syscall that already exists`);
    }
    this.gStates.set(gid, newG(gid, gsSyscall, gen));
    this.newG = gid;
    return this.emit(ev);
  }

  private goDestroySyscall(ev: PendingEvent): boolean {
    this.validate(MUST, MAY, MUST);
    this.runningG(ev, gsSyscall);
    this.gStates.delete(this.g);
    this.newG = none;
    if (this.p !== none) {
      // A cgo callback thread leaving Go with a P: the P is implicitly stolen.
      const ps = this.pStates.get(this.p);
      if (!ps) throw this.fail(`found invalid proc ${this.p} during ${this.name(ev.typ)}`);
      if (ps.status !== psSyscall) {
        throw this.fail(
          `proc ${this.p} in unexpected state ${ps.status} during ${this.name(ev.typ)}`,
        );
      }
      ps.status = psSyscallAbandoned;
      this.newP = none;
      const a = this.scratch;
      a[0] = this.p;
      a[1] = 0;
      a[2] = 0;
      this.out.wire(ProcSteal, ev, this.g, this.p, this.m, a, psSyscall);
    }
    return this.emit(ev);
  }

  private taskBegin(ev: PendingEvent): boolean {
    const id = ev.args[0];
    if (this.activeTasks.has(id)) throw this.fail(`task ID conflict: ${id}`);
    // The background task 0 as parent means no parent.
    if (ev.args[1] === 0) ev.args[1] = 2 ** 64;
    const name = this.out.string(ev.args[2], ev.typ);
    this.activeTasks.set(id, { name, parent: ev.args[1] });
    this.validate(MUST, MUST, MUST);
    return this.emit(ev);
  }

  private taskEnd(ev: PendingEvent): boolean {
    const id = ev.args[0];
    const task = this.activeTasks.get(id);
    this.activeTasks.delete(id);
    this.validate(MUST, MUST, MUST);
    return this.emit(ev, task ? task.parent : 2 ** 64, task ? task.name : 0);
  }

  private region(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    const task = ev.args[0];
    const name = this.out.string(ev.args[1], ev.typ);
    const state = this.gStates.get(this.g);
    const kind = ev.typ === UserRegionBegin ? 'EvUserRegionBegin' : 'EvUserRegionEnd';
    if (!state)
      throw this.fail(`encountered ${kind} without known state for current goroutine ${this.g}`);
    const regions = state.regions;
    if (ev.typ === UserRegionBegin) {
      regions.push(task, name);
    } else if (regions.length > 0) {
      // Regions that began before the trace started are unknown: an end with none open is fine.
      const n = regions.length;
      if (regions[n - 2] !== task || regions[n - 1] !== name) {
        throw this.fail(
          `misuse of region in goroutine ${this.g}: region end does not match the inner-most active region`,
        );
      }
      regions.length = n - 2;
    }
    return this.emit(ev);
  }

  private gcActive(ev: PendingEvent, gen: number): boolean {
    const seq = ev.args[0];
    if (gen === this.initialGen) {
      if (this.gcState !== gcUndetermined) {
        throw this.fail("GCActive in the first generation isn't first GC event");
      }
      this.gcSeq = seq;
      this.gcState = gcRunning;
      return this.emit(ev);
    }
    if (seq !== this.gcSeq + 1) return false;
    if (this.gcState !== gcRunning)
      throw this.fail('encountered GCActive while GC was not in progress');
    this.gcSeq = seq;
    this.validate(MUST, MUST, MUST);
    return this.emit(ev);
  }

  private gcBegin(ev: PendingEvent): boolean {
    const seq = ev.args[0];
    if (this.gcState === gcUndetermined) {
      this.gcSeq = seq;
      this.gcState = gcRunning;
      return this.emit(ev);
    }
    if (seq !== this.gcSeq + 1) return false;
    if (this.gcState === gcRunning)
      throw this.fail('encountered GCBegin while GC was already in progress');
    this.gcSeq = seq;
    this.gcState = gcRunning;
    this.validate(MUST, MUST, MUST);
    return this.emit(ev);
  }

  private gcEnd(ev: PendingEvent): boolean {
    const seq = ev.args[0];
    if (seq !== this.gcSeq + 1) return false;
    if (this.gcState === gcNotRunning)
      throw this.fail('encountered GCEnd when GC was not in progress');
    if (this.gcState === gcUndetermined) {
      throw this.fail('encountered GCEnd when GC was in an undetermined state');
    }
    this.gcSeq = seq;
    this.gcState = gcNotRunning;
    this.validate(MUST, MUST, MUST);
    return this.emit(ev);
  }

  private sweepBegin(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MAY);
    this.beginRange(this.pStates.get(this.p)!.ranges, rangeKey(ev.typ, 0), ev.typ);
    return this.emit(ev);
  }

  private sweepActive(ev: PendingEvent, gen: number): boolean {
    const pid = wireId(ev.args[0]);
    const ps = this.pStates.get(pid);
    if (!ps) throw this.fail(`encountered GCSweepActive for unknown proc ${pid}`);
    this.activeRange(ps.ranges, rangeKey(ev.typ, 0), ev.typ, gen === this.initialGen);
    return this.emit(ev);
  }

  private sweepEnd(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MAY);
    this.endRange(this.pStates.get(this.p)!.ranges, ev.typ);
    return this.emit(ev);
  }

  private goRangeBegin(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    const desc = ev.typ === STWBegin ? this.out.string(ev.args[0], ev.typ) : 0;
    const state = this.gStates.get(this.g);
    if (!state) {
      throw this.fail(
        `encountered event of type ${ev.typ} without known state for current goroutine ${this.g}`,
      );
    }
    this.beginRange(state.ranges, rangeKey(ev.typ, desc), ev.typ);
    return this.emit(ev);
  }

  private goRangeActive(ev: PendingEvent, gen: number): boolean {
    const gid = wireId(ev.args[0]);
    const state = this.gStates.get(gid);
    if (!state) throw this.fail(`uninitialized goroutine ${gid} found during ${this.name(ev.typ)}`);
    this.activeRange(state.ranges, rangeKey(ev.typ, 0), ev.typ, gen === this.initialGen);
    return this.emit(ev);
  }

  private goRangeEnd(ev: PendingEvent): boolean {
    this.validate(MUST, MUST, MUST);
    const state = this.gStates.get(this.g);
    if (!state) {
      throw this.fail(
        `encountered event of type ${ev.typ} without known state for current goroutine ${this.g}`,
      );
    }
    const desc = this.endRange(state.ranges, ev.typ);
    return this.emit(ev, desc);
  }

  private beginRange(ranges: number[] | undefined, key: number, typ: number): void {
    if (!ranges) throw this.fail(`${this.name(typ)} for a proc that doesn't exist`);
    if (ranges.includes(key)) {
      throw this.fail(
        `discovered event already in-flight for when starting event ${this.name(typ)}`,
      );
    }
    ranges.push(key);
  }

  private activeRange(ranges: number[], key: number, typ: number, initialGen: boolean): void {
    if (initialGen) {
      if (ranges.includes(key))
        throw this.fail(`found named active range already in first gen: ${this.name(typ)}`);
      ranges.push(key);
    } else if (!ranges.includes(key)) {
      throw this.fail(`resource is missing active range: ${this.name(typ)}`);
    }
  }

  /** Ends the in-flight range begun by the start event of `typ`; returns its description. */
  private endRange(ranges: number[] | undefined, typ: number): number {
    const start = rangeStart[typ];
    // A plain loop: a findIndex callback would be one closure per range end.
    let idx = -1;
    for (let k = 0; ranges && k < ranges.length && idx < 0; k++) {
      if (ranges[k] % 64 === start) idx = k;
    }
    if (!ranges || idx < 0)
      throw this.fail(`tried to end event ${this.name(start)}, but not in-flight`);
    const desc = Math.floor(ranges[idx] / 64);
    ranges[idx] = ranges[ranges.length - 1];
    ranges.pop();
    return desc;
  }
}

function newG(id: number, status: number, gen: number): GState {
  return { id, status, seqGen: gen, seq: 0, regions: [], ranges: [] };
}

/** Go's seqCounter.succeeds: same generation, next number. */
function succeeds(gen: number, seq: number, state: { seqGen: number; seq: number }): boolean {
  return state.seqGen === gen && seq === state.seq + 1;
}

function check(req: number, value: number, what: string): void {
  if (req === MUST && value === none)
    throw new TraceFormatError(0, `expected a ${what} but didn't have one`);
  if (req === MUST_NOT && value !== none)
    throw new TraceFormatError(0, `expected no ${what} but had one`);
}
