import type { GcPauses } from '../../../workers/heaptext/parseMemStats';
import type { StwPauseSeries } from '../gc/chartData';

/**
 * MemStats' PauseNs/PauseEnd ring as STW pauses. PauseEnd is when a pause ended, so it starts
 * its length earlier; times are from the end of the oldest pause still in the ring. The runtime
 * records one figure per cycle (both pauses together, runtime/mgc.go gcMarkTermination), so there
 * is one reason.
 */
export function pauseHistory(pauses: GcPauses): StwPauseSeries {
  return {
    reasons: ['GC pause'],
    start: pauses.endOffsetNs.map((end, i) => end - pauses.durationNs[i]),
    duration: pauses.durationNs.slice(),
    reason: new Int32Array(pauses.durationNs.length),
  };
}
