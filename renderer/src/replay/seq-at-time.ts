/** A journal event we know the time of. */
export interface TimeAnchor {
  seq: number;
  at: number;
}

/**
 * The journal position playback should show at wall-clock time `t`: the last known event at or
 * before `t`, or, between two known events that have unknown ones in between, a linear guess.
 * Anchors must be sorted by seq (and so by time).
 */
export function seqAtTime(anchors: readonly TimeAnchor[], t: number): number {
  if (anchors.length === 0) return 0;
  if (t <= anchors[0]!.at) return anchors[0]!.seq;
  let low = 0;
  let high = anchors.length - 1;
  if (t >= anchors[high]!.at) return anchors[high]!.seq;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (anchors[mid]!.at <= t) low = mid;
    else high = mid;
  }
  const before = anchors[low]!;
  const after = anchors[high]!;
  if (after.seq - before.seq <= 1 || after.at === before.at) return before.seq;
  return before.seq + Math.floor(((t - before.at) / (after.at - before.at)) * (after.seq - before.seq));
}

/** The time of a journal position, by the same anchors (for the playback clock). */
export function timeAtSeq(anchors: readonly TimeAnchor[], seq: number): number {
  const next = anchors.findIndex((a) => a.seq >= seq);
  if (next <= 0) return anchors[next === -1 ? anchors.length - 1 : 0]?.at ?? 0;
  const before = anchors[next - 1]!;
  const after = anchors[next]!;
  return before.at + ((seq - before.seq) / (after.seq - before.seq)) * (after.at - before.at);
}

/**
 * The playback clock with idle stretches cut, like the GIF's and the CLI's --max-idle-ms: once
 * the clock is maxIdleMs into a gap between two known events, it jumps to the next event.
 */
export function skipIdle(anchors: readonly TimeAnchor[], clock: number, maxIdleMs: number): number {
  const next = anchors.findIndex((a) => a.at > clock);
  if (next <= 0) return clock;
  const before = anchors[next - 1]!;
  const after = anchors[next]!;
  return after.at - before.at > maxIdleMs && clock - before.at >= maxIdleMs ? after.at : clock;
}
