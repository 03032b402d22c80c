import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { COMMAND_SCHEMAS } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { openJournalToRead } from '../journal/journal-to-read.js';
import { exportGif } from '../replay/export-gif.js';
import { ReplayError } from '../replay/replay-error.js';
import { Timeline } from '../replay/timeline.js';
import { parseOptions } from './parse-options.js';
import { Progress } from './progress.js';
import { flagHelp, parseFlags, schemaFlags } from './schema-flags.js';

/** The UI's replay.exportGif fields, ranges and defaults, as flags: one schema for both. */
const GIF_SCHEMA = COMMAND_SCHEMAS['replay.exportGif'];
const GIF_FLAGS = schemaFlags(GIF_SCHEMA, {
  width: 'frame width in pixels',
  fps: 'frames per second',
  speed: 'play this many times faster than the run took',
  maxIdleMs: 'cut stretches without events down to this before the speed-up',
});

const HELP = `usage: faultline replay JOURNAL --gif OUT.gif [options]

Renders the journal's run as an animated GIF: every task's status, attempts and output
thumbnail over time, with a caption for each fault and recovery. Progress goes to stderr.

  --gif FILE            where to write the GIF (required)
${flagHelp(GIF_FLAGS).join('\n')}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { gif: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, GIF_FLAGS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new EngineError('usage', 'replay needs exactly one journal file');
  if (!values.gif) throw new EngineError('usage', 'replay needs --gif OUT.gif (where to write the animation)');
  const gifOptions = parseFlags(GIF_SCHEMA, GIF_FLAGS, values, {});
  const reading = openJournalToRead(resolve(file));
  const { journal } = reading;
  try {
    const progress = new Progress();
    const onProgress = (done: number, total: number) => progress.update(done, total, stepText(done, total));
    const result = await exportGif(new Timeline(journal.db), { ...gifOptions, onProgress }).finally(() => progress.finish());
    await writeFile(values.gif, result.gif);
    const mb = (result.gif.length / 1024 / 1024).toFixed(2);
    console.log(
      `wrote ${values.gif}: ${result.frames} frames, ${(result.durationMs / 1000).toFixed(1)} s, ${mb} MB, ${result.width}×${result.height} px`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof ReplayError)) throw e;
    console.error(`faultline replay: ${e.kind}: ${e.message}`);
    return 1;
  } finally {
    reading.close();
  }
}

/**
 * exportGif counts the frames it schedules, then one step for the encoding. (The GIF holds a
 * different number: a title and a summary card are added, and unchanged frames merged.)
 */
function stepText(done: number, total: number): string {
  const frames = total - 1;
  return done < frames ? `rendering frame ${done}/${frames}` : done === frames ? 'encoding the GIF' : 'encoded the GIF';
}
