import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot } from './fixtures.js';
import { ServeProcess } from './serve-process.js';

/** A layered graph of no-op tasks, `width` wide, each fed by two nodes of the layer before. */
function noopGraph(count: number, width: number) {
  const nodes = Array.from({ length: count }, (_, i) => {
    const layer = Math.floor(i / width);
    const inputs = layer === 0 ? [] : [`n${i - width}`, `n${(layer - 1) * width + ((i + 1) % width)}`];
    return { id: `n${i}`, op: 'noop', params: {}, inputs };
  });
  return { name: 'big graph', nodes };
}

test('a big graph zoomed out is drawn as one status overview; zooming in brings back editable nodes', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-e2e-big-'));
  const pipeline = join(dir, 'big.json');
  writeFileSync(pipeline, JSON.stringify(noopGraph(400, 20)));
  const { serve, address } = await ServeProcess.start(dir, undefined, pipeline);
  try {
    await page.goto(address.url);
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
    const overview = page.getByTestId('status-overview');
    await expect(overview).toBeVisible();
    await expect(page.getByTestId('op-node')).toHaveCount(0);

    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
    // Completed boxes are drawn in the completed colour.
    const pixel = await overview.evaluate((canvas: HTMLCanvasElement) => {
      const g = canvas.getContext('2d')!;
      const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
      let green = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 1]! > 150 && data[i]! < 100) green++;
      return green;
    });
    expect(pixel).toBeGreaterThan(1000);
    await screenshot(page, 'big-graph-overview');

    const stage = page.getByTestId('canvas');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 12 && (await overview.count()) > 0; i++) await page.mouse.wheel(0, -400);
    await expect(overview).toHaveCount(0);
    await expect(page.getByTestId('op-node').first()).toBeVisible();
    await expect(page.getByTestId('op-node').first()).toHaveAttribute('data-status', 'completed');
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
