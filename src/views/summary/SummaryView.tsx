import { useEffect, useState } from 'react';
import { summarizeFile } from '../../engine/fileWorkers';
import type { OpenFile } from '../../store/session';

/** Every field `summarize` reports for a file, as a table: the view of last resort. */
export function SummaryView({ file, title }: { file: OpenFile; title: string }) {
  const [summary, setSummary] = useState<Record<string, unknown>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    summarizeFile(file.id).then(
      (s) => live && setSummary(s),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [file.id]);
  return (
    <section className="summary-view" data-testid="summary">
      <h2>{title}</h2>
      {error && <p className="error-message">{error}</p>}
      <table className="kv">
        <tbody>
          {Object.entries(summary ?? {}).map(([key, value]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>
                <code>
                  {typeof value === 'object' ? JSON.stringify(value, null, 1) : String(value)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
