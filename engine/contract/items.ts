import type { FailureKind, TaskStatus } from './status.js';

/** How many of a mapped node's items (one task per photo of its folder) are in each status. */
export type ItemCounts = Record<TaskStatus, number>;

/** A mapped node's item tasks are named `<node>@<key of the photo's path>`. */
export const ITEM_SEPARATOR = '@';

export const isItemId = (nodeId: string): boolean => nodeId.includes(ITEM_SEPARATOR);

/** The drawn node an item belongs to (a node that runs once is its own). */
export const drawnNodeOf = (nodeId: string): string => nodeId.split(ITEM_SEPARATOR, 1)[0]!;

export const itemTotal = (counts: ItemCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The one status a mapped node shows for all its items: what is happening now first (running,
 * waiting to retry, waiting to run), then what went wrong; completed only when every item is.
 */
export function aggregateStatus(counts: ItemCounts): TaskStatus {
  const total = itemTotal(counts);
  if (total > 0 && counts.completed === total) return 'completed';
  for (const status of ['running', 'failed', 'pending', 'dead', 'blocked', 'cancelled'] as const) if (counts[status] > 0) return status;
  return 'pending';
}

/** One photo's task of a mapped node, as the items grid lists it. */
export interface ItemRow {
  /** The task's id (`<node>@<key>`), for its thumbnail and the viewer. */
  taskId: string;
  /** The photo, relative to its folder. */
  relpath: string;
  status: TaskStatus;
  attempt: number;
  errorKind: FailureKind | null;
  errorMessage: string | null;
  contentKey: string | null;
}
