import type { TaskNode } from '../scheduler/task-graph.js';

/**
 * A sink's export, relative to OUT/ and without .png: `<node>` for a node that runs once,
 * `<node>/<photo's path, extension dropped>` for a mapped sink, so a folder's subfolders are kept.
 */
export const exportNameOf = (node: TaskNode): string => (node.item ? `${node.item.template}/${node.item.outName}` : node.nodeId);

/** How a task is named to a person: its node, and for an item the photo it runs on. */
export const taskName = (node: TaskNode): string => (node.item ? `${node.item.template} [${node.item.relpath}]` : node.nodeId);
