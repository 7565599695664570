import path from 'node:path';
import type { Page } from '@playwright/test';
import { appUrl, startApp } from './appServer';
import {
  closePage,
  frameTimes,
  framesSince,
  longestTask,
  newTimedPage,
  openSettled,
  readPageTimings,
  waitFirstSeen,
} from './browserSession';
import { bigHeapProfile } from './inputs';
import { nodeRun, stepSamples, type NodeRun } from './nodeRuns';
import { goBinary, hasGo, timedRun } from './processes';
import { writeResults } from './results';
import { serveFolder } from './staticServer';
import { percentile, printSkipped, printTable, ratio, row, type Ratio, type Row } from './stats';
import type { BenchOptions } from './options';

const flameSelector = '[data-testid=flamegraph][data-painted]';
const loadTimeoutMs = 10 * 60_000;

/**
 * The pprof benchmark on bench/data/big.heap.pprof: our Node decode and aggregation against
 * pprof-format, `go tool pprof -top`, and time to a painted flame graph in Chromium against
 * speedscope; plus frame times while zooming our flame graph.
 */
export async function pprofBench(options: BenchOptions): Promise<void> {
  const file = path.resolve(bigHeapProfile());
  const runs = options.runs;
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const skipped: Record<string, string> = {};
  const raw: Record<string, unknown> = {};

  const ours: NodeRun[] = [];
  const peer: NodeRun[] = [];
  const goTop: number[] = [];
  const goAvailable = hasGo();
  if (!goAvailable) skipped['go tool pprof'] = 'go is not installed';
  // Interleaved, so a noisy neighbour slows each contender alike.
  for (let i = 0; i < runs; i++) {
    ours.push(await nodeRun('pprof', file));
    peer.push(await nodeRun('pprof-format', file));
    if (goAvailable) {
      goTop.push(timedRun(goBinary, ['tool', 'pprof', '-top', '-nodecount=20', file]).wallMs);
    }
  }
  raw.node = { ours, pprofFormat: peer };
  const oursTotal = ours.map((r) => r.totalMs);
  rows.push(row('ours: inflate (Node)', stepSamples(ours, 'inflate')));
  rows.push(row('ours: decodePprof', stepSamples(ours, 'decode')));
  rows.push(row('ours: flame aggregation', stepSamples(ours, 'flame')));
  rows.push(row('ours: top table', stepSamples(ours, 'top')));
  rows.push(row('ours: total', oursTotal));
  // CPU time varies less than wall time when neighbours share the machine.
  for (const [name, what] of cpuRows) rows.push(row(`ours: ${what} (CPU)`, cpuSamples(ours, name)));
  rows.push(row('pprof-format: Profile.decode', stepSamples(peer, 'decode')));
  const oursDecode = percentile(stepSamples(ours, 'decode'), 0.5);
  ratios.push(
    ratio('decode vs pprof-format', oursDecode, percentile(stepSamples(peer, 'decode'), 0.5), 1),
  );
  if (goTop.length > 0) {
    rows.push(row('go tool pprof -top (wall)', goTop));
    raw.goToolPprofTopMs = goTop;
  }

  const browser = await browserTimes(file, runs).catch((err: Error) => {
    skipped.browser = err.message;
    return undefined;
  });
  if (browser) {
    raw.browser = browser;
    rows.push(
      row(
        'ours: file → flame graph painted',
        browser.ours.map((r) => r.toPaintMs),
      ),
    );
    rows.push(
      row(
        'ours: longest main-thread task',
        browser.ours.map((r) => r.longestTaskMs),
      ),
    );
    rows.push(
      row(
        'ours: p95 frame while zooming',
        browser.ours.map((r) => r.zoomP95Ms),
      ),
    );
    if (browser.speedscope.length > 0) {
      rows.push(
        row(
          'speedscope: file → flame chart',
          browser.speedscope.map((r) => r.toPaintMs),
        ),
      );
      rows.push(
        row(
          'speedscope: longest task',
          browser.speedscope.map((r) => r.longestTaskMs),
        ),
      );
    }
    const toPaint = percentile(
      browser.ours.map((r) => r.toPaintMs),
      0.5,
    );
    if (goTop.length > 0) {
      ratios.push(
        ratio('flame graph vs go tool pprof -top', toPaint, percentile(goTop, 0.5), 0.25),
      );
    }
    if (browser.speedscope.length > 0) {
      const theirs = percentile(
        browser.speedscope.map((r) => r.toPaintMs),
        0.5,
      );
      ratios.push(ratio('flame graph vs speedscope', toPaint, theirs, 0.1));
    }
    if (browser.speedscopeSkipped) skipped.speedscope = browser.speedscopeSkipped;
  }

  printTable(`pprof: ${path.basename(file)}`, runs, rows, ratios);
  for (const [what, why] of Object.entries(skipped)) printSkipped(what, why);
  writeResults('pprof', { file: path.basename(file), runs, rows, ratios, skipped, raw });
}

