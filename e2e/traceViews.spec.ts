import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { formatValue } from '../src/views/units/formatValue';
import { sampleBytes } from './appActions';

/** The engine's own numbers for a trace, from the summarize CLI the app's decoders share. */
function summarize(path: string): {
  durationNs: number;
  stw: { count: number; maxNs: number };
  gc: { cycles: number };
} {
  const out = execFileSync('npx', ['tsx', 'workers/summarize/cli.ts', path, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out);
}

const corpus = '../shared/corpus/felixge__traceutils/testdata';
const traces = [
  {
    title: 'the bundled Go 1.26 sample',
    path: 'public/samples/trace.out.gz',
    sample: 'trace.out.gz',
  },
  { title: 'a Go 1.21 corpus trace (old format)', path: `${corpus}/1.21/test-encoding-json.trace` },
  { title: 'a Go 1.25 corpus trace', path: `${corpus}/1.25/test-encoding-json.trace` },
];

async function openTrace(page: Page, t: { path: string; sample?: string }) {
  if (t.sample) {
    await page.goto(`/?sample=${t.sample}`);
  } else {
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles({
      name: t.path.split('/').pop()!,
      mimeType: 'application/octet-stream',
      buffer: readFileSync(t.path),
    });
  }
  await expect(page.getByTestId('trace-view')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('procs-timeline')).toHaveAttribute('data-painted', '1', {
    timeout: 30_000,
  });
}

/**
 * Waits for the GC panel's analyses, the last the view asks for after the tracks: until they
 * are answered the worker is busy, and a hover that needs it waits longer than a pointer stays.
 */
async function analysesDone(page: Page) {
  await expect(page.getByTestId('gc-cycle-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('stw-summary')).toBeVisible();
}

/** Pixels of a canvas that differ from its most common colour: 0 for a blank canvas. */
async function inkedPixels(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const most = Math.max(...counts.values());
      return data.length / 4 - most;
    });
}

/** Drags across a share [a, b] of an element's width, as a user brushing it. */
async function dragAcross(page: Page, selector: string, a: number, b: number, dy = 0.5) {
  const box = (await page.locator(selector).first().boundingBox())!;
  const y = box.y + box.height * dy;
  await page.mouse.move(box.x + box.width * a, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((a + b) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * b, y, { steps: 4 });
  await page.mouse.up();
}

function urlParam(page: Page, key: string): string | null {
  return new URL(page.url()).searchParams.get(key);
}

for (const t of traces) {
  test.describe(t.title, () => {
    test.skip(!existsSync(t.path), `${t.path} is absent: the shared corpus is not on this machine`);

    test('every track paints, and the STW figures are the engine’s', async ({ page }) => {
      const expected = summarize(t.path);
      await openTrace(page, t);
      for (const canvas of [
        '[data-testid=procs-timeline] canvas',
        '[data-testid=gc-track] canvas',
        '[data-testid=minimap] canvas',
        '[data-testid=heap-chart] canvas',
      ]) {
        // The P lanes paint first; the other tracks follow as their analyses arrive.
        await expect.poll(() => inkedPixels(page, canvas), { message: canvas }).toBeGreaterThan(50);
      }
      const summary = page.getByTestId('stw-summary');
      await expect(summary.getByTestId('stw-count')).toHaveText(
        expected.stw.count.toLocaleString('en-US'),
      );
      await expect(summary.getByTestId('stw-summary-all')).toContainText(
        formatValue(expected.stw.maxNs, 'ns'),
      );
      await expect(page.getByTestId('gc-cycle-table').locator('tbody tr').first()).toBeVisible();
      await page.getByTestId('tab-overview').click();
      await expect(page.getByTestId('trace-overview')).toContainText(
        formatValue(expected.durationNs, 'ns'),
      );
    });

    test('brushing the axis selects a window for every panel, and the URL keeps it', async ({
      page,
    }) => {
      const expected = summarize(t.path);
      await openTrace(page, t);
      await dragAcross(page, '[data-testid=time-axis] svg', 0.3, 0.6);
      await expect(page.getByTestId('selection-text')).toContainText('Selected');
      await expect.poll(() => urlParam(page, 's0')).not.toBeNull();
      const s0 = Number(urlParam(page, 's0'));
      const s1 = Number(urlParam(page, 's1'));
      expect(s0).toBeGreaterThan(0);
      expect(s1).toBeLessThan(expected.durationNs);
      // The STW statistics now count only pauses starting in the window.
      const count = Number(
        (await page.getByTestId('stw-summary').getByTestId('stw-count').textContent())!.replace(
          /,/g,
          '',
        ),
      );
      expect(count).toBeLessThanOrEqual(expected.stw.count);
      await expect(page.getByTestId('tab-gc')).toBeVisible();
      await page.getByTestId('tab-mmu').click();
      await expect(page.getByTestId('mmu-panel')).toContainText('In the selection');
      await page.getByTestId('tab-flame').click();
      await expect(page.getByTestId('flame-total')).toContainText('in the selection');
      await page.getByTestId('tab-goroutines').click();
      await expect(page.getByTestId('goroutine-groups').locator('tbody tr').first()).toBeVisible();
      // A file from disk is not re-read on reload; a sample is, with the same selection.
      if (!t.sample) return;
      const text = await page.getByTestId('selection-text').textContent();
      await page.reload();
      await expect(page.getByTestId('trace-view')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('selection-text')).toHaveText(text!);
    });

    test('clicking a GC cycle row selects that cycle’s window everywhere', async ({ page }) => {
      const expected = summarize(t.path);
      test.skip(expected.gc.cycles < 2, 'this trace has too few GC cycles');
      await openTrace(page, t);
      await page.getByTestId('gc-cycle-table').locator('tbody tr').nth(1).click();
      await expect.poll(() => urlParam(page, 'cycle')).toBe('2');
      const s0 = Number(urlParam(page, 's0'));
      const s1 = Number(urlParam(page, 's1'));
      expect(s1).toBeGreaterThan(s0);
      // The visible window frames the cycle.
      await expect.poll(() => Number(urlParam(page, 'from'))).toBeLessThanOrEqual(s0);
      expect(Number(urlParam(page, 'to'))).toBeGreaterThanOrEqual(s1);
      // The GC track's tooltip over the cycle's middle names it.
      const box = (await page.getByTestId('gc-track').boundingBox())!;
      const from = Number(urlParam(page, 'from'));
      const to = Number(urlParam(page, 'to'));
      const plotLeft = 58;
      const plotWidth = box.width - plotLeft - 14;
      const x = box.x + plotLeft + (((s0 + s1) / 2 - from) / (to - from)) * plotWidth;
      await page.mouse.move(x, box.y + 10);
      await expect(page.getByTestId('gc-track-tooltip')).toContainText('GC cycle 2');
    });
  });
}

test('W zooms in, the window survives a reload, and D pans', async ({ page }) => {
  await openTrace(page, { path: 'public/samples/trace.out.gz', sample: 'trace.out.gz' });
  const whole = await page.getByTestId('time-axis').locator('.tr-axis-span').textContent();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('w');
  await page.keyboard.press('w');
  await page.keyboard.press('w');
  await expect.poll(() => urlParam(page, 'to')).not.toBeNull();
  const span = await page.getByTestId('time-axis').locator('.tr-axis-span').textContent();
  expect(span).not.toBe(whole);
  const from = urlParam(page, 'from');
  await page.reload();
  await expect(page.getByTestId('procs-timeline')).toHaveAttribute('data-painted', '1', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('time-axis').locator('.tr-axis-span')).toHaveText(span!);
  await page.keyboard.press('d');
  await expect.poll(() => urlParam(page, 'from')).not.toBe(from);
});

test('hovering a P lane shows the interval under the pointer', async ({ page }) => {
  await openTrace(page, { path: 'public/samples/trace.out.gz', sample: 'trace.out.gz' });
  await analysesDone(page);
  const box = (await page.getByTestId('procs-timeline').boundingBox())!;
  let shown = false;
  for (let share = 0.1; share < 0.95 && !shown; share += 0.05) {
    await page.mouse.move(box.x + 58 + (box.width - 72) * share, box.y + 12);
    shown = await page
      .getByTestId('procs-tooltip')
      .isVisible()
      .catch(() => false);
    if (!shown) await page.waitForTimeout(150);
    shown ||= await page.getByTestId('procs-tooltip').isVisible();
  }
  expect(shown).toBe(true);
  await expect(page.getByTestId('procs-tooltip-duration')).toHaveText(/\d/);
});

test('a truncated trace opens with what could be read and says it is partial', async ({ page }) => {
  const whole = gunzipSync(sampleBytes('trace.out.gz'));
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({
    name: 'cut.trace',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(cut),
  });
  await expect(page.getByTestId('warnings')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('procs-timeline')).toHaveAttribute('data-painted', '1');
  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId('trace-partial')).toBeVisible();
});

test('a trace cut before its first generation ends is refused, saying where', async ({ page }) => {
  const whole = gunzipSync(sampleBytes('trace.out.gz'));
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({
    name: 'early-cut.trace',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(whole.subarray(0, 60_000)),
  });
  const error = page.getByTestId('error');
  await expect(error).toContainText('expected at least one complete generation of events');
  await expect(error).toContainText(/at byte \d+/);
  await expect(error).toContainText('before the first generation ended');
});

const sampleTrace = { path: 'public/samples/trace.out.gz', sample: 'trace.out.gz' };

test('clicking an MMU worst window selects its window in every view', async ({ page }) => {
  await openTrace(page, sampleTrace);
  const whole = await page.getByTestId('time-axis').locator('.tr-axis-span').textContent();
  await page.getByTestId('tab-mmu').click();
  // The axes draw before the curve arrives; a click before it lands on an empty plot.
  await expect(page.getByTestId('mmu-curve')).toBeVisible();
  // A click on the curve picks its window size.
  const chart = (await page.getByTestId('mmu-chart').boundingBox())!;
  await page.mouse.move(chart.x + chart.width * 0.4, chart.y + chart.height / 2);
  await page.mouse.click(chart.x + chart.width * 0.4, chart.y + chart.height / 2);
  await expect.poll(() => urlParam(page, 'mw')).not.toBeNull();
  await expect(page.getByTestId('mmu-size-marker')).toBeVisible();
  // Or a typed one: 1 ms.
  await page.getByTestId('mmu-window-size').fill('1');
  await page.getByTestId('mmu-window-size').press('Enter');
  await expect.poll(() => urlParam(page, 'mw')).toBe('1000000');
  const rows = page.getByTestId('mmu-worst-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  const second = rows.nth(1);
  await expect(second.locator('td').nth(2)).toHaveText(formatValue(1_000_000, 'ns'));
  await second.click();
  await expect.poll(() => urlParam(page, 's0')).not.toBeNull();
  const s0 = Number(urlParam(page, 's0'));
  const s1 = Number(urlParam(page, 's1'));
  expect(Math.abs(s1 - s0 - 1_000_000)).toBeLessThanOrEqual(1);
  // Every view moves: the visible window frames the selection, the axis shows it, the list
  // stays where it was with the picked row marked, and the GC panel analyses the selection.
  await expect.poll(() => Number(urlParam(page, 'from'))).toBeLessThanOrEqual(s0);
  expect(Number(urlParam(page, 'to'))).toBeGreaterThanOrEqual(s1);
  await expect(page.getByTestId('time-axis').locator('.tr-axis-span')).not.toHaveText(whole!);
  await expect(page.getByTestId('selection-text')).toContainText(formatValue(s1 - s0, 'ns'));
  await expect(second).toHaveClass(/selected/);
  await expect(page.getByTestId('mmu-panel')).toContainText('around the selected window');
  await page.getByTestId('tab-gc').click();
  await expect(page.getByTestId('stw-summary').locator('xpath=..')).toContainText(
    'in the selection',
  );
});

/** Ink in the bottom lane of the procs canvas (the last pinned goroutine): 0 when blank. */
async function lastLaneInk(page: Page): Promise<number> {
  return page
    .locator('[data-testid=procs-timeline] canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const scale = canvas.height / canvas.clientHeight;
      // Lanes are 16 CSS px tall with 2 px below the last; the plot starts after the gutter.
      const top = Math.round(canvas.height - 18 * scale);
      const left = Math.round(70 * scale);
      const { data } = ctx.getImageData(left, top, canvas.width - left, Math.round(14 * scale));
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        const background =
          (data[i] === 244 && data[i + 1] === 245 && data[i + 2] === 248) ||
          (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255);
        if (!background && data[i + 3] > 0) ink++;
      }
      return ink;
    });
}

