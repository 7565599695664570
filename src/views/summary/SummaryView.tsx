import type { OpenFile } from '../../store/session';

/** Every field `summarize` reports for a file, as a table: the view of last resort. */
export function SummaryView({ file, title }: { file: OpenFile; title: string }) {
  const summary = file.info?.summary ?? {};
  return (
    <section className="summary-view" data-testid="summary">
      <h2>{title}</h2>
      <table className="kv">
        <tbody>
          {Object.entries(summary).map(([key, value]) => (
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
