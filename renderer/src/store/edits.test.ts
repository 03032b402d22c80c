import type { TaskView } from '@contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../test-support/fake-engine';
import { resetStore, taskView } from '../test-support/views';
import { connectEngine, reloadFromEngine } from './connect-engine';
import { addNode, connect, moveNodes, redo, removeNodes, undo, updateParams } from './edits';
import { useFaultline } from './store';

const state = () => useFaultline.getState();
const shownAt = (id: string) => state().flowNodes.find((n) => n.id === id)?.position;
const inputsOf = (id: string) => state().tasks[id]?.inputs;

let engine: FakeEngine;

async function start(tasks: TaskView[]): Promise<void> {
  resetStore();
  engine = new FakeEngine(tasks);
  connectEngine(engine.host);
  await reloadFromEngine();
}

beforeEach(() =>
  start([
    taskView('src', { op: 'load', params: { path: 'a.png' }, position: { x: 0, y: 0 } }),
    taskView('blur', { params: { sigma: 3 }, inputs: ['src'], position: { x: 200, y: 0 } }),
    taskView('mix', { op: 'overlay', inputs: ['blur', 'src'], position: { x: 400, y: 0 } }),
  ]),
);

describe('undo and redo', () => {
  it('put a moved node back where it was, then move it again', async () => {
    expect(await moveNodes([{ id: 'blur', from: { x: 200, y: 0 }, to: { x: 250, y: 80 } }])).toBe(true);
    expect(shownAt('blur')).toEqual({ x: 250, y: 80 });

    await undo();
    expect(shownAt('blur')).toEqual({ x: 200, y: 0 });
    expect(engine.task('blur')?.position).toEqual({ x: 200, y: 0 });
    expect(state().undoStack).toHaveLength(0);
    expect(state().redoStack.map((e) => e.label)).toEqual(['move blur']);

    await redo();
    expect(shownAt('blur')).toEqual({ x: 250, y: 80 });
    expect(state().undoStack.map((e) => e.label)).toEqual(['move blur']);
    expect(state().redoStack).toHaveLength(0);
  });

  it('undo the latest edit first, and a new edit ends what could be redone', async () => {
    await moveNodes([{ id: 'src', from: { x: 0, y: 0 }, to: { x: 10, y: 10 } }]);
    await updateParams('blur', { sigma: 8 });
    await undo();
    expect(state().tasks['blur']?.params).toEqual({ sigma: 3 });
    expect(shownAt('src')).toEqual({ x: 10, y: 10 });

    await updateParams('blur', { sigma: 5 });
    expect(state().redoStack).toHaveLength(0);
    await redo();
    expect(state().tasks['blur']?.params).toEqual({ sigma: 5 });
    expect(state().undoStack.map((e) => e.label)).toEqual(['move src', 'edit blur']);
  });

  it('do nothing with nothing to undo or redo', async () => {
    await undo();
    await redo();
    expect(engine.sent.map((c) => c.name)).toEqual(['graph.get', 'journal.page']);
  });

  it('keep the edit where it was when the engine refuses to take it back', async () => {
    await moveNodes([{ id: 'blur', from: { x: 200, y: 0 }, to: { x: 250, y: 80 } }]);
    engine.refuseNext('graph.moveNodes');
    await undo();
    expect(shownAt('blur')).toEqual({ x: 250, y: 80 });
    expect(state().undoStack).toHaveLength(1);
    expect(state().redoStack).toHaveLength(0);
  });

  it('keep the latest 200 edits and let older ones fall off', async () => {
    for (let i = 1; i <= 205; i++) await moveNodes([{ id: 'src', from: { x: i - 1, y: 0 }, to: { x: i, y: 0 } }], `step ${i}`);
    const labels = state().undoStack.map((e) => e.label);
    expect(labels).toHaveLength(200);
    expect(labels[0]).toBe('step 6');
    expect(labels.at(-1)).toBe('step 205');
  });
});

