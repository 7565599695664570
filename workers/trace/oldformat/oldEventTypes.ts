// Event types of the Go 1.11–1.21 trace format ("v1"). The numbering is the runtime's own
// (src/runtime/trace.go up to Go 1.21; kept in Go's src/internal/trace/internal/tracev1/parser.go).

export const EvNone = 0;
export const EvBatch = 1; // [pid, ticks]
export const EvFrequency = 2; // [ticks per second]
export const EvStack = 3; // [id, nframes, {pc, func string id, file string id, line}...]
export const EvGomaxprocs = 4; // [ts, procs, stack]
export const EvProcStart = 5; // [ts, thread]
export const EvProcStop = 6; // [ts]
export const EvGCStart = 7; // [ts, seq, stack]
export const EvGCDone = 8; // [ts]
export const EvSTWStart = 9; // [ts, kind]
export const EvSTWDone = 10; // [ts]
export const EvGCSweepStart = 11; // [ts, stack]
export const EvGCSweepDone = 12; // [ts, swept, reclaimed]
export const EvGoCreate = 13; // [ts, new g, new stack, stack]
export const EvGoStart = 14; // [ts, g, seq]
export const EvGoEnd = 15; // [ts]
export const EvGoStop = 16; // [ts, stack]
export const EvGoSched = 17; // [ts, stack]
export const EvGoPreempt = 18; // [ts, stack]
export const EvGoSleep = 19; // [ts, stack]
export const EvGoBlock = 20; // [ts, stack]
export const EvGoUnblock = 21; // [ts, g, seq, stack]
export const EvGoBlockSend = 22; // [ts, stack]
export const EvGoBlockRecv = 23; // [ts, stack]
export const EvGoBlockSelect = 24; // [ts, stack]
export const EvGoBlockSync = 25; // [ts, stack]
export const EvGoBlockCond = 26; // [ts, stack]
export const EvGoBlockNet = 27; // [ts, stack]
export const EvGoSysCall = 28; // [ts, stack]
export const EvGoSysExit = 29; // [ts, g, seq, real ts]
export const EvGoSysBlock = 30; // [ts]
export const EvGoWaiting = 31; // [ts, g]: blocked when tracing started
export const EvGoInSyscall = 32; // [ts, g]: in a syscall when tracing started
export const EvHeapAlloc = 33; // [ts, heap live bytes]
export const EvHeapGoal = 34; // [ts, heap goal bytes]
export const EvTimerGoroutine = 35; // [g]
export const EvFutileWakeup = 36; // [ts]
export const EvString = 37; // [id, length, bytes]
export const EvGoStartLocal = 38; // [ts, g]
export const EvGoUnblockLocal = 39; // [ts, g, stack]
export const EvGoSysExitLocal = 40; // [ts, g, real ts]
export const EvGoStartLabel = 41; // [ts, g, seq, label string id]
export const EvGoBlockGC = 42; // [ts, stack]
export const EvGCMarkAssistStart = 43; // [ts, stack]
export const EvGCMarkAssistDone = 44; // [ts]
export const EvUserTaskCreate = 45; // [ts, task id, parent id, name string id, stack]
export const EvUserTaskEnd = 46; // [ts, task id, stack]
export const EvUserRegion = 47; // [ts, task id, mode (0 start, 1 end), name string id, stack]
export const EvUserLog = 48; // [ts, task id, key string id, stack] then an inline value string
export const EvCPUSample = 49; // [ts, real ts, p, g, stack] (1.19+)
export const EvCount = 50;

/** Number of logical arguments after the timestamp, stack excluded. */
const argCounts = new Uint8Array(EvCount);
/** 1 if the event's last argument is a stack id. */
const stackFlags = new Uint8Array(EvCount);
/** The oldest format (1.N) that has the event: 5 for all of 1.11's table, later for newer ones. */
const minVersions = new Uint8Array(EvCount);

function describe(ev: number, args: number, stack: boolean, since = 5): void {
  argCounts[ev] = args;
  stackFlags[ev] = stack ? 1 : 0;
  minVersions[ev] = since;
}

describe(EvBatch, 2, false);
describe(EvFrequency, 1, false);
describe(EvStack, 2, false);
describe(EvGomaxprocs, 1, true);
describe(EvProcStart, 1, false);
describe(EvProcStop, 0, false);
describe(EvGCStart, 1, true);
describe(EvGCDone, 0, false);
describe(EvSTWStart, 1, false);
describe(EvSTWDone, 0, false);
describe(EvGCSweepStart, 0, true);
describe(EvGCSweepDone, 2, false);
describe(EvGoCreate, 2, true);
describe(EvGoStart, 2, false);
describe(EvGoEnd, 0, false);
for (const ev of [
  EvGoStop,
  EvGoSched,
  EvGoPreempt,
  EvGoSleep,
  EvGoBlock,
  EvGoBlockSend,
  EvGoBlockRecv,
  EvGoBlockSelect,
  EvGoBlockSync,
  EvGoBlockCond,
  EvGoBlockNet,
  EvGoSysCall,
]) {
  describe(ev, 0, true);
}
describe(EvGoUnblock, 2, true);
describe(EvGoSysExit, 3, false);
describe(EvGoSysBlock, 0, false);
describe(EvGoWaiting, 1, false);
describe(EvGoInSyscall, 1, false);
describe(EvHeapAlloc, 1, false);
describe(EvHeapGoal, 1, false);
describe(EvTimerGoroutine, 1, false);
describe(EvFutileWakeup, 0, false);
describe(EvString, 0, false, 7);
describe(EvGoStartLocal, 1, false, 7);
describe(EvGoUnblockLocal, 1, true, 7);
describe(EvGoSysExitLocal, 2, false, 7);
describe(EvGoStartLabel, 3, false, 8);
describe(EvGoBlockGC, 0, true, 8);
describe(EvGCMarkAssistStart, 0, true, 9);
describe(EvGCMarkAssistDone, 0, false, 9);
describe(EvUserTaskCreate, 3, true, 11);
describe(EvUserTaskEnd, 1, true, 11);
describe(EvUserRegion, 3, true, 11);
describe(EvUserLog, 2, true, 11);
describe(EvCPUSample, 3, true, 19);

/** Whether the event type exists in the given format version (1.N). */
export function isKnownEvent(ev: number, version: number): boolean {
  return ev > EvNone && ev < EvCount && minVersions[ev] <= version;
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
  return ev === EvBatch || ev === EvFrequency || ev === EvTimerGoroutine ? n : n + 1;
}

/** Old block-style events: the running goroutine stops and waits. */
export function isBlockEvent(ev: number): boolean {
  return (
    (ev >= EvGoSleep && ev <= EvGoBlockNet && ev !== EvGoUnblock) ||
    ev === EvGoSysBlock ||
    ev === EvGoBlockGC
  );
}
