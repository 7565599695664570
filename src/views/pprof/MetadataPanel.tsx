import type { PprofMetadata } from '../../../workers/pprof/metadataQuery';
import { formatValue } from '../units/formatValue';

/** What the profile says about itself: type, time, period, totals, comments, mappings. */
export function MetadataPanel({ meta, error }: { meta?: PprofMetadata; error?: string }) {
  if (error) return <div className="pp-query-error">{error}</div>;
  if (!meta) return <div className="pp-loading">Reading…</div>;
  const period = meta.periodType
    ? `${formatValue(meta.period, meta.periodType.unit)} of ${meta.periodType.type}`
    : String(meta.period);
  return (
    <div className="pp-meta" data-testid="metadata">
      <dl className="pp-facts">
        <dt>Profile type</dt>
        <dd>{meta.profileType}</dd>
        <dt>Time</dt>
        <dd>{meta.timeNanos ? formatTime(meta.timeNanos) : '—'}</dd>
        <dt>Duration</dt>
        <dd>{meta.durationNanos ? formatValue(meta.durationNanos, 'nanoseconds') : '—'}</dd>
        <dt>Period</dt>
        <dd>{meta.period ? period : '—'}</dd>
        <dt>Samples</dt>
        <dd>{meta.sampleCount.toLocaleString('en-US')}</dd>
        <dt>Locations / functions</dt>
        <dd>
          {meta.locationCount.toLocaleString('en-US')} /{' '}
          {meta.functionCount.toLocaleString('en-US')}
        </dd>
        {meta.dropFrames && (
          <>
            <dt>drop_frames</dt>
            <dd>
              <code>{meta.dropFrames}</code>
            </dd>
          </>
        )}
      </dl>
      <h3>Totals per sample type</h3>
      <table className="pp-table compact">
        <tbody>
          {meta.sampleTypes.map((t) => (
            <tr key={t.type}>
              <td>
                {t.type}
                {t.type === meta.defaultSampleType && <span className="pp-muted"> (default)</span>}
              </td>
              <td className="num">{formatValue(t.total, t.unit)}</td>
              <td className="pp-muted">{t.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {meta.comments.length > 0 && (
        <>
          <h3>Comments</h3>
          <ul>
            {meta.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Mappings</h3>
      {meta.mappings.length === 0 ? (
        <p className="pp-empty">None</p>
      ) : (
        <table className="pp-table compact">
          <thead>
            <tr>
              <th>file</th>
              <th>build ID</th>
              <th>address range</th>
              <th>symbols</th>
            </tr>
          </thead>
          <tbody>
            {meta.mappings.map((m, i) => (
              <tr key={i}>
                <td className="name">{m.file || '—'}</td>
                <td className="mono">{m.buildId || '—'}</td>
                <td className="mono">
                  {hex(m.memoryStart)}–{hex(m.memoryLimit)}
                </td>
                <td>
                  {[
                    m.hasFunctions && 'functions',
                    m.hasFilenames && 'files',
                    m.hasLineNumbers && 'lines',
                    m.hasInlineFrames && 'inlines',
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** As pprof prints it: "2026-11-22 13:43:41 UTC". */
function formatTime(nanos: number): string {
  return `${new Date(nanos / 1e6).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
