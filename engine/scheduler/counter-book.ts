import type { Counters, TaskStatus } from '../contract/index.js';
import type { Journal, NewEvent } from '../journal/journal.js';

const THROUGHPUT_WINDOW_MS = 5_000;

/**
 * Retries, recoveries and throughput, kept up to date per event. Retries count failed attempts;
 * recoveries count completions after a failure, reverts, and resumed interruptions.
 */
export class CounterBook {
  private retries: number;
  private recoveries: number;
  private completions: number[] = [];

  constructor(journal: Journal) {
    const c = journal.db
      .prepare(`SELECT
        (SELECT count(*) FROM events WHERE status = 'failed') AS retries,
        (SELECT count(*) FROM events WHERE (status = 'completed' AND attempt > 1)
           OR (status = 'pending' AND error_kind IS NOT NULL)) AS recoveries`)
      .get() as { retries: number; recoveries: number };
    this.retries = c.retries;
    this.recoveries = c.recoveries;
  }

  record(event: NewEvent): void {
    if (event.status === 'failed') this.retries++;
    if (event.status === 'completed') {
      if (event.attempt > 1) this.recoveries++;
      this.completions.push(event.at ?? Date.now());
    }
    if (event.status === 'pending' && event.errorKind) this.recoveries++;
  }

  view(byStatus: Record<TaskStatus, number>, events: number): Counters {
    const since = Date.now() - THROUGHPUT_WINDOW_MS;
    let drop = 0;
    while (drop < this.completions.length && this.completions[drop]! < since) drop++;
    if (drop > 0) this.completions = this.completions.slice(drop);
    return {
      byStatus,
      retries: this.retries,
      recoveries: this.recoveries,
      events,
      throughput: Math.round((this.completions.length / THROUGHPUT_WINDOW_MS) * 1000 * 10) / 10,
    };
  }
}
