import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './browser';

/** `npx tsx e2e/screenshot.ts <url> <out.png> [waitForSelector]`: a quick look at a page. */
const [url, out, selector] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(url);
if (selector) await page.waitForSelector(selector, { timeout: 30_000 });
else await page.waitForTimeout(1500);
await page.screenshot({ path: out });
await browser.close();
