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
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => indexOf.set(n.id, i)); // a repeated id: the last one counts
  const parents = nodes.map((n) => {
    const known: number[] = [];
    for (const p of n.inputs) {
      const i = indexOf.get(p);
      if (i !== undefined) known.push(i);
    }
    return known;
  });
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

/**
 * Each node's longest path from a source, in one pass in topological order (Kahn's). Nodes on
 * a cycle (validation reports it; layout just must not loop) go one past their placed parents.
 */
function longestPathLayers(parents: ReadonlyArray<readonly number[]>): Int32Array {
  const n = parents.length;
  const waiting = new Int32Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const p of parents[i]!) children[p]!.push(i);
    waiting[i] = parents[i]!.length;
    if (waiting[i] === 0) order.push(i);
  }
  const layer = new Int32Array(n);
  for (let k = 0; k < order.length; k++) {
    const next = layer[order[k]!]! + 1;
    for (const child of children[order[k]!]!) {
      if (next > layer[child]!) layer[child] = next;
      if (--waiting[child]! === 0) order.push(child);
    }
  }
  for (let i = 0; i < n; i++) {
    if (waiting[i] === 0) continue;
    let d = 0;
    for (const p of parents[i]!) if (waiting[p] === 0) d = Math.max(d, layer[p]! + 1);
    layer[i] = d;
  }
  return layer;
}