describe('edits', () => {
  it('are not recorded when the engine refuses them', async () => {
    engine.refuseNext('graph.moveNodes');
    expect(await moveNodes([{ id: 'blur', from: { x: 200, y: 0 }, to: { x: 1, y: 1 } }])).toBe(false);
    expect(state().undoStack).toHaveLength(0);
    expect(shownAt('blur')).toEqual({ x: 200, y: 0 });
  });

  it('an added node goes on undo and comes back under the same id on redo', async () => {
    const id = await addNode('blur', { x: 5, y: 5 });
    expect(id).not.toBeNull();
    expect(state().selectedId).toBe(id);

    await undo();
    expect(state().tasks[id!]).toBeUndefined();
    await redo();
    expect(state().tasks[id!]).toMatchObject({ op: 'blur', position: { x: 5, y: 5 } });
    expect(engine.sent.at(-1)).toEqual({ name: 'graph.addNode', payload: { op: 'blur', id, position: { x: 5, y: 5 } } });
  });

  it('a removal undone brings the node back with its params, place and inputs, and its children in slot order', async () => {
    expect(await removeNodes(['blur'])).toBe(true);
    expect(state().tasks['blur']).toBeUndefined();
    expect(inputsOf('mix')).toEqual(['src']);

    await undo();
    expect(state().tasks['blur']).toMatchObject({ params: { sigma: 3 }, position: { x: 200, y: 0 }, inputs: ['src'] });
    expect(inputsOf('mix')).toEqual(['blur', 'src']);
    expect(
      state()
        .flowEdges.map((e) => e.id)
        .sort(),
    ).toEqual(['blur->mix#0', 'src->blur#0', 'src->mix#1']);
  });

  it('a selection removed at once is one undo step that restores every node and wire', async () => {
    expect(await removeNodes(['src', 'blur'])).toBe(true);
    expect(Object.keys(state().tasks)).toEqual(['mix']);
    expect(inputsOf('mix')).toEqual([]);
    expect(state().undoStack.map((e) => e.label)).toEqual(['remove 2 nodes']);

    await undo();
    expect(inputsOf('blur')).toEqual(['src']);
    expect(inputsOf('mix')).toEqual(['blur', 'src']);
    expect(state().tasks['src']).toMatchObject({ params: { path: 'a.png' }, position: { x: 0, y: 0 } });
    await redo();
    expect(Object.keys(state().tasks)).toEqual(['mix']);
  });

  it('wires and nodes deleted together are one step: the wires cut highest slot first, all back on undo', async () => {
    expect(await removeNodes([], [{ target: 'mix', slot: 0 }])).toBe(true);
    expect(inputsOf('mix')).toEqual(['src']);
    expect(state().undoStack.at(-1)?.label).toBe('remove blur → mix');
    await undo();
    expect(inputsOf('mix')).toEqual(['blur', 'src']);

    // blur goes with its wire into mix; mix's other wire (src, slot 1) is cut; src → blur goes with blur.
    const wires = [
      { target: 'mix', slot: 0 },
      { target: 'mix', slot: 1 },
      { target: 'blur', slot: 0 },
    ];
    expect(await removeNodes(['blur'], wires)).toBe(true);
    expect(Object.keys(state().tasks).sort()).toEqual(['mix', 'src']);
    expect(inputsOf('mix')).toEqual([]);
    expect(state().undoStack.at(-1)?.label).toBe('remove 1 node and 1 wire');
    await undo();
    expect(inputsOf('blur')).toEqual(['src']);
    expect(inputsOf('mix')).toEqual(['blur', 'src']);
  });

  it('a running node is left out of a Delete, said so, and the rest is still one step undo puts back', async () => {
    await start([
      taskView('src', { op: 'load', params: { path: 'a.png' }, position: { x: 0, y: 0 } }),
      taskView('busy', { inputs: ['src'], status: 'running', position: { x: 200, y: 0 } }),
      taskView('idle', { inputs: ['src'], position: { x: 200, y: 100 } }),
    ]);
    expect(await removeNodes(['busy', 'idle'])).toBe(true);
    expect(Object.keys(state().tasks).sort()).toEqual(['busy', 'src']);
    expect(state().notices.at(-1)?.text).toContain('busy is running');
    await undo();
    expect(inputsOf('idle')).toEqual(['src']);
  });

  it('a wire dropped on a used input replaces it, and undo puts the old wire back', async () => {
    expect(await connect('src', 'mix', 0)).toBe(true);
    expect(inputsOf('mix')).toEqual(['src', 'src']);
    expect(state().notices.at(-1)?.text).toContain('replaced blur → mix');

    await undo();
    expect(inputsOf('mix')).toEqual(['blur', 'src']);
  });

  it('a wire to the input it already has is no edit', async () => {
    expect(await connect('blur', 'mix', 0)).toBe(false);
    expect(state().undoStack).toHaveLength(0);
  });
});
