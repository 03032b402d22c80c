import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { batchPipeline, makePhotoFolder, writePhoto } from '../engine/test/batch-fixtures.js';
import { ask } from './engine-probe.js';
import { expect, node, screenshot } from './fixtures.js';
import { ServeProcess, type ServeAddress } from './serve-process.js';

const PHOTOS = 30;
const BAD = 7;

/** A serve on a pipeline that maps a folder the test makes: 30 photos, one of them cut short. */
const test = base.extend<{ batch: { dir: string; made: string[]; serve: ServeProcess; address: ServeAddress } }>({
  // eslint-disable-next-line no-empty-pattern
  batch: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-e2e-batch-'));
    const made = await makePhotoFolder(join(dir, 'in'), PHOTOS, BAD);
    writeFileSync(join(dir, 'batch.json'), JSON.stringify(batchPipeline('in')));
    const { serve, address } = await ServeProcess.start(dir, undefined, join(dir, 'batch.json'));
    try {
      await use({ dir, made, serve, address });
    } finally {
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

test('a folder run shows each mapped node once with its photos counted; the grid lists them; a photo opens at its real size', async ({
  page,
  batch,
}) => {
  await page.goto(batch.address.url);
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('op-node')).toHaveCount(4); // drawn once each, not once per photo
  const bright = node(page, 'bright');
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-total', String(PHOTOS));

  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-done', String(PHOTOS - 1));
  await expect(node(page, 'photos').getByTestId('items-dead')).toContainText('1 dead');
  await expect(bright.getByTestId('items-blocked')).toContainText('1 blocked');
  const engine = await ask(batch.address, 'graph.get', {});
  expect(engine.counters.byStatus.completed).toBe((PHOTOS - 1) * 4);

  // The journal's node filter takes a mapped node's photos: the dead photo's row is there.
  await page.getByTestId('journal-filter-node').selectOption('photos');
  await page.getByTestId('journal-filter-status').selectOption('dead');
  await expect(page.getByTestId('journal-row')).toHaveCount(1);
  await expect(page.getByTestId('journal-row')).toHaveAttribute('data-node-id', /^photos@/);
  await page.getByTestId('journal-filter-node').selectOption('');
  await page.getByTestId('journal-filter-status').selectOption('');

  // Replay knows photos: at the run's end a mapped node shows its final counts, early on fewer.
  const done = () => bright.getByTestId('item-progress').getAttribute('data-done');
  await page.getByTestId('replay-enter').click();
  await expect(page.getByTestId('scrubber')).toHaveAttribute('data-mode', 'scrub');
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-done', String(PHOTOS - 1));
  const slider = page.getByTestId('replay-slider');
  await slider.fill(String(Number(await slider.getAttribute('min')) + 10));
  await expect.poll(async () => Number(await done())).toBeLessThan(PHOTOS - 1);
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-total', String(PHOTOS));
  await page.getByTestId('replay-live').click();
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-done', String(PHOTOS - 1));

  // The grid: every photo, and the bad one named with why.
  await node(page, 'photos').getByTestId('open-items').click();
  const grid = page.getByTestId('items-grid');
  await expect(grid.getByTestId('items-total')).toHaveText(`${PHOTOS} photos`);
  await grid.getByTestId('items-status').selectOption('dead');
  await expect(grid.getByTestId('item-row')).toHaveCount(1);
  await expect(grid.getByTestId('item-path')).toHaveText(batch.made[BAD]!);
  await expect(grid.getByTestId('item-row')).toContainText(batch.made[BAD]!.split('/').pop()!);
  await grid.getByTestId('items-close').click();

  // A sink's photo at full size, as exported under OUT/bright/ with its subfolder.
  await bright.getByTestId('open-items').click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'batch-grid-1280x720');
  const first = grid.getByTestId('item-row').first();
  const relpath = await first.getByTestId('item-path').innerText();
  await first.click();
  const exported = join(batch.dir, 'out', 'bright', relpath.replace(/\.\w+$/, '.png'));
  await expect(page.getByTestId('viewer-path')).toHaveText(exported);
  const size = await sharp(exported).metadata();
  await expect
    .poll(() => page.getByTestId('output-view').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([size.width, size.height]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('output-viewer')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(grid).toHaveCount(0);

  // Three photos added to the folder: the next run computes exactly those; a reload keeps the counts.
  for (let i = 0; i < 3; i++) await writePhoto(join(batch.dir, 'in', `late-${i}.png`), 500 + i, 'png');
  await page.getByTestId('run-start').click();
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-total', String(PHOTOS + 3));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-done', String(PHOTOS + 2));
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(bright.getByTestId('item-progress')).toHaveAttribute('data-done', String(PHOTOS + 2));
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'batch-canvas-1280x720');
});
