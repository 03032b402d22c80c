import type { Page } from '@playwright/test';
import type { TaskView } from '../engine/contract/index.js';
import { ask } from './engine-probe.js';
import { expect, node, nodes, openApp, screenshot, smallestNodeText, test, viewSettled } from './fixtures.js';
import type { ServeAddress } from './serve-process.js';

/**
 * Room to work on a laptop screen and fast editing, as one session: panels folded and resized,
 * nodes box-selected, copied, pasted, duplicated, deleted and undone, checking after each move
 * what must not have changed (in the page and in the engine), then a reload, the engine killed
 * and restarted, and the light theme.
 */

const SAMPLE_NODES = 17;

const tasks = async (address: ServeAddress): Promise<TaskView[]> => (await ask(address, 'graph.get', {})).tasks;
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;
const selected = (page: Page) => page.locator('.react-flow__node.selected');

/** What the window's layout is now: the panels' sizes, which are folded, and the canvas's box. */
async function layout(page: Page) {
  const stage = await box(page, '.stage');
  return {
    stage,
    sidebar: await page.getByTestId('toggle-sidebar').getAttribute('data-collapsed'),
    inspector: await page.getByTestId('toggle-inspector').getAttribute('data-collapsed'),
    dock: await page.getByTestId('toggle-dock').getAttribute('data-collapsed'),
  };
}

/** Every node of the graph lies inside the canvas: a fit after a panel moved framed it all. */
async function graphInsideCanvas(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('.react-flow__node')).every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= canvas.left - 1 && r.right <= canvas.right + 1 && r.top >= canvas.top - 1 && r.bottom <= canvas.bottom + 1;
    });
  });
}

async function dragBy(page: Page, testId: string, dx: number, dy: number): Promise<void> {
  const handle = (await page.getByTestId(testId).boundingBox())!;
  const [x, y] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

test('at 1280×720 the canvas has the room; panels fold, resize and are remembered through a reload and an engine restart', async ({
  page,
  serve,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, serve.address.url);

  // A laptop's window: the dock starts folded, and the canvas is the largest thing on screen.
  const first = await layout(page);
  expect(first).toMatchObject({ sidebar: 'false', inspector: 'false', dock: 'true' });
  expect((first.stage.width * first.stage.height) / (1280 * 720)).toBeGreaterThan(0.45);
  await expect(page.getByTestId('workers-panel')).toBeHidden();
  // The canvas's own controls (zoom, fit, minimap, shortcuts) stay on it, and the fitted graph
  // stays clear of them.
  await expect(page.getByTestId('minimap-toggle')).toBeVisible();
  await viewSettled(page);
  const underControls = await page.evaluate(() => {
    const controls = document.querySelector('.react-flow__controls')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('.react-flow__node')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < controls.right && r.right > controls.left && r.top < controls.bottom && r.bottom > controls.top;
    }).length;
  });
  expect(underControls).toBe(0);
  // Node text reads at 100% zoom: nothing on a node is set below 11 px.
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  await expect(node(page, 'cat').getByTestId('node-file')).toHaveText('chelsea.png');
  await screenshot(page, 'workspace-1280x720');

  // Fold the sidebar: the canvas widens, the graph is framed again, nothing else changes.
  await page.getByTestId('toggle-sidebar').click();
  await expect(page.getByTestId('toggle-sidebar')).toHaveAttribute('data-collapsed', 'true');
  await expect.poll(async () => (await layout(page)).stage.width).toBeGreaterThan(first.stage.width + 200);
  await expect.poll(() => graphInsideCanvas(page)).toBe(true);
  expect(await layout(page)).toMatchObject({ inspector: 'false', dock: 'true' });
  await expect(page.getByTestId('fault-error')).toBeHidden();

  // Widen the inspector by dragging its edge 100 px to the left.
  const inspectorBefore = (await box(page, '.app > .inspector')).width;
  await dragBy(page, 'resize-inspector', -100, 0);
  await expect.poll(async () => (await box(page, '.app > .inspector')).width).toBeCloseTo(inspectorBefore + 100, -1);
  expect(await layout(page)).toMatchObject({ sidebar: 'true', dock: 'true' });

  // Open the dock and make it taller with the keyboard on its edge.
  await page.getByTestId('toggle-dock').click();
  await expect(page.getByTestId('workers-panel')).toBeVisible();
  const dockBefore = (await box(page, '.app > .bottom')).height;
  await page.getByTestId('resize-dock').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await box(page, '.app > .bottom')).height).toBe(dockBefore + 32);
  const arranged = await layout(page);
  const inspectorWidth = (await box(page, '.app > .inspector')).width;
  await expect.poll(() => graphInsideCanvas(page)).toBe(true);
  await screenshot(page, 'workspace-arranged-1280x720');

  // Reload: the same arrangement, not the defaults.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  expect(await layout(page)).toEqual(arranged);
  expect((await box(page, '.app > .inspector')).width).toBe(inspectorWidth);

  // The engine killed and back: the page reconnects; the layout is the page's and stays.
  await serve.process.crash();
  await expect(page.getByTestId('engine-lost')).toBeVisible();
  await serve.process.restart(serve.address);
  await expect(page.getByTestId('engine-lost')).toHaveCount(0, { timeout: 30_000 });
  expect(await layout(page)).toEqual(arranged);
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES);

  // Everything back open; a double click puts an edge back to its default size.
  await page.getByTestId('toggle-sidebar').click();
  await page.getByTestId('resize-inspector').dblclick();
  await expect.poll(async () => (await box(page, '.app > .inspector')).width).toBe(inspectorBefore);
  await expect(page.getByTestId('fault-error')).toBeVisible();
});

