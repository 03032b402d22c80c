import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** Runs in its own thread: SQLite's quick_check of a whole journal, on a read-only connection. */
const { path, nativeBinding } = workerData as { path: string; nativeBinding: string | undefined };
let errors: string[];
try {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
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
