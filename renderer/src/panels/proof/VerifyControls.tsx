import { allProven, verdictLine } from '@contract';
import { useEffect, useRef } from 'react';
import { useEngineReady, useIsScrubbing, useVerdict } from '../../store/selectors';
import { useFaultline } from '../../store/store';
import { ProgressBar } from '../../ui/ProgressBar';
import { cancelVerification, verifyAfterEveryRun, verifyRun } from './verify-actions';

/** With "verify after every run" on, each run that completes is verified once, from this page. */
function useAutoVerify(runId: number | null, completed: boolean, verified: boolean) {
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (runId === null || !completed || verified || asked.current === runId || !verifyAfterEveryRun()) return;
    asked.current = runId;
    void verifyRun('auto');
  }, [runId, completed, verified]);
}

/** Beside the run status: Verify, its progress, then the verdict in one line. */
export function VerifyControls() {
  const run = useFaultline((s) => s.run);
  const progress = useFaultline((s) => s.verifyProgress);
  const verdict = useVerdict();
  const ready = useEngineReady();
  const completed = run?.status === 'completed';
  const scrubbing = useIsScrubbing();
  useAutoVerify(run?.id ?? null, completed, verdict !== null);
  // Replaying the past, the run's verdict is not that moment's: the REPLAY badge is what shows.
  if (!run || !completed || scrubbing) return null;
  if (progress?.state === 'running' && progress.runId === run.id) {
    return (
      <span className="verify-busy">
        <ProgressBar done={progress.done} total={progress.total} testId="verify-progress" what="tasks recomputed" />
        <span className="verify-text">
          verifying {progress.done}/{progress.total}
        </span>
        <button className="button small" data-testid="verify-cancel" onClick={cancelVerification}>
          Cancel
        </button>
      </span>
    );
  }
  if (verdict) {
    const all = allProven(verdict);
    return (
      <span
        className={`verify-verdict ${all ? 'identical' : 'different'}`}
        data-testid="verify-verdict"
        data-verdict={all ? 'identical' : 'different'}
        title="Every output was computed again with no faults and nothing reused, then compared byte for byte"
      >
        {all ? '✓' : '✗'} {verdictLine(verdict)}
      </span>
    );
  }
  return (
    <button
      className="button verify-button"
      data-testid="verify-run"
      disabled={!ready}
      title="Compute every output again with no faults and nothing reused, and compare byte for byte"
      onClick={() => void verifyRun()}
    >
      ✓ Verify
    </button>
  );
}
