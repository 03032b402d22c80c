import type { Counters, EngineEvent, JournalRow } from '../contract/index.js';
import { Progress } from './progress.js';

const NOTABLE = new Set(['failed', 'dead', 'blocked', 'cancelled']);

/**
 * A run's events as progress: counts per status, retries, recoveries and throughput on the
 * progress line; a note for each fault and recovery.
 */
export class RunProgress {
  constructor(
    private readonly total: () => number,
    private readonly progress = new Progress({ maxNotes: 300, omittedHint: 'see `faultline inspect JOURNAL`' }),
  ) {}

  readonly onEvent = (event: EngineEvent): void => {
    if (event.kind === 'tasks') for (const row of event.changes) this.onRow(row);
    if (event.kind !== 'counters') return;
    this.progress.update(event.counters.byStatus.completed, this.total(), this.summary(event.counters));
  };

  stop(): void {
    this.progress.finish();
  }

  private onRow(row: JournalRow): void {
    const recovery = row.status === 'pending' && row.errorKind !== null;
    if (!NOTABLE.has(row.status) && !recovery) return;
    // A blocked task has a message but no error kind: say the message, not an empty kind.
    const cause = row.errorKind ? `${row.errorKind}${row.errorMessage ? ` (${row.errorMessage})` : ''}` : (row.errorMessage ?? '');
    this.progress.note(`${row.nodeId} ${recovery ? 'recovering' : row.status}: ${cause}${row.message ? ` — ${row.message}` : ''}`);
  }

  private summary(c: Counters): string {
    const s = c.byStatus;
    return `${s.completed}/${this.total()} completed · running ${s.running} · failed ${s.failed} · dead ${s.dead} · blocked ${s.blocked} · retries ${c.retries} · recoveries ${c.recoveries} · ${c.throughput}/s`;
  }
}
