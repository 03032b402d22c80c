import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RUN_SETTINGS } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { Journal } from '../journal/journal.js';
import { JournalLock } from '../journal/journal-lock.js';
import { JournalUpkeep } from '../journal/journal-upkeep.js';
import { nativeBindingForRuntime } from '../journal/open-journal.js';
import { sweepTempFiles } from '../workers/atomic-write.js';
import { WorkerPool } from '../workers/pool.js';
import type { EngineOptions } from './engine-options.js';
import { recoverOnOpen } from './recover-on-open.js';
import { SettingsKeeper } from './settings-keeper.js';
import { SAMPLE_PIPELINE, syncPipeline, type SyncedPipeline } from './sync-pipeline.js';

/** What an engine holds from its opening to its close. */
export interface OpenedParts {
  pool: WorkerPool;
  lock: JournalLock;
  journal: Journal;
  upkeep: JournalUpkeep;
  keeper: SettingsKeeper;
  /** The pipeline as the journal now holds it, recovered from any interruption. */
  pipeline: SyncedPipeline;
}

/**
 * Opens an engine's parts in order: the worker threads first (they load sharp while the rest
 * opens), the journal's lock, the journal, its upkeep thread, the pipeline (imported or synced
 * with its file, then recovered), the settings. If one fails, what was opened is closed again.
 */
export async function openParts(options: EngineOptions): Promise<OpenedParts> {
  prepareOutDir(options.outDir);
  // The threads' count is the opener's or the default; the journal's own settings may resize them below.
  const first = { ...DEFAULT_RUN_SETTINGS, ...options.settings };
  const pool = new WorkerPool({
    size: first.workers,
    timeoutMs: first.timeoutMs,
    tasksPerWorker: options.tasksPerWorker ?? 1,
    affinity: options.affinity,
  });
  let lock: JournalLock | undefined;
  let journal: Journal | undefined;
  let upkeep: JournalUpkeep | undefined;
  try {
    lock = JournalLock.acquire(options.journalPath, nativeBindingForRuntime());
    sweepTempFiles([options.outDir, join(options.outDir, '.objects')]);
    journal = Journal.open(options.journalPath, options.durability);
    upkeep = JournalUpkeep.start(journal, nativeBindingForRuntime());
    const pipeline = syncPipeline(journal, options.pipelinePath ?? (journal.latestPipeline() ? undefined : SAMPLE_PIPELINE));
    recoverOnOpen(journal, pipeline.pipelineId);
    const keeper = SettingsKeeper.open(journal, { faults: options.faults, settings: options.settings });
    if (keeper.current.settings.workers !== first.workers) pool.resize(keeper.current.settings.workers);
    pool.setTimeoutMs(keeper.current.settings.timeoutMs);
    return { pool, lock, journal, upkeep, keeper, pipeline };
  } catch (e) {
    await closeParts({ pool, lock, journal, upkeep });
    throw e;
  }
}

/** Closes what was opened, the threads first; a part not opened yet is skipped. */
export async function closeParts(parts: Pick<OpenedParts, 'pool'> & Partial<Pick<OpenedParts, 'lock' | 'journal' | 'upkeep'>>): Promise<void> {
  await parts.pool.close();
  parts.upkeep?.stop();
  parts.journal?.close();
  parts.lock?.release();
}

function prepareOutDir(outDir: string): void {
  try {
    mkdirSync(join(outDir, '.objects'), { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (e) {
    throw new EngineError('out_dir_unwritable', `cannot write outputs to ${outDir}: ${(e as Error).message}`);
  }
}
