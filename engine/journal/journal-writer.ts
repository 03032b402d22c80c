import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { EngineError, type EngineErrorKind } from '../errors.js';
import type { Durability } from './open-journal.js';

/** `values`: the events' seqs and columns, one after another (seq, then EVENT_COLUMNS, per event). */
export type WriterMessage = { kind: 'events'; values: unknown[]; lastSeq: number } | { kind: 'stop' };
export type WriterReply = { kind: 'committed'; lastSeq: number } | { kind: 'failed'; error: { kind: EngineErrorKind; message: string } };

export interface WriterListener {
  /** Everything up to this seq is in the journal. */
  committed(lastSeq: number): void;
  /** The journal's storage failed: nothing after the last committed seq was written. */
  failed(error: EngineError): void;
}

/**
 * A thread that answers nothing for this long is taken for dead. Every failure it can catch
 * (a connection it cannot open, a commit that fails) it reports at once; this is for the rest.
 */
const WAIT_LIMIT_MS = 60_000;

/**
 * The ledger's events are committed by a thread of their own, on its own connection: the
 * engine's thread hands a pass's events over (their seqs already given) and goes on deciding,
 * while SQLite's per-event work (indexes, the projection trigger) runs beside it. That work was
 * about half of the engine's thread's time in a 100,000-task run.
 *
 * Order is kept: batches commit in the order handed over, and every other read or write of the
 * journal first waits for the thread to catch up (drain), so it sees all the events before it.
 * Acting before the commit is nothing new: a pass's jobs always went out before its commit;
 * what a crash loses is at most the last few passes, which recovery redoes (outputs are named by
 * content, so redoing them writes the same bytes).
 */
export class JournalWriter {
  private posted = 0;
  /** Replies taken so far: when they match what was posted, a drain has nothing to wait for. */
  private answered = 0;
  private failure: EngineError | null = null;
  private listener: WriterListener | null = null;

  private constructor(
    private readonly port: MessagePort,
    /** [batches committed, failed]: shared with the thread. */
    private readonly progress: Int32Array,
  ) {}

  /**
   * Null where this thread may not block (Atomics.wait throws on some embedders' main threads,
   * Electron's among them by some accounts): the journal then commits on this thread, as before.
   */
  static start(path: string, durability: Durability, nativeBinding: string | undefined): JournalWriter | null {
    if (!mayBlock()) return null;
    const channel = new MessageChannel();
    const progress = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(new URL('./writer-worker.js', import.meta.url), {
      workerData: { path, durability, nativeBinding, port: channel.port2, progress },
      transferList: [channel.port2],
    });
    const writer = new JournalWriter(channel.port1, progress);
    channel.port1.on('message', (reply: WriterReply) => writer.receive(reply));
    worker.on('error', (e) => writer.fail(new EngineError('journal_unwritable', `the journal's writer thread stopped: ${e.message}`)));
    return writer;
  }

  listen(listener: WriterListener): void {
    this.listener = listener;
  }

  /** Hands a batch over; throws at once if an earlier one failed. */
  post(values: unknown[], lastSeq: number): void {
    if (this.failure) throw this.failure;
    this.posted++;
    this.port.postMessage({ kind: 'events', values, lastSeq } satisfies WriterMessage);
  }

  /** Waits until every batch handed over is committed (or one failed, which it throws). */
  drain(): void {
    if (this.failure) throw this.failure;
    if (this.answered === this.posted) return; // on most calls: the journal's every read goes through here
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const committed = Atomics.load(this.progress, 0);
      if (committed >= this.posted || Atomics.load(this.progress, 1) !== 0) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.fail(new EngineError('journal_unwritable', `the journal's writer thread answered nothing for ${WAIT_LIMIT_MS / 1000} s`));
        break;
      }
      Atomics.wait(this.progress, 0, committed, left);
    }
    // What the thread said is taken now, in order, not on a later turn of the event loop: the
    // ledger tells the UIs about these events before whatever the caller does next.
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.receive(m.message as WriterReply);
    if (this.failure) throw this.failure;
  }

  /** Commits what is handed over, then lets the thread end (it closes its own connection). */
  stop(): void {
    try {
      this.drain();
    } catch {
      // Already reported to the listener: the engine halted on it.
    }
    // The thread closes the channel once it has closed its connection, and then ends; this
    // side no longer keeps the process alive meanwhile.
    this.port.postMessage({ kind: 'stop' } satisfies WriterMessage);
    this.port.unref();
    this.listener = null; // what the thread does from here on is no news: the journal is closed
  }

  private receive(reply: WriterReply): void {
    this.answered++;
    if (reply.kind === 'committed') this.listener?.committed(reply.lastSeq);
    else this.fail(new EngineError(reply.error.kind, reply.error.message));
  }

  private fail(error: EngineError): void {
    if (this.failure) return;
    this.failure = error;
    this.listener?.failed(error);
  }
}

function mayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)), 0, 1, 0); // 'not-equal' at once
    return true;
  } catch {
    return false;
  }
}
