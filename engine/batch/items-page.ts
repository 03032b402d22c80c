import { fail, ok, type ItemRow, type Result, type TaskStatus } from '../contract/index.js';
import type { TaskGraph } from '../scheduler/task-graph.js';

/**
 * A page of a mapped node's photos for the items grid, in path order. Reads only the graph in
 * memory: a page of 10,000 items costs one sort, no journal query.
 */
export function itemsPage(
  graph: TaskGraph,
  id: string,
  offset: number,
  limit: number,
  status?: TaskStatus,
): Result<{ rows: ItemRow[]; total: number }> {
  const template = graph.byNodeId.get(id);
  if (!template) return fail('not_found', `no node ${id}`);
  if (!template.template) return fail('not_found', `${id} runs once: it has no photos of a folder`);
  const items = [...graph.byId.values()]
    .flatMap((node) => (node.item?.template === id && (status === undefined || node.state.status === status) ? [{ node, item: node.item }] : []))
    .sort((a, b) => (a.item.relpath < b.item.relpath ? -1 : a.item.relpath > b.item.relpath ? 1 : 0));
  const rows = items.slice(offset, offset + limit).map(({ node, item }): ItemRow => ({
    taskId: node.nodeId,
    relpath: item.relpath,
    status: node.state.status,
    attempt: node.state.attempt,
    errorKind: node.state.errorKind,
    errorMessage: node.state.errorMessage,
    contentKey: node.state.contentKey,
  }));
  return ok({ rows, total: items.length });
}
