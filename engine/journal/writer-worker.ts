import Database from 'better-sqlite3';
import { workerData, type MessagePort } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import { ChunkedInsert } from './chunked-insert.js';
import { EVENT_COLUMNS } from './event-columns.js';
import { classifyJournalError, setConnectionPragmas, type Durability } from './open-journal.js';
import type { WriterMessage, WriterReply } from './journal-writer.js';

/**
 * Runs in its own thread (see journal-writer.ts): commits the ledger's batches of events, in
 * the order they come, each in one transaction, and says so. After a failure it commits
 * nothing more: the engine halts on the first one.
 */
const { path, durability, nativeBinding, port, progress } = workerData as {
  path: string;
  durability: Durability;
  nativeBinding: string | undefined;
  port: MessagePort;
  /** [batches committed, failed (0 or 1)]: what the engine's thread waits on when it must. */
  progress: Int32Array;
};

let failed = false;

/** Says why nothing more will be committed, and wakes the engine's thread if it waits. */
function fail(e: unknown): void {
  failed = true;
  const error = classifyJournalError(e, path);
  port.postMessage({
    kind: 'failed',
    error: error instanceof EngineError ? { kind: error.kind, message: error.message } : { kind: 'journal_unwritable', message: error.message },
  } satisfies WriterReply);
  Atomics.store(progress, 1, 1);
  Atomics.notify(progress, 0);
}

/** Its connection and the one statement it runs; null if the journal could not be opened (said as the first reply). */
function connect(): { db: Database.Database; commit: (values: unknown[]) => void } | null {
  try {
    const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    setConnectionPragmas(db, durability);
    // SQLite's own checkpoints stay on here: the upkeep thread's (journal-upkeep.ts) keep the WAL
    // far below their threshold, and should that thread die, this connection checkpoints by itself.
    const events = new ChunkedInsert(db, 'events', ['seq', ...EVENT_COLUMNS]);
    return { db, commit: db.transaction((values: unknown[]) => events.run(values)) };
  } catch (e) {
    fail(e);
    return null;
  }
}

const connection = connect();

port.on('message', (message: WriterMessage) => {
  if (message.kind === 'stop') {
    port.close();
    connection?.db.close();
    return;
  }
  if (failed || !connection) return;
  try {
    connection.commit(message.values);
    port.postMessage({ kind: 'committed', lastSeq: message.lastSeq } satisfies WriterReply);
    Atomics.add(progress, 0, 1);
    Atomics.notify(progress, 0);
  } catch (e) {
    fail(e);
  }
});