test('pinning a goroutine draws its lane with its states, and a reload keeps it', async ({
  page,
}) => {
  await openTrace(page, sampleTrace);
  await analysesDone(page);
  const box = (await page.getByTestId('procs-timeline').boundingBox())!;
  // Point along P0 until a goroutine is under the pointer, then click to pin it.
  const tooltip = page.getByTestId('procs-tooltip');
  const tooltipText = async () =>
    (await tooltip.isVisible().catch(() => false)) ? ((await tooltip.textContent()) ?? '') : '';
  let pinnable = false;
  for (let share = 0.1; share < 0.95 && !pinnable; share += 0.03) {
    const x = box.x + 58 + (box.width - 72) * share;
    await page.mouse.move(x, box.y + 12);
    await page.waitForTimeout(150);
    pinnable = /click to pin G\d+/.test(await tooltipText());
    if (pinnable) await page.mouse.click(x, box.y + 12);
  }
  expect(pinnable).toBe(true);
  await expect.poll(() => urlParam(page, 'pins')).toMatch(/^\d+$/);
  const g = urlParam(page, 'pins')!;
  await expect(page.getByTestId('procs-timeline')).toHaveAttribute('data-pins-painted', g);
  await expect.poll(() => lastLaneInk(page)).toBeGreaterThan(20);
  // Hover along the lane until the tooltip names the goroutine's state there.
  const lanes = (await page.getByTestId('procs-timeline').boundingBox())!;
  const laneY = lanes.y + lanes.height - 10;
  let state = '';
  for (let share = 0.02; share < 0.98 && !state; share += 0.04) {
    await page.mouse.move(box.x + 58 + (box.width - 72) * share, laneY);
    await page.waitForTimeout(150);
    const text = await tooltipText();
    if (text.includes(`G${g}`)) state = await tooltip.getByTestId('procs-tooltip-what').innerText();
  }
  expect(state).toMatch(/^(running|runnable|in syscall|blocked)/);
  await page.reload();
  await expect(page.getByTestId('procs-timeline')).toHaveAttribute('data-pins-painted', g, {
    timeout: 30_000,
  });
  await expect.poll(() => lastLaneInk(page)).toBeGreaterThan(20);
});

test('the goroutine groups follow the brushed window', async ({ page }) => {
  await openTrace(page, sampleTrace);
  await page.getByTestId('tab-goroutines').click();
  const table = page.getByTestId('goroutine-groups');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('goroutines-scope')).toHaveText('Whole trace');
  const whole = await table.locator('tbody').textContent();
  await dragAcross(page, '[data-testid=time-axis] svg', 0.4, 0.5);
  await expect(page.getByTestId('goroutines-scope')).toHaveText('Time spent in the selection');
  await expect.poll(() => table.locator('tbody').textContent()).not.toBe(whole);
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('goroutines-scope')).toHaveText('Whole trace');
  await expect.poll(() => table.locator('tbody').textContent()).toBe(whole);
});

test('a reload restores the MMU window size and its worst windows', async ({ page }) => {
  await page.goto('/?sample=trace.out.gz&view=mmu&mw=2000000');
  await expect(page.getByTestId('mmu-window-size')).toHaveValue('2');
  await expect(page.getByTestId('mmu-size-marker')).toBeVisible({ timeout: 30_000 });
  const rows = page.getByTestId('mmu-worst-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().locator('td').nth(2)).toHaveText(formatValue(2_000_000, 'ns'));
});
