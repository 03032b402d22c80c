import type { TaskView } from '@contract';
import { useFaultline } from './store';

/** The tasks of the nodes selected on the canvas, in the canvas's order. */
export function selectedTasks(): TaskView[] {
  const { flowNodes, tasks } = useFaultline.getState();
  return flowNodes.flatMap((n) => (n.selected && tasks[n.id] ? [tasks[n.id]!] : []));
}

/** Where a node is drawn: its journaled place, or where the canvas has it. */
export function placeOf(task: TaskView): { x: number; y: number } {
  return task.position ?? useFaultline.getState().flowNodes.find((n) => n.id === task.id)?.position ?? { x: 0, y: 0 };
}

/** Graph updates to wait for new nodes before giving up on selecting them (they were undone, say). */
const SELECT_PATIENCE = 20;

/**
 * New nodes become the selection (wires deselected: a Delete must not take those too) once the
 * engine's graph event has put them on the canvas.
 */
export function selectWhenShown(ids: readonly string[]): void {
  const wanted = new Set(ids);
  const shown = () => useFaultline.getState().flowNodes.filter((n) => wanted.has(n.id)).length === wanted.size;
  const select = () =>
    useFaultline.setState((s) => ({
      flowNodes: s.flowNodes.map((n) => (wanted.has(n.id) === !!n.selected ? n : { ...n, selected: wanted.has(n.id) })),
      flowEdges: s.flowEdges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      selectedId: ids.at(-1) ?? null,
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
