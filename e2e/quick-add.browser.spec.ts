import { ask } from './engine-probe.js';
import { expect, nodes, openApp, test } from './fixtures.js';

/** Editing by keyboard, as a person does: quick-add by typing, select all, the shortcuts sheet, undo. */
test('quick-add a blur by typing, select every node, the ? sheet, and undo', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const start = await nodes(page).count();
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width - 150, box.y + box.height - 120);

  await page.keyboard.press('Space');
  await expect(page.getByTestId('quick-add')).toBeVisible();
  await page.getByTestId('quick-add-input').fill('blu');
  await expect(page.getByTestId('quick-add-option').first()).toHaveAttribute('data-op', 'blur');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(start + 1);
  await expect.poll(async () => (await ask(serve.address, 'graph.get', {})).tasks.filter((t) => t.op === 'blur').length).toBe(2);

  // `/` opens it too; Escape closes it and adds nothing.
  await page.keyboard.press('/');
  await page.getByTestId('quick-add-input').fill('zzz');
  await expect(page.getByTestId('quick-add')).toContainText('no operation matches');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(start + 1);

  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(start + 1);

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-sheet')).toContainText('quick-add');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-sheet')).toHaveCount(0);
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('shortcuts-sheet')).toBeVisible();
  await page.getByTestId('shortcuts-close').click();

  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(start);
  expect((await ask(serve.address, 'graph.get', {})).tasks.length).toBe(start);
});
