import type { RunStatus } from '../contract/index.js';
import type { TaskGraph } from './task-graph.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How a run that has nothing left to do ended, named for what happened: completed when every
 * output is there; failed when a task died (retries spent, or a permanent error); cancelled
 * when the only thing missing is what a person cancelled by hand.
 */
export function runOutcome(graph: TaskGraph): { status: Extract<RunStatus, 'completed' | 'failed' | 'cancelled'>; outcome: string } {
  const nodes = [...graph.byId.values()].filter((n) => !n.template);
  const sinks = nodes.filter((n) => graph.isSink(n));
  const done = sinks.filter((n) => n.state.status === 'completed').length;
  const outputs = `${done} of ${plural(sinks.length, 'output')} completed`;
  if (done === sinks.length) return { status: 'completed', outcome: outputs };
  const dead = nodes.filter((n) => n.state.status === 'dead');
  const cancelled = nodes.filter((n) => n.state.status === 'cancelled').length;
  if (dead.length > 0) {
    // A folder's photo is a task, not a node: say which it is.
    const photos = dead.filter((n) => n.item).length;
    const what = [dead.length - photos > 0 ? plural(dead.length - photos, 'node') : '', photos > 0 ? plural(photos, 'photo') : '']
      .filter(Boolean)
      .join(' and ');
    return { status: 'failed', outcome: `${what} dead; ${outputs}` };
  }
  if (cancelled > 0) return { status: 'cancelled', outcome: `${plural(cancelled, 'node')} cancelled by hand; ${outputs}` };
  return { status: 'failed', outcome: `${outputs}` };
}
