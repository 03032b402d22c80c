import { send } from '../store/engine-client';
import { startRun } from '../store/fault-actions';
import { useEngineReady, useIsScrubbing } from '../store/selectors';
import { useFaultline } from '../store/store';
import { VerifyControls } from './proof/VerifyControls';

const RUN_WORDS: Record<string, string> = {
  none: 'Nothing has run in this pipeline yet',
  running: 'The engine is running this pipeline',
  paused: 'Paused: running tasks finish, nothing new starts',
  completed: 'Every output completed',
  failed: 'Some node died: its retries ran out, or its error is permanent',
  cancelled: 'Stopped by hand: the run, or a node, was cancelled',
};

/** Run, pause, resume, cancel: each shown only when the engine's run status allows it. */
export function RunControls() {
  const status = useFaultline((s) => s.run?.status ?? null);
  const outcome = useFaultline((s) => s.run?.outcome ?? null);
  const scrubbing = useIsScrubbing();
  const ready = useEngineReady();
  const halted = useFaultline((s) => s.halted);
  const active = status === 'running' || status === 'paused';
  if (ready && halted) {
    // The engine is up but records nothing more: no control here could do anything true.
    return (
      <div className="run-controls" role="group" aria-label="run">
        <button className="button primary" data-testid="run-start" disabled>
          ▶ Run
        </button>
        <span className="run-status run-halted" data-testid="run-status" data-status="halted" title={halted}>
          stopped: journal failed
        </span>
        <span className="run-outcome run-halted-reason" data-testid="run-halted" title={halted}>
          {halted}
        </span>
      </div>
    );
  }
  if (!ready) {
    // Whatever the engine last said is no longer known to be true: nothing here claims a run.
    return (
      <div className="run-controls" role="group" aria-label="run">
        <button className="button primary" data-testid="run-start" disabled>
          ▶ Run
        </button>
        <span
          className="run-status run-unknown"
          data-testid="run-status"
          data-status="unknown"
          title="The engine is not reachable: its run state is unknown"
        >
          engine unreachable
        </span>
      </div>
    );
  }
  return (
    <div className="run-controls" role="group" aria-label="run">
      {!active && (
        <button className="button primary" data-testid="run-start" disabled={scrubbing} onClick={() => void startRun()}>
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
      <span
        className={`run-status run-${status ?? 'none'}`}
        data-testid="run-status"
        data-status={status ?? 'none'}
        title={outcome ?? RUN_WORDS[status ?? 'none']}
      >
        {status === null ? 'not run yet' : status}
      </span>
      {!active && outcome && (
        <span className="run-outcome" data-testid="run-outcome">
          {outcome}
        </span>
      )}
      <VerifyControls />
    </div>
  );
}
