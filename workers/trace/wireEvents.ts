import { GoState, ProcState } from './model';
/**
 * The wire event table of the Go 1.22+ trace format (Go's src/internal/trace/tracev2/events.go):
 * each event is a type byte followed by a fixed list of uvarint arguments; timed events start
 * with `dt`, the tick delta from the previous event of the same batch.
 */
export const Ev = {
  None: 0,
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  STWBegin: 26,
  STWEnd: 27,
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  GoStatusStack: 48,
  ExperimentalBatch: 49,
  Sync: 50,
  ClockSnapshot: 51,
  EndOfGeneration: 52,
} as const;

/** Experimental events (AllocFree, Go 1.23+) use ids 128..136; we skip their batches. */
export const firstExperimentalEv = 128;

export interface WireEventSpec {
  name: string;
  /** Argument names as the text format spells them, `dt` first for timed events. */
  args: string[];
  timed: boolean;
  /** Index (in args without dt) of the event's own stack, -1 if none. */
  stackArg: number;
  /** Indexes (in args without dt) of string ids, for table validation. */
  stringArgs: number[];
  /** The text format follows this event with frames (Stack) or a data line (String, batch). */
  isStack?: boolean;
  hasData?: boolean;
}

function timed(name: string, args: string[], stackArg = -1, stringArgs: number[] = []) {
  return { name, args: ['dt', ...args], timed: true, stackArg, stringArgs };
}
function untimed(name: string, args: string[], extra: Partial<WireEventSpec> = {}) {
  return { name, args, timed: false, stackArg: -1, stringArgs: [], ...extra };
}

/** Specs by event type; index = wire byte. */
export const wireSpecs: WireEventSpec[] = [
  untimed('None', []),
  untimed('EventBatch', ['gen', 'm', 'time', 'size']),
  untimed('Stacks', []),
  untimed('Stack', ['id', 'nframes'], { isStack: true }),
  untimed('Strings', []),
  untimed('String', ['id'], { hasData: true }),
  untimed('CPUSamples', []),
  untimed('CPUSample', ['time', 'm', 'p', 'g', 'stack']),
  untimed('Frequency', ['freq']),
  timed('ProcsChange', ['procs_value', 'stack'], 1),
  timed('ProcStart', ['p', 'p_seq']),
  timed('ProcStop', []),
  timed('ProcSteal', ['p', 'p_seq', 'm']),
  timed('ProcStatus', ['p', 'pstatus']),
  timed('GoCreate', ['new_g', 'new_stack', 'stack'], 2),
  timed('GoCreateSyscall', ['new_g']),
  timed('GoStart', ['g', 'g_seq']),
  timed('GoDestroy', []),
  timed('GoDestroySyscall', []),
  timed('GoStop', ['reason_string', 'stack'], 1, [0]),
  timed('GoBlock', ['reason_string', 'stack'], 1, [0]),
  timed('GoUnblock', ['g', 'g_seq', 'stack'], 2),
  timed('GoSyscallBegin', ['p_seq', 'stack'], 1),
  timed('GoSyscallEnd', []),
  timed('GoSyscallEndBlocked', []),
  timed('GoStatus', ['g', 'm', 'gstatus']),
  timed('STWBegin', ['kind_string', 'stack'], 1, [0]),
  timed('STWEnd', []),
  timed('GCActive', ['gc_seq']),
  timed('GCBegin', ['gc_seq', 'stack'], 1),
  timed('GCEnd', ['gc_seq']),
  timed('GCSweepActive', ['p']),
  timed('GCSweepBegin', ['stack'], 0),
  timed('GCSweepEnd', ['swept_value', 'reclaimed_value']),
  timed('GCMarkAssistActive', ['g']),
  timed('GCMarkAssistBegin', ['stack'], 0),
  timed('GCMarkAssistEnd', []),
  timed('HeapAlloc', ['heapalloc_value']),
  timed('HeapGoal', ['heapgoal_value']),
  timed('GoLabel', ['label_string'], -1, [0]),
  timed('UserTaskBegin', ['task', 'parent_task', 'name_string', 'stack'], 3, [2]),
  timed('UserTaskEnd', ['task', 'stack'], 1),
  timed('UserRegionBegin', ['task', 'name_string', 'stack'], 2, [1]),
  timed('UserRegionEnd', ['task', 'name_string', 'stack'], 2, [1]),
  timed('UserLog', ['task', 'key_string', 'value_string', 'stack'], 3, [1, 2]),
  timed('GoSwitch', ['g', 'g_seq']),
  timed('GoSwitchDestroy', ['g', 'g_seq']),
  timed('GoCreateBlocked', ['new_g', 'new_stack', 'stack'], 2),
  timed('GoStatusStack', ['g', 'm', 'gstatus', 'stack'], 3),
  untimed('ExperimentalBatch', ['exp', 'gen', 'm', 'time'], { hasData: true }),
  untimed('Sync', []),
  timed('ClockSnapshot', ['mono', 'sec', 'nsec']),
  untimed('EndOfGeneration', []),
];

/**
 * The last wire event each format version knows (Go's version.go slices the table the same
 * way): 1.22 ends at UserLog, 1.23 adds coroutine switches and experimental batches, 1.25 the
 * Sync batch and clock snapshot, 1.26 the in-band end of generation.
 */
export function lastEventOf(formatVersion: number): number {
  if (formatVersion >= 26) return Ev.EndOfGeneration;
  if (formatVersion >= 25) return Ev.ClockSnapshot;
  if (formatVersion >= 23) return Ev.ExperimentalBatch;
  return Ev.UserLog;
}

/** Goroutine statuses on the wire (tracev2.GoStatus). */
export const WireGoStatus = { Bad: 0, Runnable: 1, Running: 2, Syscall: 3, Waiting: 4 } as const;

/** P statuses on the wire (tracev2.ProcStatus). */
export const WireProcStatus = {
  Bad: 0,
  Running: 1,
  Idle: 2,
  Syscall: 3,
  SyscallAbandoned: 4,
} as const;

/** The model's state for each wire status: Go's tracev2GoStatus2GoState and ProcStatus2ProcState. */
export const goStateOfStatus = Uint8Array.of(
  GoState.Undetermined,
  GoState.Runnable,
  GoState.Running,
  GoState.Syscall,
  GoState.Waiting,
);
export const procStateOfStatus = Uint8Array.of(
  ProcState.Undetermined,
  ProcState.Running,
  ProcState.Idle,
  ProcState.Running,
  ProcState.Idle,
);

/** Limits the runtime guarantees (tracev2/events.go); bigger values mean a corrupt trace. */
export const maxBatchSize = 64 << 10;
export const maxFramesPerStack = 128;
export const maxStringSize = 1 << 10;
