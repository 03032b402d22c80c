/**
 * A layered left-to-right layout for pipelines without saved positions, shared by the canvas
 * and the GIF renderer so both show the same picture. Layer = longest path from a source;
 * order within a layer follows the mean position of parents, which keeps edges mostly straight.
 */
export interface LayoutNode {
  id: string;
  inputs: readonly string[];
}

export const LAYOUT = { columnGap: 230, rowGap: 130 } as const;

export function layeredLayout(nodes: readonly LayoutNode[]): Map<string, { x: number; y: number }> {
  // Worked on by index: a 100,000-node import is on the path of what a person waits for, and
  // string-keyed lookups were most of its cost.
  const { indexOf, parents } = byIndex(nodes);
  const layer = longestPathLayers(parents);

  const columns: number[][] = [];
  nodes.forEach((n, i) => {
    if (indexOf.get(n.id) === i) (columns[layer[i]!] ??= []).push(i);
  });
  const row = new Float64Array(nodes.length).fill(-1);
  const meanParentRow = (i: number): number => {
    let sum = 0;
    let count = 0;
    for (const p of parents[i]!) {
      if (row[p]! < 0) continue;
      sum += row[p]!;
      count++;
    }
    return count ? sum / count : Number.POSITIVE_INFINITY;
  };
  for (const column of columns) {
    column
      .map((i, index) => ({ i, key: meanParentRow(i), index }))
      .sort((a, b) => (a.key === b.key ? a.index - b.index : a.key - b.key))
      .forEach(({ i }, r) => (row[i] = r));
  }

  let tallest = 0;
  for (const column of columns) tallest = Math.max(tallest, column?.length ?? 0);
  const positions = new Map<string, { x: number; y: number }>();
  columns.forEach((column, x) => {
    const offset = ((tallest - column.length) * LAYOUT.rowGap) / 2;
    for (const i of column) positions.set(nodes[i]!.id, { x: x * LAYOUT.columnGap, y: offset + row[i]! * LAYOUT.rowGap });
  });
  return positions;
}

/** The nodes' parents by index (inputs that are no node left out; a repeated id: the last one counts). */
export function byIndex(nodes: readonly LayoutNode[]): { indexOf: Map<string, number>; parents: number[][] } {
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => indexOf.set(n.id, i));
  const parents = nodes.map((n) => {
    const known: number[] = [];
    for (const p of n.inputs) {
      const i = indexOf.get(p);
      if (i !== undefined) known.push(i);
    }
    return known;
  });
  return { indexOf, parents };
}

/**
 * The nodes in an order where each comes after its parents, peeling off sources one after
 * another (Kahn's). A node on a cycle, or downstream of one, is left out.
 */
export function topologicalOrder(parents: ReadonlyArray<readonly number[]>): number[] {
  const waiting = new Int32Array(parents.length);
  const children: number[][] = Array.from({ length: parents.length }, () => []);
  const order: number[] = [];
  parents.forEach((mine, i) => {
    for (const p of mine) children[p]!.push(i);
    waiting[i] = mine.length;
    if (mine.length === 0) order.push(i);
  });
  for (let k = 0; k < order.length; k++) for (const child of children[order[k]!]!) if (--waiting[child]! === 0) order.push(child);
  return order;
}

/**
 * Each node's longest path from a source, in topological order. Nodes on a cycle (validation
 * reports it; layout just must not loop) go one past their placed parents.
 */
function longestPathLayers(parents: ReadonlyArray<readonly number[]>): Int32Array {
  const layer = new Int32Array(parents.length);
  const placed = new Uint8Array(parents.length);
  const order = topologicalOrder(parents);
  for (const i of order) {
    for (const p of parents[i]!) layer[i] = Math.max(layer[i]!, layer[p]! + 1);
    placed[i] = 1;
  }
  if (order.length === parents.length) return layer;
  parents.forEach((mine, i) => {
    if (placed[i]) return;
    let d = 0;
    for (const p of mine) if (placed[p]) d = Math.max(d, layer[p]! + 1);
    layer[i] = d;
  });
  return layer;
}
