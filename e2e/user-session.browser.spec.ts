import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../engine/contract/index.js';
import { ask } from './engine-probe.js';
import { expect, node, nodes, openApp, setSlider, test, screenshot } from './fixtures.js';
import type { ServeAddress } from './serve-process.js';

/**
 * Sessions the way people use the app: many moves in a row, checking after each one that
 * nothing else moved, in the page and in the engine, then a reload, a kill -9 and restart of
 * the engine, and another pipeline opened. Waits are on what the page or the engine says.
 */

/** A control, how to read it back from the page, and where the engine keeps it. */
interface Setting {
  testId: string;
  value: number;
  inEngine: (s: Snapshot) => number;
}

const SETTINGS: Setting[] = [
  { testId: 'fault-error', value: 0.3, inEngine: (s) => s.faults.chances.error },
  { testId: 'fault-throttle', value: 250, inEngine: (s) => s.faults.throttleMs },
  { testId: 'setting-max-attempts', value: 8, inEngine: (s) => s.settings.maxAttempts },
  { testId: 'setting-workers', value: 3, inEngine: (s) => s.settings.workers },
  { testId: 'fault-panic', value: 0.05, inEngine: (s) => s.faults.chances.panic },
  { testId: 'fault-hang', value: 0.02, inEngine: (s) => s.faults.chances.hang },
  { testId: 'fault-missing', value: 0.04, inEngine: (s) => s.faults.chances.missing },
  { testId: 'fault-corrupt', value: 0.03, inEngine: (s) => s.faults.chances.corrupt },
  { testId: 'setting-timeout', value: 4000, inEngine: (s) => s.settings.timeoutMs },
  { testId: 'fault-seed', value: 42, inEngine: (s) => s.faults.seed },
];

const snapshot = (address: ServeAddress) => ask(address, 'graph.get', {});

/** Every setting moved so far shows its value on the page and is what the engine holds. */
async function expectSettingsHeld(page: Page, address: ServeAddress, moved: readonly Setting[]): Promise<void> {
  for (const s of moved) await expect(page.getByTestId(s.testId)).toHaveValue(String(s.value));
  await expect
    .poll(async () => {
      const held = await snapshot(address);
      return moved.map((s) => s.inEngine(held));
    })
    .toEqual(moved.map((s) => s.value));
}

async function setValue(page: Page, s: Setting): Promise<void> {
  if (s.testId === 'fault-seed') await page.getByTestId(s.testId).fill(String(s.value));
  else await setSlider(page, s.testId, s.value);
}

test('every setting holds through many moves, "always fail", a reload, and kill -9 + restart of the engine', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const moved: Setting[] = [];
  for (const s of SETTINGS) {
    await setValue(page, s);
    moved.push(s);
    await expectSettingsHeld(page, serve.address, moved);
  }

  // "Always fail" on one node changes that node's override and nothing else.
  await node(page, 'cat-gray').click();
  await page.getByTestId('always-fail').check();
  await expect(node(page, 'cat-gray').locator('.op-flag')).toBeVisible();
  await expect.poll(async () => (await snapshot(serve.address)).faults.overrides['cat-gray']?.alwaysFail).toBe(true);
  await expectSettingsHeld(page, serve.address, moved);
  await page.getByTestId('always-fail').uncheck();
  await expect.poll(async () => (await snapshot(serve.address)).faults.overrides).toEqual({});
  await expectSettingsHeld(page, serve.address, moved);

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expectSettingsHeld(page, serve.address, moved);

  // The engine dies: the page says so at once, claims no run, and lets nothing be sent.
  await serve.process.crash();
  await expect(page.getByTestId('engine-lost')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-engine', 'lost');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'unknown');
  await expect(page.getByTestId('run-start')).toBeDisabled();
  await expect(page.getByTestId('fault-error')).toBeDisabled();
  await expect(page.getByTestId('auto-layout')).toBeDisabled();
  await expect(page.getByTestId('open-pipeline')).toBeDisabled();
  await expect(page.getByTestId('replay-enter')).toBeDisabled();
  await expect(page.getByTestId('export-gif')).toBeDisabled();
  await screenshot(page, 'engine-lost');

  // Back on the same journal (serve remembers port and token): the page reconnects and resyncs.
  await serve.process.restart(serve.address);
  await expect(page.getByTestId('engine-lost')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('run-start')).toBeEnabled();
  await expectSettingsHeld(page, serve.address, moved);
});

