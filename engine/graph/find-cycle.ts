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
 * Whether any node is left once sources are peeled off, one after another (Kahn's), by index:
 * the answer for a 100,000-node import in a fraction of the recursive walk's time, which then
 * runs only to name a cycle that is there.
 */
function hasCycle(nodes: ReadonlyArray<{ id: string; inputs: readonly string[] }>): boolean {
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => indexOf.set(n.id, i));
  const waiting = new Int32Array(nodes.length);
  const children: number[][] = Array.from({ length: nodes.length }, () => []);
  const ready: number[] = [];
  nodes.forEach((n, i) => {
    if (indexOf.get(n.id) !== i) return; // a repeated id: validation names it; the last one counts
    for (const p of n.inputs) {
      const parent = indexOf.get(p);
      if (parent === undefined) continue;
      children[parent]!.push(i);
      waiting[i]!++;
    }
    if (waiting[i] === 0) ready.push(i);
  });
  const unique = indexOf.size;
  for (let k = 0; k < ready.length; k++) for (const child of children[ready[k]!]!) if (--waiting[child]! === 0) ready.push(child);
  return ready.length < unique;
}
