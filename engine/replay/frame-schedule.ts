import { ReplayError } from './replay-error.js';

export interface FrameClockOptions {
  fps: number;
  /** Video runs this many times faster than the journal's wall clock. */
  speed: number;
  /** Longer stretches without events are cut to this (wall-clock ms) before the speed-up. */
  maxIdleMs: number;
  /** Refuse (ReplayError too_many_frames) rather than render more frames than this. */
  maxFrames: number;
}

export interface ScheduledFrame {
  /** Show the state after this event. */
  seq: number;
  /** Wall-clock ms since the first event, for the frame's clock. */
  clockMs: number;
  /** How long the frame stays on screen, in ms (GIF delays are whole centiseconds). */
  delayMs: number;
  /** The opening frame (before any event) or the closing one (after the last). */
  role: 'start' | 'run' | 'end';
}

/** A moment before anything runs, so a viewer sees the graph idle first. */
export const START_HOLD_MS = 800;
/** The last frame stays up so the final statuses and the summary can be read. */
export const END_HOLD_MS = 3000;

/**
 * Maps the journal's event times onto video frames. Wall time is first compressed (idle gaps cut
 * to maxIdleMs), then divided by speed; frame i shows the last event whose compressed time is at
 * or before i frame steps. The clock keeps showing true wall time, so a cut gap shows as a jump.
 * Streams the events once: a long journal is never held in memory.
 */
export function scheduleFrames(events: Iterable<readonly [seq: number, at: number]>, o: FrameClockOptions): ScheduledFrame[] {
  const step = 1000 / o.fps;
  const span = step * o.speed; // compressed wall-clock ms covered by one frame
  const frames: ScheduledFrame[] = [];
  let prev: { seq: number; wall: number; compressed: number } | undefined;
  let startAt = 0;
  let shown = 0; // 'run' frames so far; frame k shows compressed time k * span
  for (const [seq, at] of events) {
    if (!prev) {
      startAt = at;
      frames.push({ seq: seq - 1, clockMs: 0, delayMs: START_HOLD_MS, role: 'start' });
      prev = { seq, wall: 0, compressed: 0 };
      continue;
    }
    const wall = at - startAt;
    const compressed = prev.compressed + Math.min(Math.max(0, wall - prev.wall), o.maxIdleMs);
    for (; shown * span < compressed; shown++) {
      if (frames.length >= o.maxFrames) throw new ReplayError(
          'too_many_frames',
          `the GIF would need more than ${o.maxFrames} frames: raise the speed-up, lower the fps, or squeeze idle gaps harder`,
        );
      const clockMs = prev.wall + (shown * span - prev.compressed);
      frames.push({ seq: prev.seq, clockMs, delayMs: delayOfFrame(shown, step), role: 'run' });
    }
    prev = { seq, wall, compressed };
  }
  if (prev) frames.push({ seq: prev.seq, clockMs: prev.wall, delayMs: END_HOLD_MS, role: 'end' });
  return frames;
}

/** Whole centiseconds (all a GIF stores) taken from a running total, so rounding never drifts. */
function delayOfFrame(k: number, step: number): number {
  const centis = (ms: number) => Math.round(ms / 10) * 10;
  return centis((k + 1) * step) - centis(k * step);
}
