/**
 * A layered left-to-right layout for pipelines without saved positions, shared by the canvas
 * and the GIF renderer so both show the same picture. Layer = longest path from a source;
 * order within a layer follows the mean position of parents, which keeps edges mostly straight.
 */
export interface LayoutNode {
  id: string;
  inputs: string[];
}

export const LAYOUT = { columnGap: 230, rowGap: 130 } as const;

export function layeredLayout(nodes: readonly LayoutNode[]): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const layer = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: validation reports it; layout just must not loop
    seen.add(id);
    const parents = byId.get(id)?.inputs.filter((p) => byId.has(p)) ?? [];
    const d = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => depth(p, seen)));
    layer.set(id, d);
    return d;
  };
  nodes.forEach((n) => depth(n.id, new Set()));

  const columns: string[][] = [];
  for (const n of nodes) (columns[layer.get(n.id)!] ??= []).push(n.id);
  const row = new Map<string, number>();
  columns.forEach((column) => {
    const meanParentRow = (id: string) => {
      const rows = byId
        .get(id)!
        .inputs.map((p) => row.get(p))
        .filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
    };
    column
      .map((id, index) => ({ id, key: meanParentRow(id), index }))
      .sort((a, b) => (a.key === b.key ? a.index - b.index : a.key - b.key))
      .forEach(({ id }, i) => row.set(id, i));
  });

  const tallest = Math.max(...columns.map((c) => c.length));
  const positions = new Map<string, { x: number; y: number }>();
  columns.forEach((column, x) => {
    const offset = ((tallest - column.length) * LAYOUT.rowGap) / 2;
    column.forEach((id) => positions.set(id, { x: x * LAYOUT.columnGap, y: offset + row.get(id)! * LAYOUT.rowGap }));
  });
  return positions;
}
