import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskStatus } from '../engine/contract/index.js';
import { Journal, type NewEvent } from '../engine/journal/journal.js';
import { Engine } from '../engine/scheduler/engine.js';
import { syncPipeline } from '../engine/scheduler/sync-pipeline.js';
import { childEntry, runChild } from './shared/child.js';
import { noopDag } from './noop-dag.js';
import { now, round, scratchDir, seconds } from './shared/timing.js';

export interface RecoveryArgs {
  events: number;
  tasks: number;
}

export interface RecoveryResult {
  events: number;
  tasks: number;
  buildSeconds: number;
  /** Engine.open: journal open + migrate check, recovery journaled, graph and counters loaded. */
  openSeconds: number;
  /** open + startRun's validation, up to the first pump. */
  startRunSeconds: number;
  /**
   * Ready to schedule: startRun has returned and every worker thread has started (loaded sharp),
   * so the first pump's jobs can run at once. The engine starts its threads before opening the
   * journal, so their start-up overlaps the open instead of following it.
   */
  readySeconds: number;
  interrupted: number;
}

/**
 * Each task's history: two failed attempts, a completion, a re-run that completed again. The
 * last IN_FLIGHT tasks were still running when the engine was killed, as after a kill -9.
 */
const HISTORY: TaskStatus[] = [
  'running',
  'failed',
  'pending',
  'running',
  'failed',
  'pending',
  'running',
  'completed',
  'pending',
  'running',
  'completed',
];
const IN_FLIGHT = 64;

/**
 * Builds a journal of `events` events over `tasks` noop tasks (in 50,000-event transactions,
 * through Journal.append like the engine), its run left 'running' as after a kill -9, then
 * times opening it in a fresh process, where nothing is cached in the heap.
 */
export async function runRecovery(args: RecoveryArgs): Promise<RecoveryResult> {
  const scratch = scratchDir('recovery');
  try {
    const t = now();
    const journalPath = join(scratch.dir, 'journal.db');
    const pipelinePath = join(scratch.dir, 'noop.json');
    writeFileSync(pipelinePath, JSON.stringify(noopDag(args.tasks, 1000)));
    const journal = Journal.open(journalPath);
    try {
      const { pipelineId } = syncPipeline(journal, pipelinePath);
      const runId = journal.createRun(pipelineId, join(scratch.dir, 'out'), {});
      const taskIds = journal.tasks(pipelineId).map((task) => task.id);
      let batch: NewEvent[] = [];
      for (let i = 0; i < args.events; i++) {
        const task = taskIds[i % taskIds.length]!;
        const step = Math.floor(i / taskIds.length) % (HISTORY.length - 1);
        const last = i >= args.events - taskIds.length;
        const status = last ? (i % taskIds.length >= taskIds.length - IN_FLIGHT ? 'running' : 'completed') : HISTORY[step]!;
        batch.push({
          runId,
          taskId: task,
          status,
          attempt: 1 + Math.floor(step / 3),
          worker: i % 2,
          at: 1_700_000_000_000 + i,
          message: 'bench history',
        });
        if (batch.length === 50_000) {
          journal.append(batch);
          batch = [];
        }
      }
      if (batch.length) journal.append(batch);
    } finally {
      journal.close();
    }
    const buildSeconds = seconds(t);
    const timed = await runChild<Omit<RecoveryResult, 'buildSeconds' | 'events' | 'tasks'>>('recovery', {
      journalPath,
      outDir: join(scratch.dir, 'out'),
    });
    return { events: args.events, tasks: args.tasks, buildSeconds: round(buildSeconds, 2), ...timed };
  } finally {
    scratch.remove();
  }
}

async function timeOpen(args: { journalPath: string; outDir: string }): Promise<Omit<RecoveryResult, 'buildSeconds' | 'events' | 'tasks'>> {
  const t = now();
  const engine = await Engine.open({ journalPath: args.journalPath, outDir: args.outDir, resumeInterruptedRun: false });
  const openSeconds = seconds(t);
  try {
    const interrupted = engine.graph.countByStatus().pending;
    const workersStarted = new Promise<void>((resolve) => {
      const allStarted = () => engine.workerViews().every((w) => w.state !== 'starting');
      if (allStarted()) return resolve();
      const stop = engine.subscribe((event) => {
        if (event.kind !== 'workers' || !allStarted()) return;
        stop();
        resolve();
      });
    });
    // The first pump is setImmediate'd: startRun returning is the moment scheduling can begin.
    await engine.startRun();
    const startRunSeconds = seconds(t);
    engine.runs.pause();
    await workersStarted;
    const readySeconds = seconds(t);
    return { openSeconds: round(openSeconds, 3), startRunSeconds: round(startRunSeconds, 3), readySeconds: round(readySeconds, 3), interrupted };
  } finally {
    await engine.close();
  }
}

childEntry(import.meta.url, timeOpen);
