import { layeredLayout, type Result, type TaskView } from '@contract';
import { send } from './engine-client';
import { notify } from './notices';
import { placeOf, selectWhenShown } from './selection';
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

const succeeded = (results: Result<unknown>[], calls: CommandCall[]) => results.length === calls.length && results.every((r) => r.ok);

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

export async function connect(source: string, target: string, slot: number): Promise<boolean> {
  const previous = taskOf(target)?.inputs[slot];
  if (previous === source) return false;
  const done = await perform({
    label: `connect ${source} → ${target}`,
    forward: [{ name: 'graph.connect', payload: { source, target, slot } }],
    backward: previous
      ? [{ name: 'graph.connect', payload: { source: previous, target, slot } }]
      : [{ name: 'graph.disconnect', payload: { target, slot } }],
  });
  // Dropping a wire on an input that had one swaps it: say so, or the old edge just vanishes.
  if (done && previous)
    notify('info', `${target}'s input ${slot + 1} now comes from ${source} (replaced ${previous} → ${target}; Ctrl+Z puts it back)`);
  return done;
}

const wiresOf = (task: TaskView): CommandCall[] =>
  task.inputs.map((source, slot): CommandCall => ({ name: 'graph.connect', payload: { source, target: task.id, slot } }));

type Wire = { target: string; slot: number };

const count = (n: number, what: string) => (n === 0 ? '' : `${n} ${what}${n === 1 ? '' : 's'}`);

/**
 * What a Delete removes (nodes, wires, or both) is one edit: undo re-adds each node with its
 * params and place, then rewires their inputs and every surviving node whose inputs changed.
 */
export function removeNodes(ids: readonly string[], wires: readonly Wire[] = []): Promise<boolean> {
  const { tasks } = useFaultline.getState();
  // The engine refuses to edit a running node; leaving those out (and saying so) keeps the rest
  // one edit that undo can put back, instead of a half-done delete with no undo.
  const running = (id: string) => tasks[id]?.status === 'running' || (tasks[id]?.items?.running ?? 0) > 0;
  const kept = ids.filter((id) => !running(id));
  const removed = kept.flatMap((id) => tasks[id] ?? []);
  const gone = new Set(removed.map((t) => t.id));
  // A wire into or out of a removed node goes with it; the rest are cut one by one, the highest
  // slot of a node first, since each cut closes the gap (later slots shift down).
  const sourceOf = (w: Wire) => tasks[w.target]?.inputs[w.slot];
  const cut = wires
    .filter((w) => !gone.has(w.target) && !running(w.target) && sourceOf(w) !== undefined && !gone.has(sourceOf(w)!))
    .sort((a, b) => b.slot - a.slot);
  const busy = [...new Set([...ids, ...wires.map((w) => w.target)].filter(running))];
  if (busy.length > 0) notify('error', `${busy.join(', ')} ${busy.length === 1 ? 'is' : 'are'} running: left as they are; delete when finished`);
  if (removed.length === 0 && cut.length === 0) return Promise.resolve(false);
  // Undo rewires each touched node's whole input list in slot order, not just the slots removed.
  const cutTargets = new Set(cut.map((w) => w.target));
  const touched = Object.values(tasks).filter((t) => !gone.has(t.id) && (cutTargets.has(t.id) || t.inputs.some((source) => gone.has(source))));
  const only =
    removed.length === 1 && cut.length === 0
      ? removed[0]!.id
      : cut.length === 1 && removed.length === 0
        ? `${sourceOf(cut[0]!)} → ${cut[0]!.target}`
        : null;
  return perform({
    label: `remove ${only ?? [count(removed.length, 'node'), count(cut.length, 'wire')].filter(Boolean).join(' and ')}`,
    forward: [
      ...cut.map((w): CommandCall => ({ name: 'graph.disconnect', payload: { target: w.target, slot: w.slot } })),
      ...removed.map((t): CommandCall => ({ name: 'graph.removeNode', payload: { id: t.id } })),
    ],
    backward: [
      ...removed.map((t): CommandCall => ({ name: 'graph.addNode', payload: { op: t.op, id: t.id, params: t.params, position: placeOf(t) } })),
      ...removed.flatMap(wiresOf),
      ...touched.flatMap(wiresOf),
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

type Move = { id: string; from: XY; to: XY };
type XY = { x: number; y: number };

/** Nodes dragged together (or laid out) move as one edit: one journal entry, one undo step. */
export function moveNodes(moves: Move[], label = moves.length === 1 ? `move ${moves[0]!.id}` : `move ${moves.length} nodes`): Promise<boolean> {
  if (moves.length === 0) return Promise.resolve(false);
  return perform({
    label,
    forward: [{ name: 'graph.moveNodes', payload: { moves: moves.map((m) => ({ id: m.id, position: m.to })) } }],
    backward: [{ name: 'graph.moveNodes', payload: { moves: moves.map((m) => ({ id: m.id, position: m.from })) } }],
  });
}

/** Lays every node out again with the shared layered layout, at once, as one undoable edit. */
export function autoLayout(): Promise<boolean> {
  const { tasks, flowNodes } = useFaultline.getState();
  const layout = layeredLayout(Object.values(tasks));
  const moves = flowNodes
    .filter((n) => layout.has(n.id))
    .map((n) => ({ id: n.id, from: n.position, to: layout.get(n.id)! }))
    .filter((m) => m.from.x !== m.to.x || m.from.y !== m.to.y);
  return moveNodes(moves, 'auto-layout');
}

type NewNode = { op: string; params: Record<string, unknown>; position: XY };
/** A wire between two of the nodes being added, by their index in the list. */
export type NewWire = { source: number; target: number; slot: number };

/**
 * Several nodes added as one edit (photos dropped together, a paste), with the wires among them:
 * one undo step removes them all, and they become the selection. The engine picks the ids; the
 * edit is recorded with them, so redo brings back the same nodes. What the engine refuses is
 * left out and said; what it took is still one edit.
 */
export async function addNodes(nodes: NewNode[], label: string, wires: readonly NewWire[] = []): Promise<string[]> {
  const ids = new Map<number, string>();
  const forward: CommandCall[] = [];
  for (const [i, node] of nodes.entries()) {
    const added = await send('graph.addNode', node);
    if (!added.ok) continue;
    ids.set(i, added.value.id);
    forward.push({ name: 'graph.addNode', payload: { ...node, id: added.value.id } });
  }
  let wired = 0;
  for (const wire of [...wires].sort((a, b) => a.target - b.target || a.slot - b.slot)) {
    const [source, target] = [ids.get(wire.source), ids.get(wire.target)];
    if (!source || !target) continue;
    const payload = { source, target, slot: wire.slot };
    if (!(await send('graph.connect', payload)).ok) continue;
    forward.push({ name: 'graph.connect', payload });
    wired++;
  }
  const added = [...ids.values()];
  if (added.length === 0) return added;
  if (added.length < nodes.length || wired < wires.length) {
    notify('error', `${label}: the engine took ${added.length} of ${nodes.length} nodes and ${wired} of ${wires.length} wires`);
  }
  record({ label, forward, backward: added.map((id): CommandCall => ({ name: 'graph.removeNode', payload: { id } })) });
  selectWhenShown(added);
  return added;
}
