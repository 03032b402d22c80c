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

const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
setConnectionPragmas(db, durability);
// SQLite's own checkpoints stay on here: the upkeep thread's (journal-upkeep.ts) keep the WAL far
// below their threshold, and should that thread die, this connection checkpoints by itself.
const events = new ChunkedInsert(db, 'events', ['seq', ...EVENT_COLUMNS]);
const commit = db.transaction((values: unknown[]) => events.run(values));
let failed = false;

const reply = (message: WriterReply) => port.postMessage(message);

port.on('message', (message: WriterMessage) => {
  if (message.kind === 'stop') {
    port.close();
    db.close();
    return;
  }
  if (failed) return;
  try {
    commit(message.values);
    reply({ kind: 'committed', lastSeq: message.lastSeq });
    Atomics.add(progress, 0, 1);
  } catch (e) {
    failed = true;
    const error = classifyJournalError(e, path);
    reply({
      kind: 'failed',
      error: error instanceof EngineError ? { kind: error.kind, message: error.message } : { kind: 'journal_unwritable', message: error.message },
    });
    Atomics.store(progress, 1, 1);
  }
  Atomics.notify(progress, 0);
});
