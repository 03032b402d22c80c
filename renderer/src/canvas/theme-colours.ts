import { TASK_STATUSES, type TaskStatus } from '@contract';

type ThemeColours = { status: Record<TaskStatus, string>; edge: string };
let cached: ThemeColours | null = null;

/**
 * The status and edge colours of the theme in force, read from the stylesheet, so what a
 * <canvas> draws (the zoomed-out overview, the worker timelines) matches the DOM beside it.
 * Read once per theme: a timeline redrawn 20 times a second must not make the browser compute
 * styles for it each time.
 */
export function themeColours(): ThemeColours {
  if (cached) return cached;
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  cached = {
    status: Object.fromEntries(TASK_STATUSES.map((s) => [s, read(`--status-${s}`)])) as Record<TaskStatus, string>,
    edge: read('--edge-idle'),
  };
  return cached;
}

// The OS switching between light and dark changes the palette: read it again on next use.
if (typeof window !== 'undefined') {
  window.matchMedia('(prefers-color-scheme: light)').addEventListener('change', () => {
    cached = null;
  });
}
