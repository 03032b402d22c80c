import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import type { Journal } from './journal.js';

/** The WAL size (in pages) at which SQLite checkpoints by itself: its default, restored if the thread dies. */
const SQLITE_AUTOCHECKPOINT = 1000;

/**
 * The journal's upkeep, in a thread of its own with its own connections:
 * - SQLite's quick_check as the journal opens. It reads every page (~0.35 s for a million
 *   events), which would double the time a restart takes if the main thread waited for it.
 *   Nothing starts running before its verdict (run start awaits it); a damaged journal is
 *   refused by name, before anything more is written.
 * - Then the WAL checkpoints. Left to SQLite they run inside a commit, fsyncs included: ~0.5 s
 *   of a 100,000-task run's 3 s when the engine's thread committed. Here they overlap the
 *   engine's work and the writer thread's (journal-writer.ts). If this thread dies, the
 *   connections checkpoint by themselves again.
 */
export class JournalUpkeep {
  private stopped = false;

  private constructor(
    readonly verdict: Promise<EngineError | null>,
    private readonly worker: Worker,
  ) {}

  static start(journal: Journal, nativeBinding: string | undefined): JournalUpkeep {
    const worker = new Worker(new URL('./upkeep-worker.js', import.meta.url), { workerData: { path: journal.path, nativeBinding } });
    const path = journal.path;
    const verdict = new Promise<EngineError | null>((resolve) => {
      worker.once('message', (errors: string[]) => resolve(errors.length === 0 ? null : damaged(path, errors)));
      // A check that could not run proves nothing; SQLite still names a bad page when one is read.
      worker.once('error', () => resolve(null));
      worker.once('exit', () => resolve(null));
    });
    journal.db.pragma('wal_autocheckpoint = 0');
    const upkeep = new JournalUpkeep(verdict, worker);
    worker.once('exit', () => {
      if (!upkeep.stopped && journal.db.open) journal.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    });
    return upkeep;
  }

  /** The engine closes: the thread ends once its check, if still reading, is done. */
  stop(): void {
    this.stopped = true;
    this.worker.postMessage('stop');
  }
}

const damaged = (path: string, errors: string[]) =>
  new EngineError(
    'journal_corrupt',
    `the journal ${path} fails its integrity check: move it aside to start afresh (inspect may still read what is left)`,
    errors,
  );
