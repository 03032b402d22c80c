import { byIndex, topologicalOrder } from '../contract/layout.js';

/** Returns one cycle as a list of ids (first id repeated at the end), or null if there is none. */
export function findCycle(nodes: ReadonlyArray<{ id: string; inputs: readonly string[] }>): string[] | null {
  if (!hasCycle(nodes)) return null;
  const parentsOf = new Map(nodes.map((n) => [n.id, n.inputs]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const parent of parentsOf.get(id) ?? []) {
      if (!parentsOf.has(parent)) continue;
      const cycle = visit(parent);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };

  for (const n of nodes) {
    const cycle = visit(n.id);
    if (cycle) return cycle.reverse();
  }
  return null;
}

/**
 * Whether a topological order leaves any node out: the answer for a 100,000-node import in a
 * fraction of the recursive walk's time, which then runs only to name a cycle that is there.
 */
function hasCycle(nodes: ReadonlyArray<{ id: string; inputs: readonly string[] }>): boolean {
  return topologicalOrder(byIndex(nodes).parents).length < nodes.length;
}
