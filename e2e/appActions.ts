import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export function sampleBytes(name: string): Buffer {
  return readFileSync(`public/samples/${name}`);
}

/** Opens a bundled sample the way a newcomer does: from the start page. */
export async function openSampleFromStart(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId(`sample-${name}`).click();
  await expect(page.getByTestId('file-view')).toBeVisible();
}

/** Drops files onto the page with a real DataTransfer, as a drag from the desktop does. */
export async function dropFiles(
  page: Page,
  files: Array<{ name: string; bytes: Buffer }>,
): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: [...f.bytes] }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.data)], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}

export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, text);
}

export function fileTabs(page: Page) {
  return page.getByTestId('file-switcher').locator('.file-tab');
}
