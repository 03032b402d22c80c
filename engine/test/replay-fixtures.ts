import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { FailureKind, TaskStatus } from '../contract/index.js';
import { Journal, type NewEvent, type TaskState } from '../journal/journal.js';
import { tempDir } from './helpers.js';

/**
 * A journal written event by event through Journal.append, as the engine writes it, telling a
 * small story with every kind of moment: retries after an error, a crash and timeouts, a revert
 * after a missing input, a task given up on (dead) with its child blocked, an engine restart
 * (interrupted, resumed), and a long idle stretch. The task_state table is snapshotted after
 * every append: the projection the engine had when it wrote that event.
 */
export interface ScriptedJournal {
  journal: Journal;
  dir: string;
  /** task_state after each seq (index 0: before any event). */
  snapshots: Array<Map<number, TaskState>>;
  /** The events as appended, in order (seq = index + 1). */
  events: NewEvent[];
  taskIds: Map<string, number>;
  startAt: number;
}

const NODES: Array<{ id: string; op: string; inputs: string[] }> = [
  { id: 'a', op: 'load', inputs: [] },
  { id: 'b', op: 'resize', inputs: ['a'] },
  { id: 'c', op: 'blur', inputs: ['b'] },
  { id: 'd', op: 'load', inputs: [] },
  { id: 'e', op: 'overlay', inputs: ['c', 'd'] },
  { id: 'f', op: 'grayscale', inputs: ['d'] },
  { id: 'g', op: 'sharpen', inputs: ['f'] },
];

type Step = [node: string, status: TaskStatus, attempt: number, afterMs: number, extra?: { worker?: number; kind?: FailureKind; message?: string }];

/** The story, with the ms since the previous event. */
export const SCRIPT: Step[] = [
  ['a', 'running', 1, 0, { worker: 0 }],
  ['d', 'running', 1, 5, { worker: 1 }],
  ['a', 'completed', 1, 200],
  ['b', 'running', 1, 2, { worker: 0 }],
  ['d', 'failed', 1, 100, { kind: 'injected_error', message: 'retry 2 of 3 in 50 ms' }],
  ['d', 'pending', 1, 50, { message: 'retrying after injected_error' }],
  ['d', 'running', 2, 2, { worker: 1 }],
  ['b', 'completed', 1, 150],
  ['c', 'running', 1, 2, { worker: 0 }],
  ['d', 'completed', 2, 180, { message: 'recovered on attempt 2' }],
  ['f', 'running', 1, 2, { worker: 1 }],
  ['c', 'failed', 1, 300, { kind: 'worker_crashed', message: 'retry 2 of 3 in 50 ms' }],
  ['f', 'failed', 1, 400, { kind: 'timeout', message: 'retry 2 of 3 in 60 ms' }],
  ['c', 'pending', 1, 50],
  ['c', 'running', 2, 2, { worker: 0 }],
  ['f', 'pending', 1, 60],
  ['f', 'running', 2, 2, { worker: 1 }],
  ['c', 'completed', 2, 200],
  ['e', 'running', 1, 4000, { worker: 0 }], // the idle stretch
  ['e', 'pending', 0, 100, { kind: 'input_missing', message: 'waiting for c to re-run' }],
  ['c', 'pending', 0, 0, { kind: 'input_missing', message: 'reverted: output of c is missing' }],
  ['f', 'failed', 2, 100, { kind: 'timeout', message: 'retry 3 of 3 in 120 ms' }],
  ['c', 'running', 1, 2, { worker: 0 }],
  ['f', 'pending', 2, 120],
  ['f', 'running', 3, 2, { worker: 1 }],
  ['c', 'completed', 1, 150],
  ['e', 'running', 1, 2, { worker: 0 }],
  ['f', 'dead', 3, 300, { kind: 'op_error', message: 'gave up after 3 attempts' }],
  ['g', 'blocked', 0, 0, { message: 'f is dead' }],
  ['e', 'pending', 1, 800, { kind: 'interrupted', message: 'resumed after the engine stopped' }],
  ['e', 'running', 1, 5, { worker: 0 }],
  ['e', 'completed', 1, 200],
];

const COLOURS: Record<string, string> = { a: '#e11d48', b: '#f97316', c: '#84cc16', d: '#06b6d4', e: '#8b5cf6', f: '#eab308', g: '#ec4899' };

/** Writes the journal; outputs are real PNG files, so thumbnails can be drawn from them. */
export async function scriptedJournal(options: { snapshots?: boolean } = {}): Promise<ScriptedJournal> {
  const dir = tempDir('faultline-replay-');
  const outDir = join(dir, 'out');
  mkdirSync(outDir);
  const journal = Journal.open(join(dir, 'journal.db'));
  const pipelineId = journal.createPipeline('scripted story', dir);
  const taskIds = new Map<string, number>();
  journal.transaction(() => {
    for (const n of NODES) taskIds.set(n.id, journal.upsertTask(pipelineId, n.id, n.op, {}, null, null));
    for (const n of NODES)
      journal.setInputs(
        taskIds.get(n.id)!,
        n.inputs.map((p) => taskIds.get(p)!),
      );
  });
  const runId = journal.createRun(pipelineId, outDir, {});
  const outputs = new Map<string, { outputPath: string; checksum: string }>();
  for (const n of NODES) {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: COLOURS[n.id]! } })
      .png()
      .toBuffer();
    const outputPath = join(outDir, `${n.id}.png`);
    writeFileSync(outputPath, png);
    outputs.set(n.id, { outputPath, checksum: createHash('sha256').update(png).digest('hex') });
  }

  const startAt = 1_700_000_000_000;
  const snapshots: Array<Map<number, TaskState>> = [journal.states()];
  const events: NewEvent[] = [];
  let at = startAt;
  for (const [node, status, attempt, afterMs, extra = {}] of SCRIPT) {
    at += afterMs;
    const event: NewEvent = {
      runId,
      taskId: taskIds.get(node)!,
      status,
      attempt,
      at,
      worker: extra.worker ?? null,
      errorKind: extra.kind ?? null,
      errorMessage: extra.kind ? `${extra.kind} in ${node}` : null,
      message: extra.message ?? null,
      retryAt: status === 'failed' ? at + 50 : null,
      ...(status === 'completed' ? { contentKey: `key-${node}`, ...outputs.get(node)! } : {}),
    };
    journal.append([event]);
    events.push(event);
    if (options.snapshots) snapshots.push(journal.states());
  }
  return { journal, dir, snapshots, events, taskIds, startAt };
}
