// Event types of the Go 1.11–1.21 trace format ("v1"). The numbering is the runtime's own
// (src/runtime/trace.go up to Go 1.21; kept in Go's src/internal/trace/internal/tracev1/parser.go).

export const OldEv = {
  None: 0,
  Batch: 1, // [pid, ticks]
  Frequency: 2, // [ticks per second]
  Stack: 3, // [id, nframes, {pc, func string id, file string id, line}...]
  Gomaxprocs: 4, // [ts, procs, stack]
  ProcStart: 5, // [ts, thread]
  ProcStop: 6, // [ts]
  GCStart: 7, // [ts, seq, stack]
  GCDone: 8, // [ts]
  STWStart: 9, // [ts, kind]
  STWDone: 10, // [ts]
  GCSweepStart: 11, // [ts, stack]
  GCSweepDone: 12, // [ts, swept, reclaimed]
  GoCreate: 13, // [ts, new g, new stack, stack]
  GoStart: 14, // [ts, g, seq]
  GoEnd: 15, // [ts]
  GoStop: 16, // [ts, stack]
  GoSched: 17, // [ts, stack]
  GoPreempt: 18, // [ts, stack]
  GoSleep: 19, // [ts, stack]
  GoBlock: 20, // [ts, stack]
  GoUnblock: 21, // [ts, g, seq, stack]
  GoBlockSend: 22, // [ts, stack]
  GoBlockRecv: 23, // [ts, stack]
  GoBlockSelect: 24, // [ts, stack]
  GoBlockSync: 25, // [ts, stack]
  GoBlockCond: 26, // [ts, stack]
  GoBlockNet: 27, // [ts, stack]
  GoSysCall: 28, // [ts, stack]
  GoSysExit: 29, // [ts, g, seq, real ts]
  GoSysBlock: 30, // [ts]
  GoWaiting: 31, // [ts, g]: blocked when tracing started
  GoInSyscall: 32, // [ts, g]: in a syscall when tracing started
  HeapAlloc: 33, // [ts, heap live bytes]
  HeapGoal: 34, // [ts, heap goal bytes]
  TimerGoroutine: 35, // [g]
  FutileWakeup: 36, // [ts]
  String: 37, // [id, length, bytes]
  GoStartLocal: 38, // [ts, g]
  GoUnblockLocal: 39, // [ts, g, stack]
  GoSysExitLocal: 40, // [ts, g, real ts]
  GoStartLabel: 41, // [ts, g, seq, label string id]
  GoBlockGC: 42, // [ts, stack]
  GCMarkAssistStart: 43, // [ts, stack]
  GCMarkAssistDone: 44, // [ts]
  UserTaskCreate: 45, // [ts, task id, parent id, name string id, stack]
  UserTaskEnd: 46, // [ts, task id, stack]
  UserRegion: 47, // [ts, task id, mode (0 start, 1 end), name string id, stack]
  UserLog: 48, // [ts, task id, key string id, stack] then an inline value string
  CPUSample: 49, // [ts, real ts, p, g, stack] (1.19+)
  Count: 50,
} as const;

/** Number of logical arguments after the timestamp, stack excluded. */
const argCounts = new Uint8Array(OldEv.Count);
/** 1 if the event's last argument is a stack id. */
const stackFlags = new Uint8Array(OldEv.Count);
/** The oldest format (1.N) that has the event: 5 for all of 1.11's table, later for newer ones. */
const minVersions = new Uint8Array(OldEv.Count);

function describe(ev: number, args: number, stack: boolean, since = 5): void {
  argCounts[ev] = args;
  stackFlags[ev] = stack ? 1 : 0;
  minVersions[ev] = since;
}

describe(OldEv.Batch, 2, false);
describe(OldEv.Frequency, 1, false);
describe(OldEv.Stack, 2, false);
describe(OldEv.Gomaxprocs, 1, true);
describe(OldEv.ProcStart, 1, false);
describe(OldEv.ProcStop, 0, false);
describe(OldEv.GCStart, 1, true);
describe(OldEv.GCDone, 0, false);
describe(OldEv.STWStart, 1, false);
describe(OldEv.STWDone, 0, false);
describe(OldEv.GCSweepStart, 0, true);
describe(OldEv.GCSweepDone, 2, false);
describe(OldEv.GoCreate, 2, true);
describe(OldEv.GoStart, 2, false);
describe(OldEv.GoEnd, 0, false);
for (const ev of [
  OldEv.GoStop,
  OldEv.GoSched,
  OldEv.GoPreempt,
  OldEv.GoSleep,
  OldEv.GoBlock,
  OldEv.GoBlockSend,
  OldEv.GoBlockRecv,
  OldEv.GoBlockSelect,
  OldEv.GoBlockSync,
  OldEv.GoBlockCond,
  OldEv.GoBlockNet,
  OldEv.GoSysCall,
]) {
  describe(ev, 0, true);
}
describe(OldEv.GoUnblock, 2, true);
describe(OldEv.GoSysExit, 3, false);
describe(OldEv.GoSysBlock, 0, false);
describe(OldEv.GoWaiting, 1, false);
describe(OldEv.GoInSyscall, 1, false);
describe(OldEv.HeapAlloc, 1, false);
describe(OldEv.HeapGoal, 1, false);
describe(OldEv.TimerGoroutine, 1, false);
describe(OldEv.FutileWakeup, 0, false);
describe(OldEv.String, 0, false, 7);
describe(OldEv.GoStartLocal, 1, false, 7);
describe(OldEv.GoUnblockLocal, 1, true, 7);
describe(OldEv.GoSysExitLocal, 2, false, 7);
describe(OldEv.GoStartLabel, 3, false, 8);
describe(OldEv.GoBlockGC, 0, true, 8);
describe(OldEv.GCMarkAssistStart, 0, true, 9);
describe(OldEv.GCMarkAssistDone, 0, false, 9);
describe(OldEv.UserTaskCreate, 3, true, 11);
describe(OldEv.UserTaskEnd, 1, true, 11);
describe(OldEv.UserRegion, 3, true, 11);
describe(OldEv.UserLog, 2, true, 11);
describe(OldEv.CPUSample, 3, true, 19);

/** Whether the event type exists in the given format version (1.N). */
export function isKnownEvent(ev: number, version: number): boolean {
  return ev > OldEv.None && ev < OldEv.Count && minVersions[ev] <= version;
}

/** Whether the event's last wire argument is a stack id. */
export function hasStackArg(ev: number): boolean {
  return stackFlags[ev] === 1;
}

/**
 * How many varints an event carries on the wire: its arguments, its stack and (for all events
 * but the untimed ones) a leading timestamp delta.
 */
export function wireArgCount(ev: number): number {
  const n = argCounts[ev] + stackFlags[ev];
  return ev === OldEv.Batch || ev === OldEv.Frequency || ev === OldEv.TimerGoroutine ? n : n + 1;
}

/** Old block-style events: the running goroutine stops and waits. */
export function isBlockEvent(ev: number): boolean {
  return (
    (ev >= OldEv.GoSleep && ev <= OldEv.GoBlockNet && ev !== OldEv.GoUnblock) ||
    ev === OldEv.GoSysBlock ||
    ev === OldEv.GoBlockGC
  );
}