test('the engine killed mid-run: the page stops claiming the run, then finishes it after the restart', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  await setSlider(page, 'fault-throttle', 500);
  await expect.poll(async () => (await snapshot(serve.address)).faults.throttleMs).toBe(500);
  await page.getByTestId('run-start').click();
  await expect(page.locator('[data-testid="op-node"][data-status="completed"]').first()).toBeVisible();

  await serve.process.crash();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'unknown');
  await expect(page.getByTestId('run-pause')).toHaveCount(0);
  await expect(page.locator('[data-testid="worker-lane"][data-state="busy"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="worker-lane"]').first()).toHaveAttribute('data-state', 'unknown');

  await serve.process.restart(serve.address);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(page.getByTestId('fault-throttle')).toHaveValue('500');
  await setSlider(page, 'fault-throttle', 0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('run-outcome')).toHaveText('3 of 3 outputs completed');
});

/** Node positions as the engine holds them, by id. */
async function positions(address: ServeAddress): Promise<Record<string, { x: number; y: number } | null>> {
  return Object.fromEntries((await snapshot(address)).tasks.map((t) => [t.id, t.position]));
}

/** Where the canvas draws a node (React Flow's transform), in flow coordinates. */
async function drawnAt(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const [, x, y] = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(transform) ?? [];
  return { x: Number(x), y: Number(y) };
}

test('a stable canvas: edits never move nodes, undo of a delete restores place and wires, Layout applies at once', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const start = await positions(serve.address);
  expect(Object.values(start).every((p) => p !== null)).toBe(true);
  expect(await drawnAt(page, 'poster')).toEqual(start['poster']);

  // Drop a blur, wire it, and check nothing that was there moved.
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-blur').dragTo(canvas, { targetPosition: { x: box.width * 0.75, y: box.height * 0.9 } });
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', /^blur-/);
  const blurId = (await page.getByTestId('inspector').getAttribute('data-node-id'))!;
  const dropped = (await positions(serve.address))[blurId];
  await node(page, 'cat-portrait').getByTestId('handle-out').dragTo(node(page, blurId).getByTestId('handle-in-0'));
  await expect.poll(async () => (await snapshot(serve.address)).tasks.find((t) => t.id === blurId)?.inputs).toEqual(['cat-portrait']);
  const afterWire = await positions(serve.address);
  for (const [id, p] of Object.entries(start)) expect(afterWire[id], `${id} stays put`).toEqual(p);
  expect(afterWire[blurId]).toEqual(dropped);
  expect(await drawnAt(page, 'poster')).toEqual(start['poster']);

  // An overlay with one input says so on the node as soon as it is made, not at Run.
  await page.getByTestId('palette-overlay').dragTo(canvas, { targetPosition: { x: box.width * 0.5, y: box.height * 0.9 } });
  // Wait for the engine's answer to select the new node (the blur is still selected until then).
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node-id', /^overlay-/);
  const overlayId = (await page.getByTestId('inspector').getAttribute('data-node-id'))!;
  await expect(node(page, overlayId)).toHaveAttribute('data-problem', 'yes');
  await expect(node(page, overlayId).getByTestId('node-problem')).toHaveAttribute('title', /takes 2 inputs, has 0/);
  await expect(page.getByTestId('inspector-problem')).toContainText('takes 2 inputs');
  await page.getByTestId('delete-node').click();
  await expect(node(page, overlayId)).toHaveCount(0);

  // Delete a node with inputs and children, then undo: same place, same params, same wires.
  const postcardBefore = (await snapshot(serve.address)).tasks.find((t) => t.id === 'poster')!;
  await node(page, 'poster').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'poster')).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(node(page, 'poster')).toBeVisible();
  await expect.poll(async () => (await snapshot(serve.address)).tasks.find((t) => t.id === 'postcard')?.inputs).toEqual(['poster', 'rocket-thumb']);
  const restored = (await snapshot(serve.address)).tasks.find((t) => t.id === 'poster')!;
  expect({ position: restored.position, params: restored.params, inputs: restored.inputs }).toEqual({
    position: postcardBefore.position,
    params: postcardBefore.params,
    inputs: postcardBefore.inputs,
  });
  expect(await drawnAt(page, 'poster')).toEqual(start['poster']);

  // Drag a node away, then Layout: it goes back to its layered place at once, without a reload.
  const grip = (await node(page, 'cat').locator('.op-node-header').boundingBox())!;
  await page.mouse.move(grip.x + 20, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 220, grip.y + 160, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await positions(serve.address))['cat']).not.toEqual(start['cat']);
  await page.getByTestId('auto-layout').click();
  await expect.poll(async () => (await positions(serve.address))['cat']).toEqual(start['cat']);
  await expect.poll(() => drawnAt(page, 'cat')).toEqual(start['cat']);
  // One undo takes the whole layout back.
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await positions(serve.address))['cat']).not.toEqual(start['cat']);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo move cat/);

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  expect(await drawnAt(page, 'poster')).toEqual(start['poster']);
});

