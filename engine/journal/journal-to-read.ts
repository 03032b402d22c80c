import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { EngineError } from '../errors.js';
import { Journal } from './journal.js';

/** A journal opened for inspect or replay: `close` also removes the copy, if one was made. */
export interface JournalToRead {
  journal: Journal;
  /** Read from a copy, because the journal's folder cannot be written (a read-only mount). */
  copied: boolean;
  close(): void;
}

/**
 * SQLite reads a WAL journal only where it can create the journal's -shm file beside it (or
 * finds one there), so a journal on a read-only mount cannot be opened in place even read-only.
 * There it is read from a copy in a temp folder: a snapshot, which is all inspect and replay
 * need. Everywhere else it is opened where it is.
 */
export function openJournalToRead(path: string): JournalToRead {
  if (!existsSync(path)) throw new EngineError('usage', `no journal at ${path}`);
  try {
    accessSync(dirname(path), constants.W_OK);
    const journal = Journal.open(path);
    return { journal, copied: false, close: () => journal.close() };
  } catch (e) {
    if (e instanceof EngineError && e.kind !== 'journal_unwritable') throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), 'faultline-read-'));
  try {
    const copy = join(dir, basename(path));
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const journal = Journal.open(copy);
    return {
      journal,
      copied: true,
      close: () => {
        journal.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
