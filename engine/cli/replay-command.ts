import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { COMMAND_SCHEMAS, DEFAULT_MAX_IDLE_MS } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { openJournalToRead } from '../journal/journal-to-read.js';
import { exportGif } from '../replay/export-gif.js';
import { ReplayError } from '../replay/replay-error.js';
import { Timeline } from '../replay/timeline.js';
import { numberOption, parseOptions } from './parse-options.js';
import { statusLine } from './status-line.js';

const HELP = `usage: faultline replay JOURNAL --gif OUT.gif [options]

Renders the journal's run as an animated GIF: every task's status, attempts and output
thumbnail over time, with a caption for each fault and recovery.

  --gif FILE          where to write the GIF (required)
  --width PX          frame width, 200 to 1920 (default 800)
  --fps N             frames per second, 1 to 30 (default 8)
  --speed X           play this many times faster than the run took (default 4)
  --max-idle-ms MS    cut stretches without events down to this before the speed-up (default ${DEFAULT_MAX_IDLE_MS})`;

const OPTIONS = {
  gif: { type: 'string' },
  width: { type: 'string' },
  fps: { type: 'string' },
  speed: { type: 'string' },
  'max-idle-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new EngineError('usage', 'replay needs exactly one journal file');
  if (!values.gif) throw new EngineError('usage', 'replay needs --gif OUT.gif (where to write the animation)');
  const gifOptions = parseGifOptions(values);
  const maxIdleMs = numberOption(values['max-idle-ms'], 'max-idle-ms', 0, 3_600_000, true) ?? DEFAULT_MAX_IDLE_MS;
  const reading = openJournalToRead(resolve(file));
  const { journal } = reading;
  try {
    const progress = terminalProgress();
    const result = await exportGif(new Timeline(journal.db), { ...gifOptions, maxIdleMs, onProgress: progress.update }).finally(progress.done);
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

/** The same ranges and defaults as the UI's replay.exportGif command: one schema for both. */
function parseGifOptions(values: { width?: string; fps?: string; speed?: string }) {
  const asNumber = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const parsed = COMMAND_SCHEMAS['replay.exportGif'].safeParse({
    width: asNumber(values.width),
    fps: asNumber(values.fps),
    speed: asNumber(values.speed),
  });
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
  throw new EngineError('usage', 'invalid replay options', details);
}

/** "rendering frame N/M", then "encoding". */
function terminalProgress() {
  const line = statusLine();
  return {
    update: (done: number, total: number) => {
      const frames = total - 1; // the last step is encoding
      line.show(done < frames ? `rendering frame ${done}/${frames}` : done === frames ? `encoding ${frames} frames` : 'encoded', done === total);
    },
    done: line.done,
  };
}
