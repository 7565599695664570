import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/**
 * The pprof views over the bundled samples. Expected numbers come from `go tool pprof`'s goldens
 * (workers/pprof/testdata/goldens, made by tools/pprofgoldens), never from the app itself.
 */

const rowHeight = 18;

async function openSample(page: Page, name: string, query = '') {
  await page.goto(`/?sample=${name}${query}`);
  await expect(page.getByTestId('profile-view')).toBeVisible();
}

/** Waits for the flame graph's first paint of a tree (it sets data-painted to the node count). */
async function paintedFlameGraph(page: Page, index = 0) {
  const graph = page.getByTestId('flamegraph').nth(index);
  await expect(graph).toHaveAttribute('data-painted', /^[1-9]\d*$/);
  return graph;
}

/** The first data row of a `go tool pprof -top -unit=nanoseconds` golden. */
function goldenTopRow(sample: string) {
  const text = readFileSync(`workers/pprof/testdata/goldens/samples/${sample}/top.txt`, 'utf8');
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l));
  const match = /^\s*(\d+)\w*\s+(\S+)\s+(\S+)\s+(\d+)\w*\s+(\S+)\s+(.*)$/.exec(lines[header + 1]);
  if (!match) throw new Error(`no rows in the ${sample} top golden`);
  const [, flat, flatPercent, sumPercent, cum, cumPercent, name] = match;
  return { flat: Number(flat), flatPercent, sumPercent, cum: Number(cum), cumPercent, name };
}

test('the CPU flame graph paints on a viewport-sized canvas', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  const graph = await paintedFlameGraph(page);
  const painted = await graph.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) coloured++;
    }
    const box = canvas.getBoundingClientRect();
    return { coloured, height: canvas.height, viewport: box.height * devicePixelRatio };
  });
  expect(painted.coloured).toBeGreaterThan(5000);
  expect(painted.height).toBeLessThanOrEqual(Math.ceil(painted.viewport));
  const frameTimes = await page.evaluate(() => window.__gopherlensFrameTimes ?? []);
  expect(frameTimes.length).toBeGreaterThan(0);
});

test('hovering a frame shows its name, total and self with units', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  const graph = await paintedFlameGraph(page);
  const box = (await graph.boundingBox())!;
  // The root row holds every sample: hovering it names the whole.
  await page.mouse.move(box.x + box.width / 2, box.y + rowHeight / 2);
  await expect(page.getByTestId('flamegraph-tooltip-name')).toHaveText('total');
  await expect(page.getByTestId('flamegraph-tooltip')).toContainText('100%');
  // The next row down is a function with a time value.
  await page.mouse.move(box.x + box.width / 2, box.y + rowHeight * 1.5);
  await expect(page.getByTestId('flamegraph-tooltip-name')).not.toHaveText('total');
  await expect(page.getByTestId('flamegraph-tooltip-total')).toHaveText(/^[\d.]+(ns|µs|ms|s)$/);
});

test('the Top table starts with the row go tool pprof -top prints first', async ({ page }) => {
  const golden = goldenTopRow('cpu.pprof');
  await openSample(page, 'cpu.pprof');
  await page.getByTestId('tab-top').click();
  const first = page.getByTestId('top-table').locator('tbody tr').first();
  const cells = first.locator('td');
  await expect(cells.nth(5)).toHaveAttribute('data-value', golden.name);
  await expect(cells.nth(0)).toHaveAttribute('data-value', String(golden.flat));
  await expect(cells.nth(3)).toHaveAttribute('data-value', String(golden.cum));
  await expect(cells.nth(1)).toHaveText(golden.flatPercent);
  await expect(cells.nth(2)).toHaveText(golden.sumPercent);
  await expect(cells.nth(4)).toHaveText(golden.cumPercent);
});

