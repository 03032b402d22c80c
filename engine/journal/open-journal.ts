import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';
import { migrate, refuseForeignDatabase } from './migrate.js';

/**
 * normal: WAL + synchronous=NORMAL, survives a killed process (the default: kill -9 is what we
 * test). full: synchronous=FULL, also survives a power cut, at a cost per commit.
 */
export type Durability = 'normal' | 'full';

/**
 * Electron runs a different Node ABI; scripts/rebuild-electron-sqlite.js builds a second copy of
 * better-sqlite3's addon for it, which we load only inside Electron.
 */
export function nativeBindingForRuntime(): string | undefined {
  if (!process.versions.electron) return undefined;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const electronBuild = join(root, 'build-electron', 'better_sqlite3.node');
  return existsSync(electronBuild) ? electronBuild : undefined;
}

const sqliteCode = (e: unknown): string => (e as { code?: string }).code ?? '';

export function makeJournalFolder(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new EngineError('journal_unwritable', `cannot create the journal's folder ${dirname(path)}: ${(e as Error).message}`);
  }
}

export function openDatabase(path: string, durability: Durability = 'normal'): Database.Database {
  makeJournalFolder(path);
  let db: Database.Database;
  try {
    const nativeBinding = nativeBindingForRuntime();
    db = new Database(path, nativeBinding ? { nativeBinding } : {});
  } catch (e) {
    throw new EngineError('journal_unwritable', `cannot open the journal ${path}: ${(e as Error).message}`);
  }
  try {
    refuseForeignDatabase(db); // before any pragma: switching to WAL would change the file too
    db.pragma('journal_mode = WAL');
    setConnectionPragmas(db, durability);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw classifyJournalError(e, path);
  }
}

/** What every connection that writes the journal sets (the file's WAL mode is set once, on open). */
export function setConnectionPragmas(db: Database.Database, durability: Durability): void {
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function classifyJournalError(e: unknown, path: string): Error {
  if (e instanceof EngineError) return e;
  const code = sqliteCode(e);
  if (code === 'SQLITE_FULL' || (e as NodeJS.ErrnoException).code === 'ENOSPC') {
    return new EngineError('journal_full', `the journal's disk is full (${path}): free some space and run again; nothing completed is lost`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT')) {
    return new EngineError(
      'journal_corrupt',
      `the journal ${path} is not a readable Faultline journal (${(e as Error).message}); move it aside to start afresh`,
    );
  }
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return new EngineError('journal_unwritable', `cannot write the journal ${path}: ${(e as Error).message}`);
  }
  return e instanceof Error ? e : new Error(String(e));
}
