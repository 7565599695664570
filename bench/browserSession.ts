import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/browser';
import { noteChromiumVersion } from './results';

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
  if (!browser) {
    browser = await chromium.launch(chromiumLaunchOptions);
    noteChromiumVersion(browser.version());
  }
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** What the page records about itself, read back with readPageTimings. */
export interface PageTimings {
  /** Main-thread tasks over 50 ms (the longtask threshold): start and duration, ms. */
  longTasks: Array<{ start: number; duration: number }>;
  /** First time each watched selector matched an element, in ms since navigation. */
  firstSeen: Record<string, number>;
  /** The first `change` event of a file input, in ms since navigation. */
  fileChosen: number | undefined;
  /** First and last progress report the decoding worker sent, per phase name. */
  phases: Record<string, { first: number; last: number }>;
}

/**
 * Installed before any page script: a longtask observer, a watcher that notes when each
 * selector first matches, the time a file was chosen, and the decode worker's progress
 * reports (Comlink calls on the proxied progress callback arrive through a MessagePort).
 */
function recordTimings(selectors: string[]): void {
  const timings: PageTimings = { longTasks: [], firstSeen: {}, fileChosen: undefined, phases: {} };
  Object.defineProperty(window, '__benchTimings', { value: timings });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      timings.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'change',
    (event) => {
      const target = event.target as HTMLInputElement | null;
      if (target?.type === 'file' && timings.fileChosen === undefined) {
        timings.fileChosen = performance.now();
      }
    },
    true,
  );
  const check = () => {
    for (const selector of selectors) {
      if (!(selector in timings.firstSeen) && document.querySelector(selector)) {
        timings.firstSeen[selector] = performance.now();
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
  });
  const addListener = MessagePort.prototype.addEventListener;
  MessagePort.prototype.addEventListener = function (
    this: MessagePort,
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ) {
    if (type !== 'message' || typeof listener !== 'function') {
      return addListener.call(this, type, listener, options);
    }
    const noted = function (this: MessagePort, event: Event) {
      const data = (event as MessageEvent).data;
      const phase = data?.type === 'APPLY' ? data.argumentList?.[0]?.value : undefined;
      if (typeof phase === 'string') {
        const now = performance.now();
        const seen = timings.phases[phase];
        if (seen) seen.last = now;
        else timings.phases[phase] = { first: now, last: now };
      }
      return listener.call(this, event);
    };
    return addListener.call(this, type, noted, options);
  };
}

/** A fresh page (own context, so no cache is shared between runs) that records its timings. */
export async function newTimedPage(selectors: string[]): Promise<Page> {
  const context = await (
    await launchBrowser()
  ).newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx may wrap named functions in a `__name` helper that does not exist in the page.
  await page.addInitScript({
    content: `var __name = (f) => f; (${recordTimings.toString()})(${JSON.stringify(selectors)});`,
  });
  return page;
}

/**
 * Opens an app and waits as a user would before choosing a file: until its network is quiet,
 * then a second more (nobody picks a file faster). Every tool compared gets the same wait.
 */
export async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000);
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

export function readPageTimings(page: Page): Promise<PageTimings> {
  return page.evaluate(() => (window as unknown as { __benchTimings: PageTimings }).__benchTimings);
}

/** Waits until the selector has matched once (as noted by the page), returning when, in ms. */
export async function waitFirstSeen(page: Page, selector: string, timeoutMs: number) {
  await page.waitForFunction(
    (s) => (window as unknown as { __benchTimings: PageTimings }).__benchTimings.firstSeen[s],
    selector,
    { timeout: timeoutMs },
  );
  return (await readPageTimings(page)).firstSeen[selector];
}

export function longestTask(timings: PageTimings, from = 0, to = Infinity): number {
  let longest = 0;
  for (const task of timings.longTasks) {
    if (task.start + task.duration >= from && task.start <= to) {
      longest = Math.max(longest, task.duration);
    }
  }
  return longest;
}

/** The flame graph's (and timelines') recent paint times, ms: the last 1,000, oldest first. */
export function frameTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window.__gopherlensFrameTimes ?? [])]);
}

/**
 * The paint times recorded after `before` was read. The page keeps only the last 1,000, so the
 * new ones are what follows the longest tail of `before` that `after` starts with.
 */
export function framesSince(before: number[], after: number[]): number[] {
  for (let skip = 0; skip < before.length; skip++) {
    const overlap = before.length - skip;
    if (overlap > after.length) continue;
    let same = true;
    for (let i = 0; i < overlap && same; i++) same = before[skip + i] === after[i];
    if (same) return after.slice(overlap);
  }
  return after;
}
