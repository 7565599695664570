import { useEffect, useState } from 'react';
import { openSample, openUrl } from '../../loading/openFile';
import { showFilePicker } from '../../loading/OpenFilesButton';

interface SampleEntry {
  file: string;
  title: string;
  description: string;
  format: string;
  default?: boolean;
}

/** What a newcomer sees first: how to open their own data, and bundled samples to try. */
export function StartPage() {
  const samples = useSamples();
  const [url, setUrl] = useState('');
  return (
    <div className="start-page">
      <section className="start-intro">
        <h1>See what your Go program did</h1>
        <p>
          Drop a pprof profile, a <code>go tool trace</code> file, a <code>GODEBUG=gctrace=1</code>{' '}
          log, a heap profile page or a goroutine dump anywhere on this page — or paste one with
          Ctrl+V. Files are decoded in your browser and never leave your machine.
        </p>
        <div className="start-actions">
          <button className="primary big" onClick={showFilePicker}>
            Choose files…
          </button>
          <form
            className="url-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (url.trim()) void openUrl(url.trim());
            }}
          >
            <input
              type="url"
              placeholder="…or a URL to fetch (the server must allow CORS)"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-label="URL to open"
            />
            <button type="submit">Fetch</button>
          </form>
        </div>
      </section>
      <section className="samples" data-testid="samples">
        <h2>Samples</h2>
        <p className="muted">
          Real files written by the Go runtime from one run of a small busy program.
        </p>
        <ul>
          {samples.map((s) => (
            <li key={s.file}>
              <button
                className="sample"
                onClick={() => void openSample(s.file)}
                data-testid={`sample-${s.file}`}
              >
                <span className="sample-title">{s.title}</span>
                <span className="sample-format">{s.format}</span>
                <span className="sample-description">{s.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function useSamples(): SampleEntry[] {
  const [samples, setSamples] = useState<SampleEntry[]>([]);
  useEffect(() => {
    fetch(`${import.meta.env.BASE_URL}samples/manifest.json`)
      .then((r) => (r.ok ? r.json() : []))
      .then((list: SampleEntry[]) => setSamples(list.filter((s) => s.format !== 'json')))
      .catch(() => setSamples([]));
  }, []);
  return samples;
}
