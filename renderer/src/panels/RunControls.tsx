import { send } from '../store/engine-client';
import { useIsScrubbing } from '../store/selectors';
import { useFaultline } from '../store/store';

/** Run, pause, resume, cancel: each shown only when the engine's run status allows it. */
export function RunControls() {
  const status = useFaultline((s) => s.run?.status ?? null);
  const scrubbing = useIsScrubbing();
  const active = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" role="group" aria-label="run">
      {!active && (
        <button className="button primary" data-testid="run-start" disabled={scrubbing} onClick={() => void send('run.start', {})}>
          ▶ Run
        </button>
      )}
      {status === 'running' && (
        <button className="button" data-testid="run-pause" onClick={() => void send('run.pause', {})}>
          ❚❚ Pause
        </button>
      )}
      {status === 'paused' && (
        <button className="button primary" data-testid="run-resume" onClick={() => void send('run.resume', {})}>
          ▶ Resume
        </button>
      )}
      {active && (
        <button className="button danger" data-testid="run-cancel" onClick={() => void send('run.cancel', {})}>
          ■ Cancel
        </button>
      )}
      <span className={`run-status run-${status ?? 'none'}`} data-testid="run-status" data-status={status ?? 'none'}>
        {status === null ? 'not run yet' : status}
      </span>
    </div>
  );
}
