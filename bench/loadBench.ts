import { appUrl, startApp } from './appServer';
import {
  closePage,
  longestTask,
  newTimedPage,
  readPageTimings,
  waitFirstSeen,
} from './browserSession';
import { largestSample } from './inputs';
import type { BenchOptions } from './options';
import { writeResults } from './results';
import { printSkipped, printTable, row, type Row } from './stats';

const readySelector = '[data-testid=file-view][data-format]';
const paintedSelector = '[data-painted]';
/** A view that paints no canvas (no data-painted) counts as painted when the file view shows. */
const paintWaitMs = 30_000;

interface LoadRun {
  fetchMs: number;
  /** From the response to the worker's last inflate report: worker start-up, transfer, inflate. */
  inflateMs: number | undefined;
  /** The worker's first to last parse report. */
  parseMs: number | undefined;
  /** From the end of decoding (or of the fetch) until the file view shows: summary, messaging. */
  readyMs: number;
  /** From the file view showing until a view marks itself painted. */
  paintMs: number;
  /** Navigation to the first painted view. */
  totalMs: number;
  longestTaskMs: number;
}

/**
 * The load benchmark: the largest bundled sample opened with `?sample=<name>` in Chromium,
 * timed phase by phase, and the longest main-thread task over the whole load.
 */
export async function loadBench(options: BenchOptions): Promise<void> {
  const sample = largestSample();
  await startApp();
  const runs: LoadRun[] = [];
  let unpainted = false;
  // Page loads are cheap, so this one takes more runs than the heavy benchmarks.
  const count = options.quick ? 2 : options.runs * 2 + 1;
  for (let i = 0; i < count; i++) {
    const page = await newTimedPage([readySelector, paintedSelector]);
    try {
      await page.goto(`${appUrl}/?sample=${encodeURIComponent(sample.name)}`);
      const ready = await waitFirstSeen(page, readySelector, 5 * 60_000);
      const painted = await waitFirstSeen(page, paintedSelector, paintWaitMs).catch(() => {
        unpainted = true;
        return ready;
      });
      const timings = await readPageTimings(page);
      const resource = await page.evaluate(
        (name) =>
          performance
            .getEntriesByType('resource')
            .find((e) => e.name.includes(`/samples/${encodeURIComponent(name)}`)) as
            PerformanceResourceTiming | undefined,
        sample.name,
      );
      const fetchEnd = resource?.responseEnd ?? NaN;
      const inflateEnd = timings.phases.inflate?.last;
      const parse = timings.phases.parse;
      const decodedAt = parse?.last ?? inflateEnd ?? fetchEnd;
      runs.push({
        fetchMs: resource ? resource.responseEnd - resource.startTime : NaN,
        inflateMs: inflateEnd === undefined ? undefined : inflateEnd - fetchEnd,
        parseMs: parse ? parse.last - parse.first : undefined,
        readyMs: ready - decodedAt,
        paintMs: painted - ready,
        totalMs: painted,
        longestTaskMs: longestTask(timings, 0, painted),
      });
    } finally {
      await closePage(page);
    }
  }
  const series = (pick: (r: LoadRun) => number | undefined) =>
    runs.map(pick).filter((v): v is number => v !== undefined);
  const rows: Row[] = [
    row(
      'fetch',
      series((r) => r.fetchMs),
    ),
    row(
      'worker start + inflate',
      series((r) => r.inflateMs),
    ),
    row(
      'decode/parse (worker)',
      series((r) => r.parseMs),
    ),
    row(
      'summary → file view shown',
      series((r) => r.readyMs),
    ),
    row(
      'file view → first view painted',
      series((r) => r.paintMs),
    ),
    row(
      'navigation → first view painted',
      series((r) => r.totalMs),
    ),
    row(
      'longest main-thread task',
      series((r) => r.longestTaskMs),
    ),
  ].filter((r) => r.samples.length > 0);
  printTable(`load: ?sample=${sample.name} (${sample.bytes} bytes)`, count, rows, []);
  console.log('  target: longest main-thread task ≤ 50 ms (0 means no task reached 50 ms)');
  if (!runs.some((r) => r.inflateMs !== undefined)) {
    printSkipped(
      'inflate',
      'the worker reported none (a server sending the .gz with Content-Encoding leaves it to the browser, inside fetch)',
    );
  }
  if (unpainted) {
    printSkipped(
      'first view painted',
      'the view set no data-painted; the file view counts instead',
    );
  }
  writeResults('load', { sample, runs: count, rows, raw: runs });
}