test('the sample type of a heap profile can be switched, and goes into the URL', async ({
  page,
}) => {
  await openSample(page, 'heap.pprof');
  await paintedFlameGraph(page);
  await expect(page.getByTestId('flame-total')).toContainText('inuse_space');
  await page.getByTestId('sample-type').selectOption('alloc_space');
  await expect(page.getByTestId('flame-total')).toContainText('alloc_space');
  await expect(page).toHaveURL(/si=alloc_space/);
});

test('a focus filter shows as a chip, narrows the graph and can be removed', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  await paintedFlameGraph(page);
  const whole = await page.getByTestId('flame-total').textContent();
  await page.getByTestId('filter-input').fill('^main\\.compareRecords$');
  await page.getByTestId('add-filter').click();
  await expect(page.getByTestId('filter-chip-focus')).toContainText('^main\\.compareRecords$');
  await expect(page).toHaveURL(/[?&]f=/);
  await expect(page.getByTestId('flame-total')).toContainText(' of ');
  await page.getByTestId('remove-filter-focus').click();
  await expect(page.getByTestId('filter-chip-focus')).toBeHidden();
  await expect(page.getByTestId('flame-total')).toHaveText(whole!);
});

test('an invalid regex is reported inline and not applied', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  await page.getByTestId('filter-input').fill('main(');
  await page.getByTestId('add-filter').click();
  await expect(page.getByTestId('filter-error')).toBeVisible();
  await expect(page.getByTestId('filter-chip-focus')).toBeHidden();
  await page.getByTestId('search').fill('[unclosed');
  await expect(page.getByTestId('search-error')).toBeVisible();
  await expect(page.getByTestId('flamegraph')).toBeVisible();
});

test('right-clicking a frame offers Focus on, which adds a focus chip', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  const graph = await paintedFlameGraph(page);
  const box = (await graph.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + rowHeight * 1.5);
  const name = await page.getByTestId('flamegraph-tooltip-name').textContent();
  await page.mouse.click(box.x + box.width / 2, box.y + rowHeight * 1.5, { button: 'right' });
  await page.getByTestId('flamegraph-menu').getByRole('menuitem', { name: 'Focus on' }).click();
  const quoted = name!.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
  await expect(page.getByTestId('filter-chip-focus')).toContainText(`^${quoted}$`);
});

test('search, tab, sort and zoom survive a reload', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  const graph = await paintedFlameGraph(page);
  const box = (await graph.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + rowHeight * 1.5);
  await expect(page).toHaveURL(/[?&]z=/);
  await page.getByTestId('search').fill('json');
  await expect(page.getByTestId('search-total')).toContainText('%');
  await expect(page).toHaveURL(/[?&]q=json/);
  await page.getByTestId('tab-top').click();
  await page.getByTestId('sort-cum').click();
  await expect(page).toHaveURL(/[?&]sort=cum/);

  await page.reload();
  await expect(page.getByTestId('tab-top')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('search')).toHaveValue('json');
  await expect(page.getByTestId('sort-cum')).toContainText('▼');
  // Every row shown matches the search.
  const names = await page.getByTestId('top-table').locator('td.name').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/json/);
  await page.getByTestId('tab-flame').click();
  await paintedFlameGraph(page);
  await expect(page.getByTestId('reset-zoom')).toBeEnabled();
});

test('the keyboard moves the selection and Enter zooms to it', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  const graph = await paintedFlameGraph(page);
  await graph.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('selected-function')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]z=/);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/[?&]z=/);
});

test('callers and callees of a function from the Top table', async ({ page }) => {
  await openSample(page, 'cpu.pprof');
  await page.getByTestId('tab-top').click();
  await page
    .getByTestId('top-table')
    .locator('td.name', { hasText: 'main.compareRecords' })
    .dblclick();
  await expect(page.getByTestId('peek')).toBeVisible();
  await paintedFlameGraph(page, 0);
  await paintedFlameGraph(page, 1);
  await expect(page.getByTestId('direct-callers')).toContainText('slices.');
});
