import { momentOf, type Counters, type TaskStatus } from '../contract/index.js';
import type { Journal, NewEvent } from '../journal/journal.js';

const THROUGHPUT_WINDOW_MS = 5_000;

/**
 * Retries, recoveries and throughput, kept up to date per event. Retries count failed attempts;
 * recoveries count completions after a failure, reverts, and resumed interruptions.
 */
export class CounterBook {
  /** Counts since the engine opened; the journal's earlier history is added on first view. */
  private retries = 0;
  private recoveries = 0;
  private history: { retries: number; recoveries: number } | null = null;
  private readonly historySeq: number;
  private completions: number[] = [];

  /** Counts this pipeline's events only: those after `afterSeq` (see Journal.createPipeline). */
  constructor(
    private readonly journal: Journal,
    private readonly afterSeq = 0,
  ) {
    this.historySeq = journal.lastSeq();
  }

  /**
   * One scan of the events written before this engine opened. Deferred to the first view: a
   * headless run of a long journal never needs it, and opening stays fast.
   */
  private pastCounts(): { retries: number; recoveries: number } {
    this.history ??= this.journal.db
      .prepare(
        `SELECT coalesce(sum(status = 'failed'), 0) AS retries,
        coalesce(sum((status = 'completed' AND attempt > 1) OR (status = 'pending' AND error_kind IS NOT NULL)), 0) AS recoveries
        FROM events WHERE seq > ? AND seq <= ?`,
      )
      .get(this.afterSeq, this.historySeq) as { retries: number; recoveries: number };
    return this.history;
  }

  record(event: NewEvent): void {
    const moment = momentOf(event);
    if (moment === 'failure') this.retries++;
    if (moment === 'recovery') this.recoveries++;
    if (event.status === 'completed') this.completions.push(event.at ?? Date.now());
  }

  view(byStatus: Record<TaskStatus, number>, events: number): Counters {
    const since = Date.now() - THROUGHPUT_WINDOW_MS;
    let drop = 0;
    while (drop < this.completions.length && this.completions[drop]! < since) drop++;
    if (drop > 0) this.completions = this.completions.slice(drop);
    return {
      byStatus,
      retries: this.pastCounts().retries + this.retries,
      recoveries: this.pastCounts().recoveries + this.recoveries,
      events,
      throughput: Math.round((this.completions.length / THROUGHPUT_WINDOW_MS) * 1000 * 10) / 10,
    };
  }
}
