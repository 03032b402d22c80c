import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServeProcess, type ServeAddress } from './serve-process.js';

interface Fixtures {
  /** A running `faultline serve` on its own temp journal, killed after the test. */
  serve: { process: ServeProcess; address: ServeAddress };
}

export const test = base.extend<Fixtures>({
  // Playwright requires an object pattern as a fixture's first argument, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  serve: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-e2e-'));
    const { serve, address } = await ServeProcess.start(dir);
    try {
      await use({ process: serve, address });
      // A failed test shows what the engine said: a crash's stack is there, not in the page.
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('serve output', { body: serve.log, contentType: 'text/plain' });
    } finally {
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Opens the app and waits until the graph from graph.get is on the canvas. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('op-node').first()).toBeVisible();
}

export const nodes = (page: Page) => page.getByTestId('op-node');
export const node = (page: Page, id: string) => page.locator(`[data-testid="op-node"][data-node-id="${id}"]`);

/** Sets a range input the way a person's drag would end: value, then input + change events. */
export async function setSlider(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
}

export async function statusesOf(page: Page): Promise<string[]> {
  return nodes(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-status') ?? ''));
}

/** Waits until the canvas's view stops moving (a fit animates for a moment): positions read after it hold. */
export async function viewSettled(page: Page): Promise<void> {
  const still = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const transform = () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
          const before = transform();
          requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(before === transform()))));
        }),
    );
  await expect.poll(still).toBe(true);
}

/**
 * Where the tests' screenshots go: test-results/ by default; `npm run screenshots` sends them to
 * docs/, where the README shows them.
 */
const SCREENSHOTS = process.env['FAULTLINE_SCREENSHOTS'] ?? 'test-results/screenshots';

/** A screenshot of the page as it is now, named for what it shows. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions finished, animations stopped: a button caught mid-fade is not what the page shows.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** The smallest font size set on anything inside a node, in px: legible at 100% means 11 or more. */
export function smallestNodeText(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.min(...Array.from(document.querySelectorAll('[data-testid="op-node"] *')).map((el) => parseFloat(getComputedStyle(el).fontSize))),
  );
}
