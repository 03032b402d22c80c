import type { Node } from '@xyflow/react';

/*
 * The graph as React Flow takes it: the store builds it from engine snapshots, the canvas draws
 * it. It lives with the store so that the store never imports the canvas.
 */

export type OpNodeData = { op: string };
export type OpFlowNode = Node<OpNodeData, 'op'>;

/** Handle ids on an op node: one output, and one input per slot (`in-0`, `in-1`, ...). */
export const OUTPUT_HANDLE = 'out';
export const inputHandle = (slot: number) => `in-${slot}`;
export const slotOfHandle = (handle: string | null | undefined) => Number(/^in-(\d+)$/.exec(handle ?? '')?.[1] ?? 0);

export const edgeId = (source: string, target: string, slot: number) => `${source}->${target}#${slot}`;
