import { statSync } from 'node:fs';
import { resolveSource } from '../graph/resolve-source.js';
import type { TaskGraph, TaskNode } from './task-graph.js';

/**
 * Completed loads whose photo was modified after they completed (one stat each, as make does):
 * they and their descendants must be looked at again. Resetting one whose bytes did not change
 * costs little: its content key is the same, so its output is reused.
 */
export function photoEditedSinceLoaded(graph: TaskGraph, where: { baseDir: string; allowedDirs: readonly string[] }): TaskNode[] {
  const edited: TaskNode[] = [];
  for (const node of graph.byId.values()) {
    if (node.op !== 'load' || node.state.status !== 'completed') continue;
    const source = resolveSource(String(node.params.path), where.baseDir, where.allowedDirs);
    if (!source.ok) continue; // validation has already refused the run
    try {
      if (statSync(source.path).mtimeMs > node.state.at) edited.push(node);
    } catch {
      edited.push(node);
    }
  }
  return edited;
}
