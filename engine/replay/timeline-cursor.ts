import { momentOf, type MomentKind } from '../contract/index.js';
import type { MarkableEvent } from './marks.js';

/** The columns of an event that move the replay's running state. */
export interface CursorEvent extends Pick<MarkableEvent, 'status' | 'attempt' | 'errorKind'> {
  seq: number;
  at: number;
}

/**
 * The replay's running state while walking events in seq order: for each task slot (a dense
 * index given to each task on its first event) the seq of its latest event and how many it
 * has had, and the totals.
 * A checkpoint is a frozen clone; a typed array keeps 1,000 of them small.
 */
export class TimelineCursor {
  private constructor(
    public seq: number,
    public at: number,
    public lastSeq: Float64Array,
    public eventCounts: Float64Array,
    public retries: number,
    public recoveries: number,
    public events: number,
  ) {}

  static empty(): TimelineCursor {
    return new TimelineCursor(0, 0, new Float64Array(16), new Float64Array(16), 0, 0, 0);
  }

  /** A copy sized to the slots in use, so checkpoints keep no spare capacity. */
  clone(slots: number): TimelineCursor {
    const { seq, at, lastSeq, eventCounts, retries, recoveries, events } = this;
    return new TimelineCursor(seq, at, lastSeq.slice(0, slots), eventCounts.slice(0, slots), retries, recoveries, events);
  }

  apply(slot: number, e: CursorEvent): MomentKind | null {
    if (slot >= this.lastSeq.length) this.grow(slot + 1);
    const kind = momentOf(e);
    this.seq = e.seq;
    this.at = e.at;
    this.events++;
    this.lastSeq[slot] = e.seq;
    this.eventCounts[slot]!++;
    if (e.status === 'failed') this.retries++;
    if (kind === 'recovery') this.recoveries++;
    return kind;
  }

  private grow(slots: number): void {
    const size = Math.max(slots, this.lastSeq.length * 2);
    const lastSeq = new Float64Array(size);
    const eventCounts = new Float64Array(size);
    lastSeq.set(this.lastSeq);
    eventCounts.set(this.eventCounts);
    this.lastSeq = lastSeq;
    this.eventCounts = eventCounts;
  }
}
