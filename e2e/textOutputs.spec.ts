import { expect, test, type Page } from '@playwright/test';
import { decodeGctrace } from '../workers/gctrace/decodeGctrace';
import { summarizeGctrace } from '../workers/gctrace/gctraceQueries';
import { decodeGoroutines } from '../workers/goroutines/decodeGoroutines';
import { groupsQuery } from '../workers/goroutines/goroutineQueries';
import { decodeHeapText } from '../workers/heaptext/decodeHeapText';
import { memStatsQuery } from '../workers/heaptext/memStatsQuery';
import { formatValue } from '../src/views/units/formatValue';
import { openSampleFromStart, pasteText, sampleBytes } from './appActions';

// Expected values come from the same decoders `summarize --json` runs.
const gctraceSummary = summarizeGctrace(decodeGctrace(sampleBytes('gctrace.log')));

test('the gctrace summary shows the numbers summarize --json prints', async ({ page }) => {
  await openSampleFromStart(page, 'gctrace.log');
  const s = gctraceSummary;
  const ns = (v: number) => formatValue(v, 'ns');
  const expected: Record<string, string> = {
    cycles: String(s.cycles),
    forced: String(s.forced),
    'stw-count': String(s.stw.count),
    'stw-total': ns(s.stw.totalNs),
    'stw-p50': ns(s.stw.p50Ns),
    'stw-p95': ns(s.stw.p95Ns),
    'stw-p99': ns(s.stw.p99Ns),
    'stw-max': ns(s.stw.maxNs),
    'peak-heap': formatValue(s.peakHeapBytes, 'bytes'),
    'gc-cpu': `${s.avgGcCpuPercent}%`,
  };
  for (const [key, value] of Object.entries(expected)) {
    await expect(page.getByTestId(`summary-${key}`)).toHaveText(value);
  }
  await expect(page.getByTestId('tab-lines')).toContainText(String(s.otherLines));
});

test('the STW timeline draws the pauses and names one on hover', async ({ page }) => {
  await openSampleFromStart(page, 'gctrace.log');
  const canvas = page.getByTestId('stw-timeline').locator('canvas');
  await expect(canvas).toBeVisible();
  expect(await pausePixels(page)).toBeGreaterThan(0);
  const tooltip = await hoverFirstPause(page);
  await expect(tooltip).toContainText('sweep termination');
  await expect(tooltip).toContainText('Duration');
});

test('the pauses tab gives statistics per reason; the choice of tab survives a reload', async ({
  page,
}) => {
  await openSampleFromStart(page, 'gctrace.log');
  await page.getByTestId('tab-pauses').click();
  await expect(page.getByTestId('stw-count')).toHaveText(String(gctraceSummary.stw.count));
  await expect(page.getByTestId('stw-summary')).toContainText('mark termination');
  await page.getByTestId('stw-reason').selectOption('mark termination');
  await expect(page).toHaveURL(/r=mark\+termination/);
  await page.reload();
  await expect(page.getByTestId('tab-pauses')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('stw-reason')).toHaveValue('mark termination');
});

test('the cycle table renders the rows in view; a chosen cycle zooms the timeline to it', async ({
  page,
}) => {
  await openSampleFromStart(page, 'gctrace.log');
  await page.getByTestId('tab-cycles').click();
  const table = page.getByTestId('gc-cycle-table');
  const rows = table.locator('tbody tr:not([aria-hidden])');
  await expect(page.getByText(`${gctraceSummary.cycles} cycles`)).toBeVisible();
  expect(await rows.count()).toBeLessThan(gctraceSummary.cycles);
  await rows.nth(4).click();
  await expect(page).toHaveURL(/cyc=5/);
  await expect(page).toHaveURL(/w=\d+%2C\d+/);
  await expect(rows.nth(4)).toHaveClass(/selected/);
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.last().locator('td').first()).toHaveText(String(gctraceSummary.cycles));
});

test('a pasted gctrace log opens in the gctrace view', async ({ page }) => {
  const lines = sampleBytes('gctrace.log').toString('utf8').split('\n');
  const gcLines = lines.filter((l) => l.startsWith('gc ')).slice(0, 5);
  await page.goto('/');
  await pasteText(page, gcLines.join('\n') + '\n');
  await expect(page.getByTestId('gctrace-view')).toBeVisible();
  await expect(page.getByTestId('summary-cycles')).toHaveText('5');
  expect(await pausePixels(page)).toBeGreaterThan(0);
});

