import { useMemo } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import type { OpenFile } from '../../store/session';
import type { MemStatsResult } from '../../../workers/heaptext/memStatsQuery';
import { StwSummary } from '../gc/StwSummary';
import { StwTimeline } from '../gc/StwTimeline';
import { QueryStatus } from '../pprof/QueryStatus';
import { pauseHistory } from './pauseHistory';
import './heapPauseHistory.css';

/**
 * The GC pauses a heap debug=1 dump's MemStats remembers (the last 256 cycles' PauseNs and
 * PauseEnd) as a timeline with statistics.
 */
export function HeapPauseHistory({ file }: { file: OpenFile }) {
  const result = useFileQuery<MemStatsResult>(file.id, 'memstats', {});
  const pauses = useMemo(() => result.data && pauseHistory(result.data.pauses), [result.data]);
  if (!result.data || !pauses) {
    return <QueryStatus loading={result.loading} error={result.error} hasData={false} />;
  }
  const numGC = result.data.groups.flatMap((g) => g.fields).find((f) => f.name === 'NumGC')?.value;
  const count = pauses.start.length;
  return (
    <section className="hp-pauses" data-testid="pause-history" data-count={count}>
      <h3>
        GC pause history{' '}
        <span className="hp-hint">
          {count.toLocaleString('en-US')} pauses
          {numGC !== undefined && numGC > count
            ? ` (the last ${count} of ${numGC.toLocaleString('en-US')} cycles: MemStats keeps 256)`
            : ''}
          , times from the end of the oldest
        </span>
      </h3>
      {count === 0 ? (
        <p className="pp-empty">No GC has run, so MemStats holds no pauses.</p>
      ) : (
        <>
          <StwTimeline pauses={pauses} timeOrigin="after the oldest pause" />
          <StwSummary pauses={pauses} />
        </>
      )}
    </section>
  );
}
