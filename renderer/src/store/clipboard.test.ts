import { beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../test-support/fake-engine';
import { resetStore, taskView } from '../test-support/views';
import { copySelection, duplicateSelection, pasteClipboard } from './clipboard';
import { connectEngine, reloadFromEngine } from './connect-engine';
import { undo } from './edits';
import { useFaultline } from './store';

const state = () => useFaultline.getState();
const selectedIds = () =>
  state()
    .flowNodes.filter((n) => n.selected)
    .map((n) => n.id);
const select = (...ids: string[]) => useFaultline.setState((s) => ({ flowNodes: s.flowNodes.map((n) => ({ ...n, selected: ids.includes(n.id) })) }));

beforeEach(async () => {
  resetStore();
  const engine = new FakeEngine([
    taskView('src', { op: 'load', params: { path: 'a.png' }, position: { x: 0, y: 0 } }),
    taskView('blur', { params: { sigma: 3 }, inputs: ['src'], position: { x: 200, y: 0 } }),
    taskView('mix', { op: 'overlay', inputs: ['blur', 'src'], position: { x: 400, y: 0 } }),
  ]);
  connectEngine(engine.host);
  await reloadFromEngine();
});

describe('copy and paste', () => {
  it('pastes the selection with its params and the wires among it, beside it, selected; one undo takes it away', async () => {
    select('blur', 'mix');
    expect(copySelection()).toBe(2);
    const ids = await pasteClipboard();
    expect(ids).toHaveLength(2);
    const [blur, mix] = ids.map((id) => state().tasks[id]!);
    expect(blur).toMatchObject({ op: 'blur', params: { sigma: 3 }, inputs: [], position: { x: 240, y: 40 } });
    // Only the wire inside the selection comes along: mix's second input (src) was outside it.
    expect(mix).toMatchObject({ op: 'overlay', inputs: [blur!.id], position: { x: 440, y: 40 } });
    expect(selectedIds()).toEqual(ids);

    // A second paste lands one step further; the first copies stay.
    const again = await pasteClipboard();
    expect(state().tasks[again[0]!]?.position).toEqual({ x: 280, y: 80 });
    await undo();
    expect(Object.keys(state().tasks)).toHaveLength(5);
    await undo();
    expect(Object.keys(state().tasks).sort()).toEqual(['blur', 'mix', 'src']);
  });

  it("a wire keeps its input order among the wires copied: the overlay's second input becomes its first", async () => {
    select('src', 'mix');
    copySelection();
    const [src, mix] = await pasteClipboard();
    expect(state().tasks[mix!]?.inputs).toEqual([src]);
  });

  it('two duplicates at once (a key pressed twice fast) each get their own copy and wires; Ctrl+V still pastes what was copied', async () => {
    select('src');
    copySelection();
    select('src', 'blur');
    const [first, second] = await Promise.all([duplicateSelection(), duplicateSelection()]);
    for (const ids of [first!, second!]) expect(state().tasks[ids[1]!]?.inputs).toEqual([ids[0]]);
    const [pasted] = await pasteClipboard();
    expect(state().tasks[pasted!]?.op).toBe('load');
  });

  it('duplicates without changing what the clipboard holds; nothing selected copies nothing', async () => {
    select('src');
    copySelection();
    select('blur');
    const [copy] = await duplicateSelection();
    expect(state().tasks[copy!]).toMatchObject({ op: 'blur', params: { sigma: 3 } });
    const [pasted] = await pasteClipboard();
    expect(state().tasks[pasted!]?.op).toBe('load');
    select();
    expect(copySelection()).toBe(0);
    expect(await duplicateSelection()).toEqual([]);
  });
});
