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
import { goToolTraceFirstPage } from './goToolTrace';
import { bigTrace } from './inputs';
import type { BenchOptions } from './options';
import { writeResults } from './results';
import { median, percentile, printSkipped, printTable, ratio, row, type Ratio } from './stats';

const timelineSelector = '[data-testid=procs-timeline][data-painted]';

interface ViewsRun {
  toPaintMs: number;
  longestTaskMs: number;
  panZoomP95Ms: number;
}

/**
 * The trace views benchmark: big.trace chosen through the file input until the procs
 * timeline has painted, frame times while panning and zooming it, and `go tool trace`'s time
 * to its first page on the same file.
 */
export async function viewsBench(options: BenchOptions): Promise<void> {
  const file = path.resolve(bigTrace());
  await startApp();
  const runs: ViewsRun[] = [];
  for (let i = 0; i < options.traceRuns; i++) {
    const page = await newTimedPage([timelineSelector]);
    try {
      await openSettled(page, appUrl);
      await page.getByTestId('file-input').setInputFiles(file);
      const painted = await waitFirstSeen(page, timelineSelector, 15 * 60_000);
      const timings = await readPageTimings(page);
      const chosen = timings.fileChosen ?? NaN;
      runs.push({
        toPaintMs: painted - chosen,
        longestTaskMs: longestTask(timings, chosen, painted),
        panZoomP95Ms: await panZoomFrameP95(page),
      });
    } finally {
      await closePage(page);
    }
  }
  const ratios: Ratio[] = [];
  const rows = [
    row(
      'ours: file → timeline painted',
      runs.map((r) => r.toPaintMs),
    ),
    row(
      'ours: longest main-thread task',
      runs.map((r) => r.longestTaskMs),
    ),
    row(
      'ours: p95 frame pan/zoom',
      runs.map((r) => r.panZoomP95Ms),
    ),
  ];
  let goToolTrace: number[] = [];
  if (options.oursOnly) {
    printSkipped('go tool trace', '--ours-only');
  } else {
    try {
      goToolTrace = await goToolTraceFirstPage(file);
      rows.push(row('go tool trace: first page', goToolTrace));
      ratios.push(
        ratio(
          'timeline vs go tool trace',
          median(runs.map((r) => r.toPaintMs)),
          median(goToolTrace),
          0.1,
        ),
      );
    } catch (err) {
      printSkipped('go tool trace', (err as Error).message.split('\n')[0]);
    }
  }
  printTable(`views: ${path.basename(file)}`, options.traceRuns, rows, ratios);
  // A run without the peer is for iterating: it must not replace the committed comparison.
  if (options.oursOnly) {
    console.log('  results not written: --ours-only runs leave bench/results/views.json alone');
    return;
  }
  writeResults('views', {
    file: path.basename(file),
    runs: options.traceRuns,
    rows,
    ratios,
    raw: { ours: runs, goToolTraceFirstPageMs: goToolTrace },
  });
}

/** Zooms in, pans both ways by dragging, zooms out; p95 of the paints that caused. */
async function panZoomFrameP95(page: Page): Promise<number> {
  const box = await page.getByTestId('procs-timeline').locator('canvas').first().boundingBox();
  if (!box) throw new Error('the procs timeline canvas has no box');
  const before = await frameTimes(page);
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(20, box.height / 2);
  const nextFrame = () =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await page.mouse.move(x, y);
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, -120);
    await nextFrame();
  }
  for (const dx of [200, -400, 200]) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y, { steps: 10 });
    await page.mouse.up();
    await nextFrame();
  }
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, 120);
    await nextFrame();
  }
  return percentile(framesSince(before, await frameTimes(page)), 0.95);
}
