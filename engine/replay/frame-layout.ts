import type { ReplayGraph } from './replay-graph.js';

/** A node's box in layout units (the canvas's units: columns 230 apart, rows 130). */
export const NODE = { width: 184, height: 68, thumb: 52, inset: 8 } as const;

export interface FrameLayout {
  width: number;
  height: number;
  /** Pixels per 800 px of width: header, caption and margins scale with it. */
  unit: number;
  header: number;
  caption: number;
  /** Pixels per layout unit inside the graph area. */
  scale: number;
  /** Top-left pixel of each node's box, by node id. */
  boxes: Map<string, { x: number; y: number }>;
}

/** The graph never gets taller than this share of the width, so frames suit a README. */
const MAX_GRAPH_ASPECT = 0.62;
/** Small graphs are not blown up past this, so text keeps its size. */
const MAX_SCALE = 1.1;

/** Fits the graph's layout into a frame of the given width, below a header and above a caption. */
export function frameLayout(graph: ReplayGraph, width: number): FrameLayout {
  const unit = width / 800;
  const header = Math.round(66 * unit);
  const caption = Math.round(40 * unit);
  const margin = 22 * unit;
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs, 0);
  const minY = Math.min(...ys, 0);
  const spanX = Math.max(...xs, 0) - minX + NODE.width;
  const spanY = Math.max(...ys, 0) - minY + NODE.height;
  const scale = Math.min((width - 2 * margin) / spanX, (width * MAX_GRAPH_ASPECT) / spanY, MAX_SCALE * unit);
  const graphHeight = Math.round(spanY * scale + 2 * margin);
  const left = (width - spanX * scale) / 2;
  const boxes = new Map(
    graph.nodes.map((n) => [n.id, { x: left + (n.position.x - minX) * scale, y: header + margin + (n.position.y - minY) * scale }]),
  );
  return { width, height: header + graphHeight + caption, unit, header, caption, scale, boxes };
}
