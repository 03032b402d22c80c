import type { ImageDiff } from '@contract';
import { useState } from 'react';
import { send } from '../../store/engine-client';

/** For an output that came out different: the run's, the fault-free one, and where they differ. */
export function DiffView({ nodeId }: { nodeId: string }) {
  const [diff, setDiff] = useState<ImageDiff | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!diff) {
    return (
      <span>
        <button
          className="button small"
          data-testid="verify-diff-open"
          onClick={() =>
            void send('run.verifyDiff', { id: nodeId }, { quiet: true }).then((r) => (r.ok ? setDiff(r.value) : setProblem(r.error.message)))
          }
        >
          Show where
        </button>
        {problem && <span className="field-error">{problem}</span>}
      </span>
    );
  }
  const share = ((diff.differingPixels / diff.pixels) * 100).toFixed(2);
  return (
    <figure className="verify-diff" data-testid="verify-diff" data-differing={diff.differingPixels}>
      <div className="verify-diff-images">
        <img src={diff.run} alt={`${nodeId} as the run wrote it`} title="as the run wrote it" />
        <img src={diff.faultFree} alt={`${nodeId} from a fault-free run`} title="from a fault-free run" />
        <img src={diff.diff} alt={`where ${nodeId} differs`} title="differing pixels in red" />
      </div>
      <figcaption>
        the run · fault-free · {diff.differingPixels} of {diff.pixels} pixels differ ({share}%)
      </figcaption>
    </figure>
  );
}
