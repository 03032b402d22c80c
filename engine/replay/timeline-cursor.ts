import { momentOf, type MomentKind } from '../contract/index.js';
import type { MarkableEvent } from './marks.js';

/** The columns of an event that move the replay's running state. */
export interface CursorEvent extends Pick<MarkableEvent, 'status' | 'attempt' | 'errorKind'> {
  seq: number;
  at: number;
}

/**
 * The replay's running state while walking events in seq order: for each task slot (a dense
 * index given to each task on its first event) the seq of its latest event, and the totals.
 * A checkpoint is a frozen clone; a typed array keeps 1,000 of them small.
 */
export class TimelineCursor {
  private constructor(
    public seq: number,
    public at: number,
    public lastSeq: Float64Array,
    public retries: number,
    public recoveries: number,
    public events: number,
  ) {}

  static empty(): TimelineCursor {
    return new TimelineCursor(0, 0, new Float64Array(16), 0, 0, 0);
  }

  /** A copy sized to the slots in use, so checkpoints keep no spare capacity. */
  clone(slots: number): TimelineCursor {
    return new TimelineCursor(this.seq, this.at, this.lastSeq.slice(0, slots), this.retries, this.recoveries, this.events);
  }

  apply(slot: number, e: CursorEvent): MomentKind | null {
    if (slot >= this.lastSeq.length) this.grow(slot + 1);
    const kind = momentOf(e);
    this.seq = e.seq;
    this.at = e.at;
    this.events++;
    this.lastSeq[slot] = e.seq;
    if (e.status === 'failed') this.retries++;
    if (kind === 'recovery') this.recoveries++;
    return kind;
  }

  private grow(slots: number): void {
    const lastSeq = new Float64Array(Math.max(slots, this.lastSeq.length * 2));
    lastSeq.set(this.lastSeq);
    this.lastSeq = lastSeq;
  }
}
