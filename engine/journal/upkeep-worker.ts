import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** How often the WAL is copied back into the journal: a busy run's commits add ~4 MB a second. */
const CHECKPOINT_MS = 100;

/**
 * Runs in its own thread (see journal-upkeep.ts): quick_check, then WAL checkpoints until the
 * engine says stop. It ends itself rather than being terminated: a thread stopped from outside
 * while better-sqlite3 opens a connection can abort the whole process.
 */
const { path, nativeBinding } = workerData as { path: string; nativeBinding: string | undefined };
const options = nativeBinding ? { nativeBinding } : {};
let stopped = false;
let checkpoints: Database.Database | null = null;
let timer: NodeJS.Timeout | null = null;

function stop(): void {
  stopped = true;
  if (timer) clearInterval(timer);
  checkpoints?.close();
  parentPort?.close();
}
parentPort?.once('message', stop);

let errors: string[];
try {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...options });
  try {
    const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    errors = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
  } finally {
    db.close();
  }
} catch (e) {
  // A damaged file is the verdict; any other failure (no such file yet) only means unchecked.
  const code = (e as { code?: string }).code ?? '';
  errors = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? [(e as Error).message] : [];
}
parentPort?.postMessage(errors);

// The stop may have come during the check: its message is handled only now, so look again then.
setImmediate(() => {
  if (stopped || errors.length > 0) return stop();
  // PASSIVE: copies what no reader still needs and never waits for the engine's writes. A
  // failure (a full disk) ends the thread, and the engine's own connection takes over.
  const db = new Database(path, { fileMustExist: true, ...options });
  checkpoints = db;
  timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      stop();
    }
  }, CHECKPOINT_MS);
});