test('a log with garbled gc lines shows the warning and the lines it kept aside', async ({
  page,
}) => {
  const gcLines = sampleBytes('gctrace.log')
    .toString('utf8')
    .split('\n')
    .filter((l) => l.startsWith('gc '));
  const text = [
    'starting',
    gcLines[0],
    'gc 2 @0.046s 9%: garbled beyond reading',
    'some program output',
    gcLines[2],
  ].join('\n');
  await page.goto('/');
  await pasteText(page, text + '\n');
  await expect(page.getByTestId('warnings')).toContainText('line 3');
  await expect(page.getByTestId('warnings')).toContainText('unreadable fields');
  await expect(page.getByTestId('summary-cycles')).toHaveText('2');
  await page.getByTestId('tab-lines').click();
  await page.getByTestId('show-other-lines').click();
  const list = page.getByTestId('other-lines-list');
  // The unreadable gc line is kept with the other lines, so nothing in the log is lost.
  await expect(list.locator('li')).toHaveCount(3);
  await expect(list).toContainText('some program output');
  await expect(list).toContainText('garbled beyond reading');
});

const dumpModel = decodeGoroutines(sampleBytes('goroutines.debug2.txt'));

test('goroutine groups sort by count and by wait, search, and expand to a stack', async ({
  page,
}) => {
  await openSampleFromStart(page, 'goroutines.debug2.txt');
  const groups = page.getByTestId('goroutine-groups').getByTestId('goroutine-group');
  await expect(groups).toHaveCount(dumpModel.groupCount);
  await expect(groups.first()).toContainText('main.awaitOrder');
  await expect(groups.first()).toContainText('50');

  await page.getByTestId('goroutine-sort').selectOption('wait');
  const byWait = groupsQuery(dumpModel, { sort: 'wait' });
  await expect(groups.first()).toContainText(byWait[0].topFunction);
  await expect(groups.nth(1)).toContainText(byWait[1].topFunction);

  await page.getByTestId('goroutine-search').fill('Sleep');
  const matching = groupsQuery(dumpModel, { search: 'Sleep' });
  await expect(groups).toHaveCount(matching.length);
  await groups.first().click();
  const stack = page.getByTestId('goroutine-stack');
  await expect(stack).toContainText(matching[0].topFunction);
  await expect(stack).toContainText(/\.go:\d+/);
  await expect(page.getByTestId('goroutine-ids')).toContainText(`${matching[0].count}`);
});

test('the goroutine sort and tab survive a reload', async ({ page }) => {
  await openSampleFromStart(page, 'goroutines.debug2.txt');
  await page.getByTestId('goroutine-sort').selectOption('wait');
  await page.getByTestId('tab-flame').click();
  await expect(page).toHaveURL(/sort=wait/);
  await expect(page).toHaveURL(/view=flame/);
  await page.reload();
  await expect(page.getByTestId('tab-flame')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('img', { name: 'Flame graph of goroutine stacks' })).toBeVisible();
  await page.getByTestId('tab-groups').click();
  await expect(page.getByTestId('goroutine-sort')).toHaveValue('wait');
});

test('a heap debug=1 dump shows its MemStats pause history', async ({ page }) => {
  const pauses = memStatsQuery(decodeHeapText(sampleBytes('heap.debug1.txt'))).pauses;
  await openSampleFromStart(page, 'heap.debug1.txt');
  await page.getByTestId('tab-memstats').click();
  const history = page.getByTestId('pause-history');
  await expect(history).toHaveAttribute('data-count', String(pauses.durationNs.length));
  await expect(history.getByTestId('stw-count')).toHaveText(String(pauses.durationNs.length));
  expect(await pausePixels(page)).toBeGreaterThan(0);
});

/** Pixels of the STW timeline that are neither empty nor the lanes' background. */
async function pausePixels(page: Page): Promise<number> {
  const canvas = page.getByTestId('stw-timeline').locator('canvas');
  await expect(canvas).toBeVisible();
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const background = data[i] === 0xf4 && data[i + 1] === 0xf5 && data[i + 2] === 0xf8;
      if (data[i + 3] > 0 && !background) n++;
    }
    return n;
  });
}

/** Moves the pointer along the first lane until a pause's tooltip appears. */
async function hoverFirstPause(page: Page) {
  const box = (await page.getByTestId('stw-timeline').locator('canvas').boundingBox())!;
  const tooltip = page.getByTestId('stw-tooltip');
  for (let x = 0; x < box.width; x += 2) {
    await page.mouse.move(box.x + x, box.y + 6);
    if ((await tooltip.count()) > 0) break;
  }
  await expect(tooltip).toBeVisible();
  return tooltip;
}
