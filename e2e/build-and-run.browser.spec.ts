import { expect, node, nodes, openApp, setSlider, statusesOf, test, screenshot } from './fixtures.js';

test('build a node on the canvas, inject errors, and watch the run recover', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const before = await nodes(page).count();

  // Drag a blur from the palette onto an empty part of the canvas.
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-blur').dragTo(canvas, { targetPosition: { x: box.width * 0.7, y: box.height * 0.85 } });
  await expect(nodes(page)).toHaveCount(before + 1);
  const blurId = (await page.getByTestId('inspector').getAttribute('data-node-id'))!;
  const blur = node(page, blurId);
  await expect(blur).toHaveAttribute('data-op', 'blur');

  // Wire cat-portrait's output into the blur's input.
  const edgesBefore = await page.locator('.react-flow__edge').count();
  await node(page, 'cat-portrait').getByTestId('handle-out').dragTo(blur.getByTestId('handle-in-0'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(edgesBefore + 1);

  // Wiring the blur back into its own ancestor would make a cycle: refused, with the reason shown.
  await blur.getByTestId('handle-out').dragTo(node(page, 'cat-portrait').getByTestId('handle-in-0'));
  await expect(page.getByTestId('notice').filter({ hasText: /cycle/i })).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(edgesBefore + 1);

  // Params are validated against the op's schema before they are sent.
  await blur.click();
  const sigma = page.getByTestId('param-sigma');
  await sigma.fill('0');
  await expect(page.getByTestId('param-error')).toContainText('sigma');
  await sigma.fill('2.5');
  await sigma.press('Enter');
  await expect(page.getByTestId('apply-params')).toHaveCount(0);
  await expect(sigma).toHaveValue('2.5');

  // Faults: half of all attempts throw; enough attempts that every node gets through.
  await setSlider(page, 'fault-error', 0.5);
  await expect(page.getByTestId('fault-error-value')).toHaveText('50%');
  await setSlider(page, 'setting-max-attempts', 20);
  await setSlider(page, 'fault-throttle', 150);

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');

  // Nodes fail and are retried: the retry counter and a second attempt show it (a failed state
  // itself lasts only its backoff, too short to wait on).
  await expect.poll(async () => Number(await page.getByTestId('counter-retries').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect.poll(() => nodes(page).evaluateAll((els) => Math.max(...els.map((el) => Number(el.getAttribute('data-attempt')))))).toBeGreaterThan(1);
  // The side panel shows a failed node's full error and its own journal.
  // One failed at this moment, if any (it may recover before the click: the node stays, and any
  // node's journal will do).
  const failed = await page.evaluate(() => document.querySelector('[data-testid="op-node"][data-status="failed"]')?.getAttribute('data-node-id'));
  await node(page, failed ?? blurId).click();
  await expect(page.getByTestId('node-journal')).toBeVisible();
  await page.locator('.sidebar').evaluate((el) => el.scrollTo(0, 0)); // the sliders scrolled it
  for (const close of await page.getByTestId('notice').getByRole('button').all()) await close.click();
  await screenshot(page, 'running-graph');

  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  expect(new Set(await statusesOf(page))).toEqual(new Set(['completed']));
  await expect(blur.locator('.op-thumb img')).toBeVisible();
  // Each worker's lane drew the tasks it ran in the last 30 s.
  const drawn = await page.getByTestId('worker-timeline').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-spans'))));
  expect(drawn.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(18);
  await screenshot(page, 'completed-graph');

  // The journal panel filters by status (and by task).
  await page.getByTestId('journal-filter-status').selectOption('failed');
  const shownStatuses = () =>
    page
      .getByTestId('journal-panel')
      .getByTestId('journal-row')
      .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-status')))]);
  await expect.poll(shownStatuses).toEqual(['failed']);
  await page.getByTestId('journal-filter-status').selectOption('');

  // Undo and redo go through the engine as inverse commands.
  await blur.click();
  await page.getByTestId('undo').click();
  await expect(sigma).toHaveValue('3');
  await page.keyboard.press('Control+Shift+Z');
  await expect(sigma).toHaveValue('2.5');

  // Scrub back in time: the canvas shows that moment; jump to a failure; export the run as a GIF.
  const total = await nodes(page).count();
  const liveStatuses = await statusesOf(page);
  await page.getByTestId('replay-enter').click();
  await expect(page.getByTestId('scrubber')).toHaveAttribute('data-mode', 'scrub');
  const slider = page.getByTestId('replay-slider');
  await slider.fill(String(Number(await slider.getAttribute('min')) + 3));
  await expect.poll(async () => (await statusesOf(page)).filter((s) => s === 'completed').length).toBeLessThan(total);
  await page.getByTestId('replay-next-failure').click();
  await expect(page.locator('[data-testid="op-node"][data-status="failed"]').first()).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('export-gif').click();
  expect((await download).suggestedFilename()).toBe('faultline-run.gif');
  await page.getByTestId('replay-live').click();
  await expect.poll(() => statusesOf(page)).toEqual(liveStatuses);

  // Deleting a node takes its edge with it; undo brings back both, with the same id.
  await blur.click();
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(before);
  await expect(page.locator('.react-flow__edge')).toHaveCount(edgesBefore);
  await page.keyboard.press('Control+Z');
  await expect(blur).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(edgesBefore + 1);
});

test('a page reloaded mid-run finds the run still going', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  await setSlider(page, 'fault-throttle', 600);
  await page.getByTestId('run-start').click();
  await expect(page.locator('[data-testid="op-node"][data-status="completed"]').first()).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.locator('[data-testid="op-node"][data-status="running"]').first()).toBeVisible();
  expect((await statusesOf(page)).filter((s) => s === 'completed').length).toBeGreaterThan(0);

  await setSlider(page, 'fault-throttle', 0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
});