const cpuRows: Array<[string, string]> = [
  ['inflate', 'inflate'],
  ['decode', 'decodePprof'],
  ['flame', 'flame aggregation'],
  ['top', 'top table'],
];

/** A step's CPU milliseconds across runs, as bench/nodeWork.ts reports them in `cpuSteps`. */
function cpuSamples(runs: NodeRun[], name: string): number[] {
  return runs.map((r) => r.cpuSteps[name]).filter((v) => v !== undefined);
}

interface BrowserRun {
  toPaintMs: number;
  longestTaskMs: number;
  zoomP95Ms: number;
}

async function browserTimes(file: string, runs: number) {
  await startApp();
  const ours: BrowserRun[] = [];
  const speedscope: Array<Omit<BrowserRun, 'zoomP95Ms'>> = [];
  let speedscopeSkipped: string | undefined;
  const speedscopeApp = await serveFolder(path.resolve('node_modules/speedscope/dist/release'));
  try {
    for (let i = 0; i < runs; i++) {
      ours.push(await oursOnce(file));
      if (speedscopeSkipped) continue;
      try {
        speedscope.push(await speedscopeOnce(speedscopeApp.url, file));
      } catch (err) {
        speedscopeSkipped = (err as Error).message.split('\n')[0];
      }
    }
  } finally {
    await speedscopeApp.close();
  }
  return { ours, speedscope, speedscopeSkipped };
}

async function oursOnce(file: string): Promise<BrowserRun> {
  const page = await newTimedPage([flameSelector]);
  try {
    await openSettled(page, appUrl);
    await page.getByTestId('file-input').setInputFiles(file);
    const painted = await waitFirstSeen(page, flameSelector, loadTimeoutMs);
    const timings = await readPageTimings(page);
    const chosen = timings.fileChosen ?? NaN;
    const longestTaskMs = longestTask(timings, chosen, painted);
    const zoomP95Ms = await zoomFrameP95(page);
    return { toPaintMs: painted - chosen, longestTaskMs, zoomP95Ms };
  } finally {
    await closePage(page);
  }
}

/** Wheel-zooms in and back out over the flame graph; p95 of the paints that caused. */
export async function zoomFrameP95(page: Page): Promise<number> {
  const canvas = page.locator('[data-testid=flamegraph] canvas').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the flame graph canvas has no box');
  const before = await frameTimes(page);
  await page.mouse.move(box.x + box.width * 0.3, box.y + Math.min(40, box.height / 2));
  for (const direction of [-1, 1]) {
    for (let i = 0; i < 30; i++) {
      await page.mouse.wheel(0, direction * 120);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
  }
  return percentile(framesSince(before, await frameTimes(page)), 0.95);
}

/** speedscope: the time from choosing the file until its flame chart canvas has pixels. */
async function speedscopeOnce(url: string, file: string) {
  const page = await newTimedPage([]);
  try {
    await openSettled(page, url);
    await page.locator('#file').setInputFiles(file);
    const drawn = await page.waitForFunction(
      () => {
        // After a load, speedscope shows its flame chart panes: 2D canvases (styled, unlike
        // the page-wide WebGL canvas, which must not be asked for a 2D context) with labels.
        for (const canvas of document.querySelectorAll('canvas')) {
          if (canvas.height < 200 || canvas.className === '') continue;
          const context = canvas.getContext('2d');
          if (!context) continue;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          for (let i = 3; i < data.length; i += 4 * 97) if (data[i] !== 0) return performance.now();
        }
        return 0;
      },
      undefined,
      { timeout: loadTimeoutMs },
    );
    const at = (await drawn.jsonValue()) as number;
    const timings = await readPageTimings(page);
    const chosen = timings.fileChosen ?? NaN;
    return { toPaintMs: at - chosen, longestTaskMs: longestTask(timings, chosen, at) };
  } finally {
    await closePage(page);
  }
}
