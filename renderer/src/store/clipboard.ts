import type { TaskView } from '@contract';
import { addNodes, type NewWire } from './edits';
import { placeOf, selectedTasks } from './selection';

/** What Ctrl+C keeps: the nodes with their params and places, and the wires among them. */
interface Clip {
  nodes: Array<{ op: string; params: Record<string, unknown>; position: { x: number; y: number } }>;
  wires: NewWire[];
  /** How often it was pasted: each paste lands one step further down and right, so copies never stack. */
  pastes: number;
}

const STEP = 40;
let clip: Clip | null = null;

/**
 * The tasks as a clip. A wire keeps its target's input order, numbered from 0 among the wires
 * kept: the engine fills a node's inputs in order, so an overlay copied with only its top input
 * gets that input as its first.
 */
function clipOf(tasks: readonly TaskView[]): Clip | null {
  if (tasks.length === 0) return null;
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const wires = tasks.flatMap((t, target) =>
    t.inputs.flatMap((source) => (index.has(source) ? [source] : [])).map((source, slot) => ({ source: index.get(source)!, target, slot })),
  );
  return { nodes: tasks.map((t) => ({ op: t.op, params: t.params, position: { ...placeOf(t) } })), wires, pastes: 0 };
}

/** Copies the selected nodes (and the wires between them); returns how many. */
export function copySelection(): number {
  const copied = clipOf(selectedTasks());
  if (copied) clip = copied;
  return copied?.nodes.length ?? 0;
}

/** Adds a copy of a clip (what Ctrl+C holds, unless given) as one undo step, and selects the copies. */
export function pasteClipboard(from: Clip | null = clip): Promise<string[]> {
  if (!from) return Promise.resolve([]);
  const offset = STEP * ++from.pastes;
  const nodes = from.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset, y: n.position.y + offset } }));
  return addNodes(nodes, nodes.length === 1 ? `paste ${nodes[0]!.op}` : `paste ${nodes.length} nodes`, from.wires);
}

/** Ctrl+D: a copy of the selection beside it; what Ctrl+C holds is left alone. */
export function duplicateSelection(): Promise<string[]> {
  return pasteClipboard(clipOf(selectedTasks()));
}
