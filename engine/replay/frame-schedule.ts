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
  /** Show the state right after this event. */
  seq: number;
  /** Wall-clock ms since the first event, for the frame's clock. */
  clockMs: number;
  /** How long the frame stays on screen, in ms (GIF delays are whole centiseconds). */
  delayMs: number;
  /**
   * start: before any event; run: the regular tick of the clock; moment: a fault or recovery
   * held on screen, since a failed state often lasts less than one tick; end: the final state.
   */
  role: 'start' | 'run' | 'moment' | 'end';
}

/** A moment before anything runs, so a viewer sees the graph idle first. */
export const START_HOLD_MS = 800;
/** How long a fault or recovery is held, in video time. */
export const MOMENT_HOLD_MS = 400;
/** The last frame stays up so the final statuses and the summary can be read. */
export const END_HOLD_MS = 3000;

/**
 * Maps the journal's event times onto video frames. Wall time is first compressed (idle gaps cut
 * to maxIdleMs), then divided by speed; frame k shows the last event at or before k ticks. The
 * clock shows true wall time, so a cut gap shows as a jump. The first mark (fault or recovery)
 * after each tick also gets a held frame of its own, so no fault happens between two frames
 * unseen; at most one per tick, so a journal full of faults stays bounded.
 * Streams the events once: a long journal is never held in memory.
 */
export function scheduleFrames(events: Iterable<readonly [seq: number, at: number, isMark: boolean]>, o: FrameClockOptions): ScheduledFrame[] {
  const step = 1000 / o.fps;
  const span = step * o.speed; // compressed wall-clock ms covered by one tick
  const frames: ScheduledFrame[] = [];
  const push = (frame: ScheduledFrame) => {
    if (frames.length >= o.maxFrames) {
      throw new ReplayError(
        'too_many_frames',
        `the GIF would need more than ${o.maxFrames} frames: raise the speed-up, lower the fps, or squeeze idle gaps harder`,
      );
    }
    frames.push(frame);
  };
  let prev: { seq: number; wall: number; compressed: number } | undefined;
  let startAt = 0;
  let ticks = 0; // tick k shows compressed time k * span
  let momentFree = true;
  for (const [seq, at, isMark] of events) {
    if (!prev) {
      startAt = at;
      push({ seq: seq - 1, clockMs: 0, delayMs: START_HOLD_MS, role: 'start' });
    }
    const wall = at - startAt;
    const compressed = prev ? prev.compressed + Math.min(Math.max(0, wall - prev.wall), o.maxIdleMs) : 0;
    for (; prev && ticks * span < compressed; ticks++) {
      push({ seq: prev.seq, clockMs: prev.wall + (ticks * span - prev.compressed), delayMs: tickDelay(ticks, step), role: 'run' });
      momentFree = true;
    }
    if (isMark && momentFree) {
      push({ seq, clockMs: wall, delayMs: MOMENT_HOLD_MS, role: 'moment' });
      momentFree = false;
    }
    prev = { seq, wall, compressed };
  }
  if (prev) push({ seq: prev.seq, clockMs: prev.wall, delayMs: END_HOLD_MS, role: 'end' });
  return frames;
}

/** Whole centiseconds (all a GIF stores) taken from a running total, so rounding never drifts. */
function tickDelay(k: number, step: number): number {
  const centis = (ms: number) => Math.round(ms / 10) * 10;
  return centis((k + 1) * step) - centis(k * step);
}

/** A run shorter than this many ticks is slowed down until it has them: a 1 s run stays watchable. */
export const MIN_RUN_FRAMES = 24;
/** ... but never slower than this: past it, the moments' own held frames carry a short run. */
const MIN_SPEED = 0.25;

/**
 * The speed-up a replay actually uses: the one asked for, or less for a short run, so that
 * its failures and recoveries are spread over enough frames to follow. Needs the run's length
 * after idle gaps are cut, which is one more pass over the event times.
 */
export function pacedSpeed(
  events: Iterable<readonly [seq: number, at: number, isMark: boolean]>,
  o: Pick<FrameClockOptions, 'fps' | 'speed' | 'maxIdleMs'>,
): number {
  let compressed = 0;
  let last: number | undefined;
  for (const [, at] of events) {
    if (last !== undefined) compressed += Math.min(Math.max(0, at - last), o.maxIdleMs);
    last = at;
  }
  const fitting = compressed / (MIN_RUN_FRAMES * (1000 / o.fps));
  return Math.min(o.speed, Math.max(MIN_SPEED, fitting));
}
