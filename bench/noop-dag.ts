import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineFile } from '../engine/contract/index.js';
import { Journal, type NewEvent } from '../engine/journal/journal.js';
import { Engine } from '../engine/scheduler/engine.js';
import { childEntry } from './shared/child.js';
import { now, peakRssMb, round, scratchDir, seconds } from './shared/timing.js';

export interface NoopDagArgs {
  tasks: number;
  /** Tasks per layer; each task past the first layer takes two parents from the layer before. */
  width: number;
  workers: number;
  tasksPerWorker: number;
}

export interface NoopDagResult {
  tasks: number;
  events: number;
  importSeconds: number;
  runSeconds: number;
  tasksPerS: number;
  /** Import plus run: from opening the pipeline file to the run's end. */
  tasksPerSWithImport: number;
  sqliteCommitsPerS: number;
  sqliteBatchedEventsPerS: number;
  peakRssMb: number;
}

/** A layered DAG of noop tasks: wide enough to keep every worker busy, deep enough to be a DAG. */
export function noopDag(tasks: number, width: number): PipelineFile {
  const nodes: PipelineFile['nodes'] = [];
  for (let i = 0; i < tasks; i++) {
    const layer = Math.floor(i / width);
    const column = i % width;
    const inputs = layer === 0 ? [] : [`n${(layer - 1) * width + column}`, `n${(layer - 1) * width + ((column + 1) % width)}`];
    nodes.push({ id: `n${i}`, op: 'noop', params: {}, inputs });
  }
  return { name: `bench: ${tasks} noop tasks`, version: 1, nodes };
}

/**
 * 100,000 noop tasks through the worker threads, every transition journaled (pending → running
 * → completed: two events per task, as in any run). The timed span is startRun to the run's
 * end; importing the pipeline into a fresh journal is timed separately. Then, on the same
 * journal and connection settings, how many one-event commits SQLite manages per second: the
 * ceiling an engine that committed every transition alone would hit.
 */
export async function runNoopDag(args: NoopDagArgs): Promise<NoopDagResult> {
  const scratch = scratchDir('noop');
  try {
    const pipelinePath = join(scratch.dir, 'noop.json');
    writeFileSync(pipelinePath, JSON.stringify(noopDag(args.tasks, args.width)));
    const journalPath = join(scratch.dir, 'journal.db');
    let t = now();
    const engine = await Engine.open({
      journalPath,
      outDir: join(scratch.dir, 'out'),
      pipelinePath,
      settings: { workers: args.workers },
      tasksPerWorker: args.tasksPerWorker,
    });
    const importSeconds = seconds(t);
    let runSeconds: number;
    let events: number;
    try {
      t = now();
      await engine.startRun();
      const summary = await engine.waitForRunEnd();
      runSeconds = seconds(t);
      if (summary.run?.status !== 'completed') throw new Error(`noop run ended ${summary.run?.status}: ${summary.problems.slice(0, 3).join('; ')}`);
      events = engine.journal.lastSeq();
    } finally {
      await engine.close();
    }
    const ceiling = measureCommits(journalPath);
    return {
      tasks: args.tasks,
      events,
      importSeconds: round(importSeconds, 3),
      runSeconds: round(runSeconds, 3),
      tasksPerS: Math.round(args.tasks / runSeconds),
      tasksPerSWithImport: Math.round(args.tasks / (importSeconds + runSeconds)),
      ...ceiling,
      peakRssMb: peakRssMb(),
    };
  } finally {
    scratch.remove();
  }
}

/** One-event transactions per second, and events per second in 1,000-event transactions. */
function measureCommits(journalPath: string): { sqliteCommitsPerS: number; sqliteBatchedEventsPerS: number } {
  const journal = Journal.open(journalPath);
  try {
    const taskId = (journal.db.prepare('SELECT min(id) AS id FROM tasks').get() as { id: number }).id;
    const event = (i: number): NewEvent => ({
      runId: null,
      taskId,
      status: i % 2 ? 'running' : 'completed',
      attempt: 1,
      worker: 0,
      message: 'bench',
    });
    const commits = 20_000;
    let t = now();
    for (let i = 0; i < commits; i++) journal.append([event(i)]);
    const sqliteCommitsPerS = Math.round(commits / seconds(t));
    const batch = Array.from({ length: 1_000 }, (_, i) => event(i));
    t = now();
    for (let i = 0; i < 100; i++) journal.append(batch);
    const sqliteBatchedEventsPerS = Math.round((100 * batch.length) / seconds(t));
    return { sqliteCommitsPerS, sqliteBatchedEventsPerS };
  } finally {
    journal.close();
  }
}

childEntry(import.meta.url, runNoopDag);
