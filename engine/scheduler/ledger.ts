import type { JournalRow, TaskStatus } from '../contract/index.js';
import type { Journal, NewEvent } from '../journal/journal.js';
import type { PipelineScope } from './pipeline-scope.js';
import type { TaskNode } from './task-graph.js';

export type TransitionFields = Partial<Omit<NewEvent, 'status' | 'taskId' | 'runId'>>;

export interface LedgerListener {
  /** Someone watches: only then are rows built for the UIs. */
  watched(): boolean;
  /** The rows just committed, in order, and the journal's last seq. */
  committed(changes: JournalRow[] | null, lastSeq: number): void;
}

/**
 * The ledger of transitions. Every state change goes through transition(), which updates the
 * task in memory and queues the journal event that records it; flush() hands the queue to the
 * journal as one batch at the end of each pass, committed in one transaction, in order (see
 * journal-writer.ts for when).
 */
export class Ledger {
  private queued: Array<{ node: TaskNode; event: Required<NewEvent> }> = [];
  /** Batches handed to the journal and not yet committed, oldest first. */
  private readonly uncommitted: Array<{ lastSeq: number; changes: JournalRow[] | null }> = [];
  private handed = 0;
  private committedCount = 0;

  constructor(
    private readonly journal: Journal,
    private readonly scope: PipelineScope,
    private readonly listener: LedgerListener,
  ) {}

  /** Batches handed to the journal so far. */
  get batchesHanded(): number {
    return this.handed;
  }

  /** How many of those the journal has committed. */
  get batchesCommitted(): number {
    return this.committedCount;
  }

  get hasQueued(): boolean {
    return this.queued.length > 0;
  }

  /** Changes a task's state in memory and queues the journal event that records it. */
  transition(node: TaskNode, status: TaskStatus, fields: TransitionFields = {}): void {
    // Every field named, none spread: a spread into a new object takes V8's slow path, and
    // this runs twice for every task.
    const event: Required<NewEvent> = {
      runId: this.scope.run?.id ?? null,
      taskId: node.id,
      status,
      attempt: fields.attempt ?? node.state.attempt,
      worker: fields.worker ?? null,
      at: fields.at ?? Date.now(),
      contentKey: fields.contentKey ?? null,
      outputPath: fields.outputPath ?? null,
      checksum: fields.checksum ?? null,
      errorKind: fields.errorKind ?? null,
      errorMessage: fields.errorMessage ?? null,
      message: fields.message ?? null,
      retryAt: fields.retryAt ?? null,
      fault: fields.fault ?? null,
    };
    this.scope.graph.setState(node, {
      taskId: node.id,
      status,
      attempt: event.attempt,
      worker: event.worker,
      at: event.at,
      contentKey: event.contentKey,
      outputPath: event.outputPath,
      checksum: event.checksum,
      errorKind: event.errorKind,
      errorMessage: event.errorMessage,
      message: event.message,
      retryAt: event.retryAt,
      lastSeq: node.state.lastSeq,
      eventCount: node.state.eventCount + 1,
    });
    if (status !== 'failed' && node.retryTimer) {
      clearTimeout(node.retryTimer);
      node.retryTimer = null;
    }
    this.scope.counters.record(event);
    this.queued.push({ node, event });
  }

  /**
   * Hands the queued events to the journal in one batch (committed in one transaction), their
   * seqs given at once; the listener hears of each batch once it is committed, in order.
   */
  flush(): void {
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const { seqs, later } = this.journal.appendLater(batch.map((b) => b.event));
    for (let i = 0; i < batch.length; i++) batch[i]!.node.state.lastSeq = seqs[i]!;
    const changes = this.listener.watched() ? batch.map(({ node, event }, i) => journalRow(seqs[i]!, node.nodeId, event)) : null;
    this.uncommitted.push({ lastSeq: seqs.at(-1)!, changes });
    this.handed++;
    if (!later) this.committedUpTo(seqs.at(-1)!);
  }

  /** The journal holds every event up to seq: the listener hears of each batch that covers. */
  committedUpTo(seq: number): void {
    while (this.uncommitted.length > 0 && this.uncommitted[0]!.lastSeq <= seq) {
      const { lastSeq, changes } = this.uncommitted.shift()!;
      this.committedCount++;
      this.listener.committed(changes, lastSeq);
    }
  }
}

function journalRow(seq: number, nodeId: string, event: Required<NewEvent>): JournalRow {
  return {
    seq,
    runId: event.runId,
    nodeId,
    status: event.status,
    attempt: event.attempt,
    worker: event.worker,
    at: event.at,
    contentKey: event.contentKey,
    checksum: event.checksum,
    errorKind: event.errorKind,
    errorMessage: event.errorMessage,
    message: event.message,
  };
}
