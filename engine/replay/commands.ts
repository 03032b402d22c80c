import type Database from 'better-sqlite3';
import { fail, ok, type CommandResults, type ParsedPayload, type Result } from '../contract/index.js';
import { exportGif } from './export-gif.js';
import { ReplayError } from './replay-error.js';
import { Timeline } from './timeline.js';

export type ReplayCommandName = 'replay.info' | 'replay.stateAt' | 'replay.exportGif';
export type ReplayProgress = (done: number, total: number) => void;

/** One Timeline per connection: its checkpoints are the expensive part, and refresh() is cheap. */
const timelines = new WeakMap<Database.Database, Timeline>();

/** A new one when another pipeline was opened into the journal: a replay shows one pipeline's runs. */
function timelineOf(db: Database.Database): Timeline {
  let timeline = timelines.get(db);
  const current = (db.prepare('SELECT max(id) AS id FROM pipelines').get() as { id: number | null }).id ?? 0;
  if (!timeline || timeline.pipelineId !== current) timelines.set(db, (timeline = new Timeline(db)));
  else timeline.refresh();
  return timeline;
}

const HANDLERS: {
  [K in ReplayCommandName]: (timeline: Timeline, payload: ParsedPayload<K>, onProgress?: ReplayProgress) => Promise<CommandResults[K]>;
} = {
  'replay.info': async (timeline) => timeline.info(),
  'replay.stateAt': async (timeline, { seq }) => timeline.stateAt(seq),
  'replay.exportGif': async (timeline, { width, fps, speed, maxIdleMs }, onProgress) => {
    const gif = await exportGif(timeline, { width, fps, speed, maxIdleMs, ...(onProgress && { onProgress }) });
    return { dataUrl: `data:image/gif;base64,${gif.gif.toString('base64')}`, bytes: gif.gif.length, frames: gif.frames };
  },
};

/**
 * The engine side of the replay commands, for the Engine's execute(). Reads the journal through
 * db and never writes to it. Errors come back as data.
 */
export async function replayCommand<K extends ReplayCommandName>(
  db: Database.Database,
  name: K,
  payload: ParsedPayload<K>,
  onProgress?: ReplayProgress,
): Promise<Result<CommandResults[K]>> {
  try {
    return ok(await HANDLERS[name](timelineOf(db), payload, onProgress));
  } catch (e) {
    if (e instanceof ReplayError) return fail(e.kind === 'no_events' ? 'not_found' : 'bad_params', e.message);
    return fail('internal', `replay failed: ${(e as Error).message}`);
  }
}
