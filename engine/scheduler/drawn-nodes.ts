import { aggregateStatus, type TaskView } from '../contract/index.js';
import { runnableProblems, type NodeProblem, type ValidationContext } from '../graph/validate-pipeline.js';
import type { PipelineScope } from './pipeline-scope.js';
import type { NodeFindings } from './problem-watcher.js';
import type { TaskGraph } from './task-graph.js';

/**
 * The drawn nodes as the UIs show them. A folder's items are left out: they are shown through
 * their mapped node's counts, and paged by items.page.
 */
export function taskViews(graph: TaskGraph, findings: NodeFindings): TaskView[] {
  const { problems, notes } = findings;
  return [...graph.byId.values()].flatMap((n) => {
    if (n.item) return [];
    const items = n.template ? graph.itemCountsOf(n.nodeId) : null;
    return [
      {
        id: n.nodeId,
        op: n.op,
        params: n.params,
        inputs: n.inputs.map((p) => graph.get(p).nodeId),
        position: n.x === null || n.y === null ? null : { x: n.x, y: n.y },
        status: items ? aggregateStatus(items) : n.state.status,
        attempt: n.state.attempt,
        worker: n.state.worker,
        message: n.state.message,
        errorKind: n.state.errorKind,
        errorMessage: n.state.errorMessage,
        contentKey: n.state.contentKey,
        seq: n.state.lastSeq,
        at: n.state.at,
        problem: problems[n.nodeId] ?? null,
        note: notes[n.nodeId] ?? null,
        items,
      },
    ];
  });
}

/**
 * What stops the drawn nodes from running. Items are left out: a bad photo in a folder is that
 * item's own failure (dead, named), not a reason to refuse the run. What stops a folder itself
 * (not there, two folders into one node) does.
 */
export async function drawnProblems(scope: Pick<PipelineScope, 'graph' | 'batch'>, ctx: ValidationContext): Promise<NodeProblem[]> {
  const drawn = [...scope.graph.byId.values()].filter((n) => !n.item);
  const found = await runnableProblems(drawn, ctx);
  const batch = scope.batch.problems.map((p) => ({ nodeId: p.nodeId, message: p.message, line: `node ${p.nodeId}: ${p.message}`, blocking: true }));
  return [...found, ...batch];
}
