import { aggregateStatus, drawnNodeOf, isItemId, itemTotal, TASK_STATUSES, type ItemCounts, type ReplayState, type TaskView } from '@contract';
import type { ReplayTask } from '../store/types';

/**
 * The tasks as of a past moment, keyed by id, with each mapped node drawn as its photos were
 * then: their counts by status (a photo with no event yet is pending) and the status they add
 * up to. The journal has rows per photo only, so without this a mapped node replays as pending.
 */
export function replayTasksOf(state: ReplayState, live: Record<string, TaskView>): Record<string, ReplayTask> {
  const tasks: Record<string, ReplayTask> = {};
  const counts = new Map<string, ItemCounts>();
  for (const task of state.tasks) {
    tasks[task.id] = task;
    if (!isItemId(task.id)) continue;
    const node = drawnNodeOf(task.id);
    const c = counts.get(node) ?? (Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as ItemCounts);
    c[task.status] += 1;
    counts.set(node, c);
  }
  for (const [node, c] of counts) {
    const total = live[node]?.items ? itemTotal(live[node].items) : itemTotal(c);
    const items = { ...c, pending: c.pending + Math.max(0, total - itemTotal(c)) };
    tasks[node] = { id: node, status: aggregateStatus(items), attempt: 0, worker: null, message: null, errorKind: null, errorMessage: null, items };
  }
  return tasks;
}
