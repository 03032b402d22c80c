import { OP_SPECS, PALETTE_OPS, type OpName } from '@contract';

/**
 * The ops a typed text finds, best first: those whose name or label starts with it, then those
 * that contain it. Empty text lists every op in palette order.
 */
export function matchOps(text: string): OpName[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...PALETTE_OPS];
  const words = (op: OpName) => [op, OP_SPECS[op].label.toLowerCase()];
  const starts = PALETTE_OPS.filter((op) => words(op).some((w) => w.startsWith(q) || w.split(/\s+/).some((part) => part.startsWith(q))));
  const contains = PALETTE_OPS.filter((op) => !starts.includes(op) && words(op).some((w) => w.includes(q)));
  return [...starts, ...contains];
}
