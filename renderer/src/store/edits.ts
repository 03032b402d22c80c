import { layeredLayout, type Result, type TaskView } from '@contract';
import { send } from './engine-client';
import { useFaultline } from './store';
import type { CommandCall, Edit } from './types';

/** Deep enough for an afternoon of editing; older edits fall off. */
const MAX_HISTORY = 200;

async function runCalls(calls: CommandCall[]): Promise<Result<unknown>[]> {
  const results: Result<unknown>[] = [];
  for (const call of calls) {
    const result = await send(call.name, call.payload as never);
    results.push(result);
    if (!result.ok) break;
  }
  return results;
}

const succeeded = (results: Result<unknown>[], calls: CommandCall[]) =>
  results.length === calls.length && results.every((r) => r.ok);

function record(edit: Edit): void {
  useFaultline.setState((s) => ({ undoStack: [...s.undoStack.slice(-(MAX_HISTORY - 1)), edit], redoStack: [] }));
}

/** Runs an edit through the engine and, if the engine accepts it, records it for undo. */
async function perform(edit: Edit): Promise<boolean> {
  const results = await runCalls(edit.forward);
  if (!succeeded(results, edit.forward)) return false;
  record(edit);
  return true;
}

export async function undo(): Promise<void> {
  const edit = useFaultline.getState().undoStack.at(-1);
  if (!edit) return;
  if (!succeeded(await runCalls(edit.backward), edit.backward)) return;
  useFaultline.setState((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, edit] }));
}

export async function redo(): Promise<void> {
  const edit = useFaultline.getState().redoStack.at(-1);
  if (!edit) return;
  if (!succeeded(await runCalls(edit.forward), edit.forward)) return;
  useFaultline.setState((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, edit] }));
}

const taskOf = (id: string): TaskView | undefined => useFaultline.getState().tasks[id];

export async function addNode(op: string, position: { x: number; y: number }): Promise<string | null> {
  const added = await send('graph.addNode', { op, position });
  if (!added.ok) return null;
  const { id } = added.value;
  // Recorded with the id the engine chose, so redo brings back the same node.
  record({
    label: `add ${op}`,
    forward: [{ name: 'graph.addNode', payload: { op, id, position } }],
    backward: [{ name: 'graph.removeNode', payload: { id } }],
  });
  useFaultline.setState({ selectedId: id });
  return id;
}

export function connect(source: string, target: string, slot: number): Promise<boolean> {
  const previous = taskOf(target)?.inputs[slot];
  return perform({
    label: `connect ${source} → ${target}`,
    forward: [{ name: 'graph.connect', payload: { source, target, slot } }],
    backward: previous
      ? [{ name: 'graph.connect', payload: { source: previous, target, slot } }]
      : [{ name: 'graph.disconnect', payload: { target, slot } }],
  });
}

export function disconnect(target: string, slot: number): Promise<boolean> {
  const source = taskOf(target)?.inputs[slot];
  if (!source) return Promise.resolve(false);
  return perform({
    label: `disconnect ${source} → ${target}`,
    forward: [{ name: 'graph.disconnect', payload: { target, slot } }],
    backward: [{ name: 'graph.connect', payload: { source, target, slot } }],
  });
}

/** Undo of a removal re-adds the node with its params and rewires both its inputs and its children. */
export function removeNode(id: string): Promise<boolean> {
  const task = taskOf(id);
  if (!task) return Promise.resolve(false);
  const children = Object.values(useFaultline.getState().tasks).flatMap((t) =>
    t.inputs.flatMap((input, slot) => (input === id ? [{ target: t.id, slot }] : [])),
  );
  return perform({
    label: `remove ${id}`,
    forward: [{ name: 'graph.removeNode', payload: { id } }],
    backward: [
      { name: 'graph.addNode', payload: { op: task.op, id, params: task.params, position: task.position ?? { x: 0, y: 0 } } },
      ...task.inputs.map((source, slot): CommandCall => ({ name: 'graph.connect', payload: { source, target: id, slot } })),
      ...children.map(({ target, slot }): CommandCall => ({ name: 'graph.connect', payload: { source: id, target, slot } })),
    ],
  });
}

export function updateParams(id: string, params: Record<string, unknown>): Promise<boolean> {
  const task = taskOf(id);
  if (!task) return Promise.resolve(false);
  return perform({
    label: `edit ${id}`,
    forward: [{ name: 'graph.updateParams', payload: { id, params } }],
    backward: [{ name: 'graph.updateParams', payload: { id, params: task.params } }],
  });
}

export function moveNode(id: string, from: { x: number; y: number }, to: { x: number; y: number }): Promise<boolean> {
  return perform({
    label: `move ${id}`,
    forward: [{ name: 'graph.moveNode', payload: { id, position: to } }],
    backward: [{ name: 'graph.moveNode', payload: { id, position: from } }],
  });
}

/** Lays every node out again with the shared layered layout, as one undoable edit. */
export function autoLayout(): Promise<boolean> {
  const tasks = Object.values(useFaultline.getState().tasks);
  const { flowNodes } = useFaultline.getState();
  const layout = layeredLayout(tasks);
  const moves = flowNodes.filter((n) => layout.has(n.id));
  return perform({
    label: 'auto-layout',
    forward: moves.map((n): CommandCall => ({ name: 'graph.moveNode', payload: { id: n.id, position: layout.get(n.id)! } })),
    backward: moves.map((n): CommandCall => ({ name: 'graph.moveNode', payload: { id: n.id, position: n.position } })),
  });
}
