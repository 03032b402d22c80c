import type { ReplayMark } from '@contract';
import { memo } from 'react';
import { useEngineReady } from '../store/selectors';
import { useFaultline } from '../store/store';
import type { PlaySpeed } from '../store/types';
import { ProgressBar } from '../ui/ProgressBar';
import { exportGif } from './export-gif';
import { enterScrub, jumpToNext, leaveScrub, play, seekTo, stopPlaying } from './scrub-actions';

const SPEEDS: PlaySpeed[] = [1, 4, 16];
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

const MarkTicks = memo(function MarkTicks({ marks, first, last }: { marks: ReplayMark[]; first: number; last: number }) {
  return (
    <div className="scrub-marks" aria-hidden>
      {marks.map((m) => (
        <span
          key={`${m.seq}-${m.kind}`}
          className={`scrub-mark mark-${m.kind}`}
          style={{ left: `${((m.seq - first) / Math.max(1, last - first)) * 100}%` }}
          title={`#${m.seq} ${m.label}`}
        />
      ))}
    </div>
  );
});

function GifButton() {
  const gif = useFaultline((s) => s.gifExport);
  const ready = useEngineReady();
  const busy = gif !== null && !gif.finished;
  return (
    <div className="gif-export">
      <button className="button" data-testid="export-gif" disabled={busy || !ready} onClick={() => void exportGif()}>
        {busy ? 'Rendering GIF…' : '⬇ Export GIF'}
      </button>
      {busy && <ProgressBar done={gif.done} total={gif.total} testId="gif-progress" what="frames" />}
      {gif?.error && (
        <span className="scrub-problem" data-testid="gif-error">
          GIF failed: {gif.error}
        </span>
      )}
    </div>
  );
}

/** The time scrubber: drag through the journal; the canvas and counters show that moment. */
export function Scrubber() {
  const replay = useFaultline((s) => s.replay);
  const ready = useEngineReady();
  if (replay.mode === 'live') {
    return (
      <div className="scrubber live" data-testid="scrubber" data-mode="live">
        <button className="button" data-testid="replay-enter" disabled={!ready} onClick={() => void enterScrub()}>
          ↺ Replay
        </button>
        <div className="scrub-track-live">
          <span className="live-dot" /> LIVE
        </div>
        {replay.problem && (
          <span className="scrub-problem" data-testid="replay-problem" role="status">
            {replay.problem}
          </span>
        )}
        <GifButton />
      </div>
    );
  }
  const { info, seq, state, speed, problem } = replay;
  return (
    <div className="scrubber scrubbing" data-testid="scrubber" data-mode="scrub">
      <button className="button primary" data-testid="replay-live" onClick={leaveScrub} title="Back to the live engine">
        ● Live
      </button>
      <div className="speed-group" role="group" aria-label="play speed">
        {speed !== null ? (
          <button className="button icon" data-testid="replay-stop" onClick={stopPlaying}>
            ❚❚
          </button>
        ) : null}
        {SPEEDS.map((s) => (
          <button key={s} className={`button speed${speed === s ? ' active' : ''}`} data-testid={`replay-play-${s}`} onClick={() => play(s)}>
            ▶ {s}×
          </button>
        ))}
      </div>
      <button className="button" data-testid="replay-next-failure" onClick={() => jumpToNext(['failure', 'dead'])} title="Jump to the next failure">
        » failure
      </button>
      <button className="button" data-testid="replay-next-recovery" onClick={() => jumpToNext(['recovery'])} title="Jump to the next recovery">
        » recovery
      </button>
      <div className="scrub-track">
        <MarkTicks marks={info.marks} first={info.firstSeq} last={info.lastSeq} />
        <input
          type="range"
          min={info.firstSeq}
          max={info.lastSeq}
          step={1}
          value={seq}
          data-testid="replay-slider"
          style={{ '--fill': `${((seq - info.firstSeq) / Math.max(1, info.lastSeq - info.firstSeq)) * 100}%` }}
          onChange={(e) => {
            stopPlaying();
            seekTo(Number(e.currentTarget.value));
          }}
        />
      </div>
      <span className="scrub-position" data-testid="replay-position">
        #{seq} / {info.lastSeq}
        {state ? ` · ${clock.format(state.at)}` : ''}
      </span>
      {problem && (
        <span className="scrub-problem" role="status">
          {problem}
        </span>
      )}
      <GifButton />
    </div>
  );
}
