import type { BatchReport } from '../batch/sync-items.js';
import { ITEM_SEPARATOR } from '../contract/items.js';
import type { RunSummary } from '../scheduler/run-controller.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listed = (names: readonly string[], max = 5) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

/** What the folders held at the start: photos, what changed since the last run, renamed outputs. */
export function batchLines(batch: BatchReport): string[] {
  const lines = batch.folders.map(
    (f) =>
      `folder ${f.nodeId}: ${plural(f.photos, 'photo')}${f.skipped.length ? `; left out (links outside the allowed folders): ${listed(f.skipped)}` : ''}`,
  );
  if (batch.removed.length > 0) lines.push(`gone from their folder since the last run (outputs left in place): ${listed(batch.removed)}`);
  if (batch.collisions.length > 0)
    lines.push(`share a name but not an extension, so their outputs keep it (a.jpg → a.jpg.png): ${listed(batch.collisions)}`);
  return lines;
}

/** One line per sink; a mapped sink's photos as one line: how many completed, and where they are. */
export function sinkLines(sinks: RunSummary['sinks'], outDir: string): string[] {
  const lines: string[] = [];
  const mapped = new Map<string, { done: number; total: number }>();
  for (const sink of sinks) {
    const at = sink.nodeId.indexOf(ITEM_SEPARATOR);
    if (at < 0) {
      lines.push(`${sink.status === 'completed' ? '✓' : '✗'} ${sink.nodeId}: ${sink.path ?? sink.status}`);
      continue;
    }
    const template = sink.nodeId.slice(0, at);
    const counts = mapped.get(template) ?? { done: 0, total: 0 };
    counts.total++;
    if (sink.status === 'completed') counts.done++;
    mapped.set(template, counts);
  }
  for (const [template, { done, total }] of mapped) {
    lines.push(`${done === total ? '✓' : '✗'} ${template}: ${done} of ${plural(total, 'photo')} in ${outDir}/${template}/`);
  }
  return lines;
}

/** Dead tasks each by name; past a few, the blocked ones (waiting on a dead one) as a count. */
export function problemLines(problems: readonly string[]): string[] {
  const blocked = problems.filter((p) => / is blocked: /.test(p));
  if (blocked.length <= 5) return [...problems];
  return [...problems.filter((p) => !blocked.includes(p)), `and ${plural(blocked.length, 'task')} blocked behind them`];
}
