import type { FailureKind, TaskStatus } from '../contract/index.js';
import { markKind, type MarkKind } from './marks.js';

/** The columns of an event that move the replay's running state. */
export interface CursorEvent {
  seq: number;
  status: TaskStatus;
  errorKind: FailureKind | null;
  at: number;
}

/**
 * The replay's running state while walking events in seq order, per task slot (a dense index
 * given to each task on its first event): the seq of its latest event, and whether it failed
 * since it last completed (so its next completion counts as a recovery). Plus the totals.
 * A checkpoint is a frozen clone; typed arrays keep 1,000 of them small.
 */
export class TimelineCursor {
  private constructor(
    public seq: number,
    public at: number,
    public lastSeq: Float64Array,
    private failedSinceCompleted: Uint8Array,
    public retries: number,
    public recoveries: number,
    public events: number,
  ) {}

  static empty(): TimelineCursor {
    return new TimelineCursor(0, 0, new Float64Array(16), new Uint8Array(16), 0, 0, 0);
  }

  /** A copy sized to the slots in use, so checkpoints do not keep spare capacity. */
  clone(slots: number): TimelineCursor {
    return new TimelineCursor(
      this.seq,
      this.at,
      this.lastSeq.slice(0, slots),
      this.failedSinceCompleted.slice(0, slots),
      this.retries,
      this.recoveries,
      this.events,
    );
  }

  apply(slot: number, e: CursorEvent): MarkKind | null {
    this.reserve(slot + 1);
    const kind = markKind(e.status, e.errorKind, this.failedSinceCompleted[slot] === 1);
    this.seq = e.seq;
    this.at = e.at;
    this.events++;
    this.lastSeq[slot] = e.seq;
    if (e.status === 'failed') this.retries++;
    if (kind === 'recovery') this.recoveries++;
    if (e.status === 'failed' || e.status === 'dead') this.failedSinceCompleted[slot] = 1;
    else if (e.status === 'completed') this.failedSinceCompleted[slot] = 0;
    return kind;
  }

  private reserve(slots: number): void {
    if (slots <= this.lastSeq.length) return;
    const size = Math.max(slots, this.lastSeq.length * 2);
    const lastSeq = new Float64Array(size);
    lastSeq.set(this.lastSeq);
    const failed = new Uint8Array(size);
    failed.set(this.failedSinceCompleted);
    this.lastSeq = lastSeq;
    this.failedSinceCompleted = failed;
  }
}