test('opening another pipeline: counters, status, journal and replay belong to it, not the old one', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  await setSlider(page, 'fault-error', 0.4);
  await setSlider(page, 'setting-max-attempts', 20);
  await expect.poll(async () => (await snapshot(serve.address)).settings.maxAttempts).toBe(20);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect.poll(async () => Number(await page.getByTestId('counter-retries').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('journal-row').first()).toBeVisible();

  const other = join(serve.process.dir, 'other.json');
  writeFileSync(
    other,
    JSON.stringify({
      name: 'two photos',
      nodes: [
        { id: 'mug', op: 'load', params: { path: 'photos/coffee.png' } },
        { id: 'mug-small', op: 'resize', params: { width: 120 }, inputs: ['mug'] },
      ],
    }),
  );
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-pipeline').click();
  await (await chooser).setFiles(other);
  await expect(page.getByTestId('pipeline-name')).toHaveText('two photos');
  await expect(nodes(page)).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'none');
  await expect(page.getByTestId('counter-retries')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('counter-recoveries')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('journal-row')).toHaveCount(0);
  await page.getByTestId('replay-enter').click();
  await expect(page.getByTestId('replay-problem')).toContainText('Nothing to replay yet');
  // The settings are the engine's, not the pipeline's: they carry over unchanged.
  await expect(page.getByTestId('fault-error')).toHaveValue('0.4');

  await setSlider(page, 'fault-error', 0);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  // The journal panel redraws a few times a second: wait for the rows it shows.
  const shown = () =>
    page
      .getByTestId('journal-panel')
      .getByTestId('journal-row')
      .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-node-id')))].sort());
  await expect.poll(shown).toEqual(['mug', 'mug-small']);
  const page1 = await ask(serve.address, 'journal.page', {});
  expect([...new Set(page1.rows.map((r) => r.nodeId))].sort()).toEqual(['mug', 'mug-small']);
  await page.getByTestId('replay-enter').click();
  await expect(page.getByTestId('scrubber')).toHaveAttribute('data-mode', 'scrub');
  await page.getByTestId('replay-next-failure').click();
  // No failure in this pipeline's journal: the jump stays where it is, on this graph.
  await expect(nodes(page)).toHaveCount(2);
  await page.getByTestId('replay-live').click();
});

test('the window at 1280×720 and 1920×1080 during and after a run under faults', async ({ page, serve }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, serve.address.url);
  await setSlider(page, 'fault-error', 0.35);
  await setSlider(page, 'setting-max-attempts', 20);
  await setSlider(page, 'fault-throttle', 300);
  await expect.poll(async () => (await snapshot(serve.address)).faults.throttleMs).toBe(300);
  await page.getByTestId('run-start').click();
  // A failed state lasts only its backoff; a retry's attempt number stays: wait on that.
  await expect(page.locator('[data-testid="op-node"]:not([data-attempt="0"]):not([data-attempt="1"])').first()).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'running-1280x720');
  await setSlider(page, 'fault-throttle', 0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('run-outcome')).toBeVisible();
  await screenshot(page, 'completed-1920x1080');
});

test('at 1280×720 the minimap starts hidden; shown, a fitted graph stays clear of it; the choice outlives a reload', async ({ page, serve }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, serve.address.url);
  const toggle = page.getByTestId('minimap-toggle');
  await expect(toggle).toHaveAttribute('data-shown', 'false');
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);

  await toggle.click();
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
  await page.locator('.react-flow__controls-fitview').click();
  const overlaps = () =>
    page.evaluate(() => {
      const map = document.querySelector('.react-flow__minimap')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('.react-flow__node')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < map.right && r.right > map.left && r.top < map.bottom && r.bottom > map.top;
      }).length;
    });
  await expect.poll(overlaps).toBe(0);
  expect(await page.locator('.react-flow__node').count()).toBe(17);
  // Clear of it by being framed beside it, not by shrinking to specks.
  expect((await page.locator('.react-flow__node').first().boundingBox())!.width).toBeGreaterThan(60);
  await screenshot(page, 'minimap-1280x720');

  await page.reload();
  await expect(page.getByTestId('minimap-toggle')).toHaveAttribute('data-shown', 'true');
  await expect.poll(overlaps).toBe(0);
});
