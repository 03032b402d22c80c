import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { EngineError } from '../errors.js';
import { classifyJournalError, makeJournalFolder } from './open-journal.js';

/**
 * One process owns a journal at a time. The lock is SQLite's own file lock on a small file
 * beside the journal (JOURNAL.lock), taken in exclusive locking mode and held for the process's
 * life: the OS releases it when the process dies, kill -9 included, so a dead owner never
 * blocks a restart. Readers (inspect, replay) open the journal itself and never need it.
 */
export class JournalLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(journalPath: string, nativeBinding?: string): JournalLock {
    const lockPath = `${journalPath}.lock`;
    const ownerPath = `${journalPath}.owner`;
    makeJournalFolder(journalPath);
    let db: Database.Database | null = null;
    try {
      db = new Database(lockPath, nativeBinding ? { nativeBinding } : {});
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the exclusive lock; in this mode it is kept until close.
      db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER); DELETE FROM owner');
      db.prepare('INSERT INTO owner VALUES (?)').run(process.pid);
    } catch (e) {
      db?.close();
      const code = (e as { code?: string }).code ?? '';
      if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
        throw new EngineError(
          'journal_in_use',
          `journal in use by process ${ownerOf(ownerPath)}: ${journalPath} (stop it first; inspect and replay can read the journal meanwhile)`,
        );
      }
      const storage = classifyJournalError(e, journalPath);
      if (storage instanceof EngineError) throw storage;
      throw new EngineError('journal_unwritable', `cannot lock the journal ${journalPath}: ${(e as Error).message}`);
    }
    try {
      writeFileSync(ownerPath, `${process.pid}\n`);
    } catch {
      // Only the message to a second process loses its pid.
    }
    return new JournalLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

function ownerOf(ownerPath: string): string {
  try {
    return readFileSync(ownerPath, 'utf8').trim() || 'unknown';
  } catch {
    return '(unknown)';
  }
}
