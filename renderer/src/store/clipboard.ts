import type { TaskView } from '@contract';
import { send } from './engine-client';
import { notify } from './notices';
import { record } from './edits';
import { useFaultline } from './store';
import type { CommandCall } from './types';

type XY = { x: number; y: number };
/** What Ctrl+C keeps: the nodes with their params and places, and the wires among them. */
interface Clip {
  nodes: Array<{ id: string; op: string; params: Record<string, unknown>; position: XY }>;
  wires: Array<{ source: string; target: string; slot: number }>;
}

/** Each paste of the same clip lands one step further down and right, so copies never stack. */
const STEP = 40;
let clip: Clip | null = null;
let pastes = 0;

const selectedTasks = (): TaskView[] => {
  const { flowNodes, tasks } = useFaultline.getState();
  return flowNodes.flatMap((n) => (n.selected && tasks[n.id] ? [tasks[n.id]!] : []));
};

/** Copies the selected nodes (and the wires between them); returns how many. */
export function copySelection(): number {
  const chosen = selectedTasks();
  if (chosen.length === 0) return 0;
  const ids = new Set(chosen.map((t) => t.id));
  const placeOf = (id: string) => useFaultline.getState().flowNodes.find((n) => n.id === id)?.position ?? { x: 0, y: 0 };
  clip = {
    nodes: chosen.map((t) => ({ id: t.id, op: t.op, params: t.params, position: { ...placeOf(t.id) } })),
    wires: chosen.flatMap((t) => t.inputs.flatMap((source, slot) => (ids.has(source) ? [{ source, target: t.id, slot }] : []))),
  };
  pastes = 0;
  return chosen.length;
}

/**
 * Adds a copy of the clip (new ids from the engine, the same params, wired among themselves as
 * the originals were) as one undo step, and selects the copies.
 */
export async function pasteClipboard(): Promise<string[]> {
  if (!clip) return [];
  const offset = STEP * ++pastes;
  const newId = new Map<string, string>();
  const forward: CommandCall[] = [];
  for (const node of clip.nodes) {
    const payload = { op: node.op, params: node.params, position: { x: node.position.x + offset, y: node.position.y + offset } };
    const added = await send('graph.addNode', payload);
    if (!added.ok) break;
    newId.set(node.id, added.value.id);
    forward.push({ name: 'graph.addNode', payload: { ...payload, id: added.value.id } });
  }
  // Wires in slot order per target, so each lands on the slot it had.
  for (const wire of [...clip.wires].sort((a, b) => a.slot - b.slot)) {
    const [source, target] = [newId.get(wire.source), newId.get(wire.target)];
    if (!source || !target) continue;
    const payload = { source, target, slot: wire.slot };
    if ((await send('graph.connect', payload)).ok) forward.push({ name: 'graph.connect', payload });
  }
  const ids = [...newId.values()];
  if (ids.length === 0) return ids;
  if (ids.length < clip.nodes.length) notify('error', `pasted ${ids.length} of ${clip.nodes.length} nodes: the engine refused the rest`);
  record({
    label: ids.length === 1 ? `paste ${ids[0]}` : `paste ${ids.length} nodes`,
    forward,
    backward: ids.map((id): CommandCall => ({ name: 'graph.removeNode', payload: { id } })),
  });
  selectWhenShown(ids);
  return ids;
}

/** Ctrl+D: a copy of the selection beside it, leaving what Ctrl+C holds alone. */
export async function duplicateSelection(): Promise<string[]> {
  const [held, heldPastes] = [clip, pastes];
  if (copySelection() === 0) return [];
  const ids = await pasteClipboard();
  [clip, pastes] = [held, heldPastes];
  return ids;
}

/** Graph updates to wait for the copies before giving up on selecting them (they were undone, say). */
const SELECT_PATIENCE = 20;

/** The copies become the selection once the engine's graph event has put them on the canvas. */
function selectWhenShown(ids: string[]): void {
  const wanted = new Set(ids);
  const shown = () => useFaultline.getState().flowNodes.filter((n) => wanted.has(n.id)).length === wanted.size;
  const select = () =>
    useFaultline.setState((s) => ({
      flowNodes: s.flowNodes.map((n) => (wanted.has(n.id) === !!n.selected ? n : { ...n, selected: wanted.has(n.id) })),
      // A new selection replaces the old one, wires included: a Delete must not take them too.
      flowEdges: s.flowEdges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      selectedId: ids.at(-1)!,
    }));
  if (shown()) return select();
  let patience = SELECT_PATIENCE;
  // Unsubscribed before selecting: the selection is itself a change of flowNodes.
  const unsubscribe = useFaultline.subscribe((s, before) => {
    if (s.flowNodes === before.flowNodes) return;
    if (shown()) {
      unsubscribe();
      select();
    } else if (--patience === 0) unsubscribe();
  });
}
