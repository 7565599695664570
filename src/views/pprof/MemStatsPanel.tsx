import { useFileQuery } from '../../engine/useFileQuery';
import type { OpenFile } from '../../store/session';
import type { MemStatsResult } from '../../../workers/heaptext/memStatsQuery';
import { formatValue } from '../units/formatValue';
import { HeapPauseHistory } from '../heaptext/HeapPauseHistory';

/** Fields of runtime.MemStats counted in bytes (the rest are counts, times or fractions). */
const byteFields =
  /^(Alloc|TotalAlloc|Sys|Heap(Alloc|Sys|Idle|Inuse|Released)|Stack(Inuse|Sys)|MSpan(Inuse|Sys)|MCache(Inuse|Sys)|BuckHashSys|GCSys|OtherSys|NextGC|MaxRSS)$/;

/** The runtime.MemStats section of a heap debug=1 dump, grouped as runtime/mstats.go does. */
export function MemStatsPanel({ file }: { file: OpenFile }) {
  const result = useFileQuery<MemStatsResult>(file.id, 'memstats', {});
  if (result.error) return <div className="pp-query-error">{result.error}</div>;
  const data = result.data;
  if (!data) return <div className="pp-loading">Reading…</div>;
  if (!data.present) return <p className="pp-empty">This dump has no runtime.MemStats section.</p>;
  return (
    <div className="pp-meta" data-testid="memstats">
      <HeapPauseHistory file={file} />
      {data.groups.map((g) => (
        <section key={g.name}>
          <h3>{g.title}</h3>
          <table className="pp-table compact">
            <tbody>
              {g.fields.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td className="num">{fieldText(f.name, f.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function fieldText(name: string, value: number): string {
  if (byteFields.test(name)) return formatValue(value, 'bytes');
  // LastGC is nanoseconds since 1970 (runtime/mstats.go).
  if (name === 'LastGC' && value > 0) {
    return `${new Date(value / 1e6).toISOString().slice(0, 23).replace('T', ' ')} UTC`;
  }
  return value.toLocaleString('en-US');
}
