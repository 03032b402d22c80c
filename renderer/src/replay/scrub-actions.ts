import { DEFAULT_MAX_IDLE_MS, type ReplayMark } from '@contract';
import { send } from '../store/engine-client';
import { useFaultline } from '../store/store';
import type { PlaySpeed, ReplayView } from '../store/types';
import { replayTasksOf } from './replay-tasks';
import { seqAtTime, skipIdle, timeAtSeq, type TimeAnchor } from './seq-at-time';

type Scrub = Extract<ReplayView, { mode: 'scrub' }>;
const PLAY_TICK_MS = 100;

const scrubState = (): Scrub | null => {
  const replay = useFaultline.getState().replay;
  return replay.mode === 'scrub' ? replay : null;
};
const patchScrub = (patch: Partial<Scrub>) => useFaultline.setState((s) => (s.replay.mode === 'scrub' ? { replay: { ...s.replay, ...patch } } : {}));

/** Known (seq, time) pairs: the run's ends, its marks, and the journal rows this page holds. */
function anchors(scrub: Scrub): TimeAnchor[] {
  const { info } = scrub;
  const known = new Map<number, number>([
    [info.firstSeq, info.startAt],
    [info.lastSeq, info.endAt],
  ]);
  for (const mark of info.marks) known.set(mark.seq, mark.at);
  for (const row of useFaultline.getState().journal) if (row.seq >= info.firstSeq && row.seq <= info.lastSeq) known.set(row.seq, row.at);
  return [...known].map(([seq, at]) => ({ seq, at })).sort((a, b) => a.seq - b.seq);
}

// Dragging asks for many moments; only the newest matters, and one request is in flight at a time.
let wantedSeq: number | null = null;
let fetching = false;

async function fetchWanted(): Promise<void> {
  fetching = true;
  while (wantedSeq !== null) {
    const seq = wantedSeq;
    wantedSeq = null;
    const state = await send('replay.stateAt', { seq }, { quiet: true });
    if (!scrubState()) break;
    if (state.ok) patchScrub({ state: state.value, tasks: replayTasksOf(state.value, useFaultline.getState().tasks), problem: null });
    else patchScrub({ problem: `Cannot show #${seq}: ${state.error.message}` });
  }
  fetching = false;
}

export function seekTo(seq: number): void {
  const scrub = scrubState();
  if (!scrub) return;
  const clamped = Math.min(scrub.info.lastSeq, Math.max(scrub.info.firstSeq, Math.round(seq)));
  patchScrub({ seq: clamped });
  wantedSeq = clamped;
  if (!fetching) void fetchWanted();
}

/** Switches the canvas to the journal's past; where replay is unavailable, says why and stays live. */
export async function enterScrub(): Promise<void> {
  const info = await send('replay.info', {}, { quiet: true });
  if (!info.ok) {
    useFaultline.setState({ replay: { mode: 'live', problem: `Replay unavailable: ${info.error.message}` } });
    return;
  }
  if (info.value.lastSeq <= info.value.firstSeq) {
    useFaultline.setState({ replay: { mode: 'live', problem: 'Nothing to replay yet: run the pipeline first.' } });
    return;
  }
  useFaultline.setState({ replay: { mode: 'scrub', info: info.value, seq: info.value.lastSeq, state: null, tasks: {}, speed: null, problem: null } });
  seekTo(info.value.lastSeq);
}

let playTimer: ReturnType<typeof setInterval> | null = null;

export function stopPlaying(): void {
  if (playTimer) clearInterval(playTimer);
  playTimer = null;
  patchScrub({ speed: null });
}

/** Plays the journal at 1×, 4× or 16× wall-clock speed from the current position; idle stretches are cut short. */
export function play(speed: PlaySpeed): void {
  const scrub = scrubState();
  if (!scrub) return;
  stopPlaying();
  const timeline = anchors(scrub);
  const startSeq = scrub.seq >= scrub.info.lastSeq ? scrub.info.firstSeq : scrub.seq;
  let clock = timeAtSeq(timeline, startSeq);
  patchScrub({ speed });
  seekTo(startSeq);
  playTimer = setInterval(() => {
    clock = skipIdle(timeline, clock + PLAY_TICK_MS * speed, DEFAULT_MAX_IDLE_MS);
    const seq = seqAtTime(timeline, clock);
    seekTo(seq);
    if (seq >= scrub.info.lastSeq) stopPlaying();
  }, PLAY_TICK_MS);
}

export function leaveScrub(): void {
  stopPlaying();
  wantedSeq = null;
  useFaultline.setState({ replay: { mode: 'live', problem: null } });
}

/** The next mark after the current position of the given kinds, if any. */
export function jumpToNext(kinds: ReadonlyArray<ReplayMark['kind']>): void {
  const scrub = scrubState();
  const next = scrub?.info.marks.find((m) => m.seq > scrub.seq && kinds.includes(m.kind));
  if (next) {
    stopPlaying();
    seekTo(next.seq);
  }
}
