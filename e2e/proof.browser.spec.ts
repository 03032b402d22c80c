import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ask } from './engine-probe.js';
import { expect, openApp, screenshot, setSlider, smallestNodeText, test } from './fixtures.js';

/**
 * The proof on screen, as a person gets it: a run under faults, its summary, Verify, the
 * verdict at each output and in the card; it survives a reload; "verify after every run"
 * verifies the next run by itself. Checked in the page and in what the engine holds.
 */
test('a run under faults is verified byte-identical on screen, and the verdict holds through a reload and the next run', async ({ page, serve }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, serve.address.url);
  await setSlider(page, 'fault-error', 0.3);
  await setSlider(page, 'setting-max-attempts', 20);
  await expect.poll(async () => (await ask(serve.address, 'graph.get', {})).settings.maxAttempts).toBe(20);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });

  // The card says what happened before anyone asks for proof, and that there is none yet.
  const card = page.getByTestId('run-summary');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('summary-faults')).toContainText('injected error');
  await expect(page.getByTestId('summary-verdict')).toHaveAttribute('data-verdict', 'none');
  await expect(page.getByTestId('node-verdict')).toHaveCount(0);

  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', 'identical', { timeout: 60_000 });
  await expect(page.getByTestId('verify-verdict')).toContainText('3 of 3 outputs byte-identical to a fault-free run');
  await expect(page.locator('[data-testid="node-verdict"][data-verdict="identical"]')).toHaveCount(3);
  await expect(page.getByTestId('summary-verdict')).toHaveAttribute('data-verdict', 'identical');
  expect(await smallestNodeText(page), 'the verdict badges read at 100% too').toBeGreaterThanOrEqual(11);
  const held = await ask(serve.address, 'run.report', {});
  expect(held?.verification?.identical).toBe(3);
  expect(held?.verification?.sinks.map((s) => s.exported)).toEqual(['ok', 'ok', 'ok']);
  await screenshot(page, 'verified-1280x720');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'verified-1920x1080');

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(page.locator('[data-testid="node-verdict"][data-verdict="identical"]')).toHaveCount(3);
  await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', 'identical');

  // A sink says where its file went, and the file is there; a node with children says nothing.
  await page.locator('[data-testid="op-node"][data-node-id="launch"]').click();
  const exported = join(serve.process.dir, 'out', 'launch.png');
  await expect(page.getByTestId('sink-export')).toHaveText(exported);
  expect(existsSync(exported)).toBe(true);
  // Replaying the past, neither the present verdict nor where the file went now is shown.
  await page.getByTestId('replay-enter').click();
  await expect(page.getByTestId('scrubber')).toHaveAttribute('data-mode', 'scrub');
  await expect(page.getByTestId('verify-verdict')).toHaveCount(0);
  await expect(page.getByTestId('sink-export')).toHaveCount(0);
  await page.getByTestId('replay-live').click();
  await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', 'identical');
  await expect(page.getByTestId('sink-export')).toHaveText(exported);
  await page.locator('[data-testid="op-node"][data-node-id="cat-face"]').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', 'cat-face');
  await expect(page.getByTestId('sink-export')).toHaveCount(0);
  // A click on the empty canvas puts the summary card back where the inspector rests.
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await expect(card).toBeVisible();

  // Opt in, run again: the new run has no verdict of the old one, and gets its own by itself.
  await page.getByTestId('verify-auto').check();
  const firstRun = held!.runId;
  await page.getByTestId('run-start').click();
  await expect(card).toHaveAttribute('data-run-id', String(firstRun + 1), { timeout: 60_000 });
  await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', 'identical', { timeout: 60_000 });
  await expect.poll(async () => (await ask(serve.address, 'run.report', {}))?.verification?.runId).toBe(firstRun + 1);
  await expect(page.getByTestId('fault-error')).toHaveValue('0.3');
});

test('the journal deleted under a live engine: the window says the engine stopped and why, and offers nothing that would be lost', async ({
  page,
  serve,
}) => {
  await openApp(page, serve.address.url);
  await expect(page.getByTestId('run-start')).toBeEnabled();
  unlinkSync(join(serve.process.dir, 'journal.db'));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'halted', { timeout: 10_000 });
  await expect(page.getByTestId('run-halted')).toContainText('was deleted or replaced while the engine ran');
  await expect(page.getByTestId('run-start')).toBeDisabled();
  // The engine holds the same: commands that would journal are refused by name.
  await expect(ask(serve.address, 'run.start', {})).rejects.toThrow(/run\.start refused: .*was deleted or replaced/);
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'halted');
});
