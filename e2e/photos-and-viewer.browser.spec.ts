import type { Page } from '@playwright/test';
import { join } from 'node:path';
import sharp from 'sharp';
import { ask } from './engine-probe.js';
import { expect, node, nodes, openApp, test, screenshot } from './fixtures.js';
import type { ServeAddress } from './serve-process.js';

/**
 * Photos in and results out, as a person does it: add a photo of their own, drop two more on
 * the canvas, try a file that is not a photo, run, and look at the results at full size. After
 * each move, what should not have changed has not, in the page and in the engine.
 */

/** A photo the test makes itself: its size is known, its bytes its own. */
const madePhoto = (width: number, height: number, red: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 90, b: 160 } } })
    .png()
    .toBuffer();

const taskCount = async (address: ServeAddress) => (await ask(address, 'graph.get', {})).tasks.length;

const loadNodes = (page: Page) => page.locator('[data-testid="op-node"][data-op="load"]');

/** Drops files onto the canvas at a point, as a drag from the desktop ends. */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Buffer }>, at: { x: number; y: number }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: 'image/png' }));
      return transfer;
    },
    files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })),
  );
  await page.getByTestId('canvas').dispatchEvent('drop', { dataTransfer, clientX: at.x, clientY: at.y });
}

test('photos in by upload and by drop, a non-photo refused by name, results viewed at their real size', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const start = await nodes(page).count();
  const startTasks = await taskCount(serve.address);
  const startLoads = await loadNodes(page).count();

  // 1. A photo of one's own through "Add photos…": a new load node named for the file.
  await page.getByTestId('photo-upload').setInputFiles({ name: 'my-photo.png', mimeType: 'image/png', buffer: await madePhoto(333, 222, 10) });
  await expect(nodes(page)).toHaveCount(start + 1);
  const mine = loadNodes(page).filter({ has: page.getByTestId('node-file').getByText('my-photo.png', { exact: true }) });
  await expect(mine).toHaveCount(1);
  const mineId = (await mine.getAttribute('data-node-id'))!;
  const held = (await ask(serve.address, 'graph.get', {})).tasks.find((t) => t.id === mineId);
  expect(String(held?.params['path'])).toContain(join(serve.process.dir, 'photos'));

  // 2. A text file named .png: refused with its name and the reason; nothing else changes.
  await page.getByTestId('photo-upload').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a photo at all\n') });
  await expect(page.getByTestId('notice').filter({ hasText: 'notes.png was not added: it is not an image' })).toBeVisible();
  await expect(nodes(page)).toHaveCount(start + 1);
  expect(await taskCount(serve.address)).toBe(startTasks + 1);

  // 3. Two photos dropped together: two load nodes side by side where they landed, one undo step.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const two = [
    { name: 'left.png', bytes: await madePhoto(120, 80, 200) },
    { name: 'right.png', bytes: await madePhoto(90, 160, 240) },
  ];
  await dropFiles(page, two, { x: box.x + box.width / 2, y: box.y + 60 });
  await expect(nodes(page)).toHaveCount(start + 3);
  await expect(loadNodes(page)).toHaveCount(startLoads + 3);
  const left = await loadNodes(page).filter({ hasText: 'left.png' }).boundingBox();
  const right = await loadNodes(page).filter({ hasText: 'right.png' }).boundingBox();
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1); // side by side, not stacked
  await page.getByTestId('canvas').click({ position: { x: 5, y: box.height - 5 } });
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(start + 1);
  await page.keyboard.press('Control+y');
  await expect(nodes(page)).toHaveCount(start + 3);
  expect(await taskCount(serve.address)).toBe(startTasks + 3);

  // 4. Run; every node completes, the new photos with them.
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });

  // 5. A sink's thumbnail opens the viewer at the export's real size, with where it was exported.
  await node(page, 'postcard').getByTestId('node-thumbnail').locator('img').click();
  const viewer = page.getByTestId('output-viewer');
  await expect(viewer).toHaveAttribute('data-node-id', 'postcard');
  const exported = await sharp(join(serve.process.dir, 'out', 'postcard.png')).metadata();
  const shown = page.getByTestId('output-view');
  await expect
    .poll(() => shown.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([exported.width, exported.height]);
  await expect(page.getByTestId('viewer-size')).toHaveText(`${exported.width} × ${exported.height}`);
  await expect(page.getByTestId('viewer-path')).toHaveText(join(serve.process.dir, 'out', 'postcard.png'));
  await expect(page.getByTestId('viewer-download')).toHaveAttribute('download', 'postcard.png');

  // 1:1 shows real pixels; fit brings the whole image back; before/after splits against the first input.
  await page.getByTestId('viewer-actual').click();
  await expect(page.getByTestId('viewer-zoom')).toHaveText('100%');
  await page.getByTestId('viewer-compare').check();
  await expect(page.getByTestId('output-before')).toBeVisible();
  await page.getByTestId('viewer-split').fill('25');
  await expect(shown).toHaveAttribute('style', /clip-path: inset\(0px 0px 0px 25%\)/);
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.getByTestId('viewer-fit').click();
    await screenshot(page, `viewer-${size.width}x${size.height}`);
  }
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // 6. The uploaded photo, through the inspector's View button: its own size.
  await mine.locator('.op-node-header').click();
  await page.getByTestId('view-output').click();
  await expect(viewer).toHaveAttribute('data-node-id', mineId);
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([333, 222]);
  await page.getByTestId('viewer-close').click();
  await expect(viewer).toHaveCount(0);

  // 7. The path field completes from the allowed folders, the photo store included.
  await expect(page.getByTestId('photo-choices').locator(`option[value="${String(held?.params['path'])}"]`)).toHaveCount(1);
  await expect(page.getByTestId('photo-choices').locator('option[value="photos/chelsea.png"]')).toHaveCount(1);

  // 8. After a reload the photos are still there, by name, and the run still complete.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(nodes(page)).toHaveCount(start + 3);
  for (const name of ['my-photo.png', 'left.png', 'right.png']) await expect(loadNodes(page).filter({ hasText: name })).toHaveCount(1);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
});
