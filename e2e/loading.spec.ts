import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { dropFiles, fileTabs, openSampleFromStart, pasteText, sampleBytes } from './appActions';

test('a sample opens from the start page', async ({ page }) => {
  await openSampleFromStart(page, 'gctrace.log');
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
  await expect(fileTabs(page)).toHaveCount(1);
});

test('a file dropped anywhere opens, with a drop target shown while dragging', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'renamed.bin', bytes: sampleBytes('goroutines.debug2.txt') }]);
  await expect(page.getByTestId('drop-target')).toBeHidden();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'goroutines');
});

test('the file input opens two files at once, each in the file switcher', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles([
    { name: 'one.log', mimeType: 'text/plain', buffer: sampleBytes('gctrace.log') },
    { name: 'two.txt', mimeType: 'text/plain', buffer: sampleBytes('heap.debug1.txt') },
  ]);
  await expect(fileTabs(page)).toHaveCount(2);
  await fileTabs(page).filter({ hasText: 'one.log' }).locator('.file-tab-name').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
  await fileTabs(page).filter({ hasText: 'two.txt' }).locator('.file-tab-name').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'heap-text');
});

test('pasted text such as a gctrace log opens as a file', async ({ page }) => {
  await page.goto('/');
  await pasteText(page, sampleBytes('gctrace.log').toString('utf8'));
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
  await expect(fileTabs(page).first()).toContainText('pasted:');
});

test('?url= fetches a file the server serves', async ({ page, baseURL }) => {
  await page.goto(`/?url=${encodeURIComponent(`${baseURL}/samples/goroutines.debug1.txt`)}`);
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'goroutines');
});

test('a failed ?url= fetch says so plainly and the app stays usable', async ({ page }) => {
  await page.goto(`/?url=${encodeURIComponent('http://127.0.0.1:9/missing.pprof')}`);
  await expect(page.getByTestId('error')).toContainText(
    'Could not fetch http://127.0.0.1:9/missing.pprof',
  );
  await expect(page.getByTestId('error')).toContainText('CORS');
  await page.getByRole('button', { name: 'Start page' }).click();
  await page.getByTestId('sample-gctrace.log').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
});

test('a 404 from ?url= names the HTTP status', async ({ page, baseURL }) => {
  await page.goto(`/?url=${encodeURIComponent(`${baseURL}/samples/nope.pprof`)}`);
  await expect(page.getByTestId('error')).toContainText('HTTP 404');
});

test('a bad file shows a specific error; the other open files stay usable', async ({ page }) => {
  await openSampleFromStart(page, 'gctrace.log');
  await page.getByTestId('file-input').setInputFiles({
    name: 'picture.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  });
  const error = page.getByTestId('error');
  await expect(error).toContainText('Unrecognised input at byte 0');
  await expect(error).toContainText('binary data starting with 89 50 4e 47');
  await expect(error).toContainText('pprof profile');
  await fileTabs(page).filter({ hasText: 'gctrace.log' }).locator('.file-tab-name').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
});

/** A real gctrace log repeated into ~150 MB and gzipped: slow to inflate and parse, small to send. */
function slowInput(): Buffer {
  const log = sampleBytes('gctrace.log');
  return gzipSync(Buffer.concat(Array.from({ length: Math.ceil(150e6 / log.length) }, () => log)), {
    level: 9,
  });
}

test('a slow load decodes in the worker: the page keeps answering and animating', async ({
  page,
}) => {
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'big.log.gz', mimeType: 'application/gzip', buffer: slowInput() });
  await expect(page.getByTestId('progress-bar')).toBeVisible();
  // Animation frames keep coming while the worker is busy...
  const frames = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const tick = () => (++count < 5 ? requestAnimationFrame(tick) : resolve(count));
        requestAnimationFrame(tick);
      }),
  );
  expect(frames).toBe(5);
  // ...and a click is answered before the load is over.
  await page.getByRole('button', { name: 'Start page' }).click();
  await expect(page.getByTestId('samples')).toBeVisible();
  await expect(fileTabs(page).first()).toHaveClass(/loading/);
});

test('cancel stops a slow load and the app stays usable', async ({ page }) => {
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'big.log.gz', mimeType: 'application/gzip', buffer: slowInput() });
  await expect(page.getByTestId('progress-bar')).toBeVisible();
  await expect(page.getByTestId('load-progress')).toContainText('%');
  await page.getByTestId('cancel-load').click();
  await expect(fileTabs(page)).toHaveCount(0);
  await expect(page.getByTestId('samples')).toBeVisible();
  await page.getByTestId('sample-gctrace.log').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
});

test('the URL names the open sample and a reload restores it', async ({ page }) => {
  await openSampleFromStart(page, 'goroutines.debug2.txt');
  await expect(page).toHaveURL(/[?&]v=1/);
  await expect(page).toHaveURL(/sample=goroutines.debug2.txt/);
  await page.reload();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'goroutines');
});

test('a link from a newer version says so and still opens its file', async ({ page }) => {
  await page.goto('/?v=99&sample=gctrace.log&x=1');
  await expect(page.getByTestId('notice')).toContainText('newer Gopherlens');
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
});

// The view settings links carry (pprof's names and the views' own), each given values a
// hand-edited or truncated link may hold.
const viewKeys = ['view', 'si', 'f', 'i', 'h', 's', 'sf', 'tf', 'ti', 'g', 'w', 'z', 'fn', 'sort'];
const moreViewKeys = ['pins', 'o', 'mw', 'stwr', 'open', 'noinl', 'mmu', 'inv', 'gsort', 'gg'];
const junkValues = ['abc', '-1', 'NaN', '1e400', '(', '', '<b>x</b>', '5~1', 'x,y,z', '%'];

for (const sample of ['trace.out.gz', 'cpu.pprof', 'gctrace.log', 'heap.debug1.txt']) {
  test(`a link to ${sample} with junk view settings still opens it, without errors`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const params = new URLSearchParams({ v: '1', sample });
    [...viewKeys, ...moreViewKeys].forEach((key, k) =>
      params.set(key, junkValues[k % junkValues.length]),
    );
    await page.goto(`/?${params}`);
    await expect(page.getByTestId('file-view')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(errors).toEqual([]);
  });
}

test('back and forward move between files and the start page', async ({ page }) => {
  await openSampleFromStart(page, 'gctrace.log');
  await expect(page).toHaveURL(/sample=gctrace.log/);
  await page.getByRole('button', { name: 'Start page' }).click();
  await page.getByTestId('sample-goroutines.debug1.txt').click();
  await expect(page).toHaveURL(/sample=goroutines.debug1.txt/);
  await page.goBack();
  await expect(page.getByTestId('samples')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/sample=gctrace.log/);
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
  await page.goForward();
  await page.goForward();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'goroutines');
});

test('a worker that dies is reported as such and the app goes on', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-gctrace.log').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'gctrace');
  // An uncaught error reaches the page the same way a worker killed for memory does. Every
  // worker crashes: the file's own, and the spare started for the next file.
  for (const worker of page.workers()) {
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
  }
  await expect(page.getByTestId('error')).toContainText('decoding worker stopped unexpectedly');
  await page.getByRole('button', { name: 'Start page' }).click();
  await page.getByTestId('sample-goroutines.debug2.txt').click();
  await expect(page.getByTestId('file-view')).toHaveAttribute('data-format', 'goroutines');
});
