import { TASK_STATUSES, type TaskStatus } from '@contract';

/**
 * The status and edge colours of the theme in force, read from the stylesheet, so what a
 * <canvas> draws (the zoomed-out overview, the worker timelines) matches the DOM beside it.
 */
export function themeColours(): { status: Record<TaskStatus, string>; edge: string } {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  return {
    status: Object.fromEntries(TASK_STATUSES.map((s) => [s, read(`--status-${s}`)])) as Record<TaskStatus, string>,
    edge: read('--edge-idle'),
  };
}
