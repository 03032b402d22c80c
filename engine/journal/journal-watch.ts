import { statSync } from 'node:fs';
import { EngineError } from '../errors.js';

const WATCH_MS = 1000;

/**
 * Notices a journal deleted or replaced under a running engine. SQLite keeps writing to the
 * open (now nameless) file without complaint, so every later commit would be lost at exit:
 * the engine must stop and say so. One stat a second.
 */
export function watchJournalFile(path: string, onGone: (error: EngineError) => void): () => void {
  const identity = (): string | null => {
    try {
      const s = statSync(path);
      return `${s.dev}:${s.ino}`;
    } catch {
      return null;
    }
  };
  const first = identity();
  const timer = setInterval(() => {
    if (identity() === first) return;
    clearInterval(timer);
    onGone(
      new EngineError(
        'journal_gone',
        `the journal ${path} was deleted or replaced while the engine ran: nothing more could be recorded, so it stopped. Restart to begin from what the file now holds`,
      ),
    );
  }, WATCH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