test('box select, copy and paste with params and wires, duplicate, delete many as one step, undo each; then the light theme', async ({
  page,
  serve,
}) => {
  await openApp(page, serve.address.url);
  const original = await tasks(serve.address);
  expect(original).toHaveLength(SAMPLE_NODES);
  const paramsOf = (id: string) => original.find((t) => t.id === id)!.params;

  // Shift + drag a box around cat-face and cat-gray (a crop and the grayscale it feeds).
  await viewSettled(page);
  const face = (await node(page, 'cat-face').boundingBox())!;
  const gray = (await node(page, 'cat-gray').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(face.x - 8, Math.min(face.y, gray.y) - 12);
  await page.mouse.down();
  await page.mouse.move(gray.x + gray.width / 2, gray.y + gray.height / 2, { steps: 5 });
  await page.mouse.move(gray.x + gray.width + 8, Math.max(face.y + face.height, gray.y + gray.height) + 8, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(selected(page)).toHaveCount(2);
  await expect(page.locator('.react-flow__node.selected [data-node-id="cat-face"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__node.selected [data-node-id="cat-gray"]')).toHaveCount(1);

  // Copy, paste: two new nodes with the same params, wired to each other as the originals were.
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES + 2);
  const pasted = (await tasks(serve.address)).filter((t) => !original.some((o) => o.id === t.id));
  expect(pasted.map((t) => t.op).sort()).toEqual(['crop', 'grayscale']);
  const [crop, grayscale] = [pasted.find((t) => t.op === 'crop')!, pasted.find((t) => t.op === 'grayscale')!];
  expect(crop.params).toEqual(paramsOf('cat-face'));
  expect(grayscale.params).toEqual(paramsOf('cat-gray'));
  expect(grayscale.inputs).toEqual([crop.id]);
  expect(crop.inputs).toEqual([]);
  // The copies are the selection now, and sit beside the originals, not on them.
  await expect(selected(page)).toHaveCount(2);
  await expect(page.locator(`.react-flow__node.selected [data-node-id="${crop.id}"]`)).toHaveCount(1);
  expect(crop.position).toEqual({
    x: original.find((t) => t.id === 'cat-face')!.position!.x + 40,
    y: original.find((t) => t.id === 'cat-face')!.position!.y + 40,
  });

  // Duplicate the copies: two more; the originals are untouched throughout.
  await page.keyboard.press('Control+d');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES + 4);
  const afterDuplicate = await tasks(serve.address);
  for (const o of original) expect(afterDuplicate.find((t) => t.id === o.id)).toEqual(o);

  // The duplicates are the selection; delete them with one key: one undo step brings both back, wired.
  const duplicates = afterDuplicate.filter((t) => !original.some((o) => o.id === t.id) && !pasted.some((p) => p.id === t.id));
  expect(duplicates).toHaveLength(2);
  for (const d of duplicates) await expect(page.locator(`.react-flow__node.selected [data-node-id="${d.id}"]`)).toHaveCount(1);
  await expect(selected(page)).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES + 2);
  // Only the selection went: the wires the box once selected are not taken along.
  const afterDelete = await tasks(serve.address);
  for (const o of original) expect(afterDelete.find((t) => t.id === o.id)).toEqual(o);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES + 4);
  expect((await tasks(serve.address)).map((t) => ({ id: t.id, inputs: t.inputs, params: t.params }))).toEqual(
    afterDuplicate.map((t) => ({ id: t.id, inputs: t.inputs, params: t.params })),
  );

  // Undo the duplicate, then the paste: back to the sample as it was.
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES + 2);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES);
  expect(await tasks(serve.address)).toEqual(original);

  // A reload shows the engine's graph, which is the sample as it was.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
  await expect(nodes(page)).toHaveCount(SAMPLE_NODES);

  // The light theme follows the OS: the same page, light behind dark text.
  const luminance = () =>
    page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(luminance).toBeLessThan(0.2);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(luminance).toBeGreaterThan(0.8);
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'light-1280x720');
});
