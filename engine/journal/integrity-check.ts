import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors.js';

/**
 * SQLite's quick_check of the journal, started as it opens and run in a thread of its own: it
 * reads every page (~0.35 s for a million events), which would double the time a restart
 * takes if the main thread waited for it. Nothing starts running before its verdict (run
 * start awaits it); a damaged journal is refused by name, before anything more is written.
 */
export class IntegrityCheck {
  private constructor(
    readonly verdict: Promise<EngineError | null>,
    private readonly worker: Worker,
  ) {}

  static start(path: string, nativeBinding: string | undefined): IntegrityCheck {
    const worker = new Worker(new URL('./integrity-worker.js', import.meta.url), { workerData: { path, nativeBinding } });
    const verdict = new Promise<EngineError | null>((resolve) => {
      worker.once('message', (errors: string[]) => resolve(errors.length === 0 ? null : damaged(path, errors)));
      // A check that could not run proves nothing; SQLite still names a bad page when one is read.
      worker.once('error', () => resolve(null));
      worker.once('exit', () => resolve(null));
    });
    return new IntegrityCheck(verdict, worker);
  }

  /** The engine closes: a check still reading a big journal stops with it. */
  stop(): void {
    void this.worker.terminate();
  }
}

const damaged = (path: string, errors: string[]) =>
  new EngineError(
    'journal_corrupt',
    `the journal ${path} fails its integrity check: move it aside to start afresh (inspect may still read what is left)`,
    errors,
  );
