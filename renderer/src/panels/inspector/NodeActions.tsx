import type { TaskStatus } from '@contract';
import { removeNodes } from '../../store/edits';
import { send } from '../../store/engine-client';
import { setAlwaysFail } from '../../store/fault-actions';
import { useFaultline } from '../../store/store';

const RETRYABLE: TaskStatus[] = ['failed', 'dead', 'blocked', 'cancelled', 'pending'];
const CANCELLABLE: TaskStatus[] = ['pending', 'running', 'failed'];

/** Per-node controls: retry, revert (with descendants), cancel, the always-fail override, delete. */
export function NodeActions({ id, status, readOnly }: { id: string; status: TaskStatus; readOnly: boolean }) {
  const alwaysFails = useFaultline((s) => s.faults.overrides[id]?.alwaysFail === true);
  return (
    <div className="node-actions">
      <div className="button-row">
        <button
          className="button"
          data-testid="task-retry"
          disabled={readOnly || !RETRYABLE.includes(status)}
          onClick={() => void send('task.retry', { id })}
          title="Run this node again (and what it blocked)"
        >
          ↻ Retry
        </button>
        <button
          className="button"
          data-testid="task-revert"
          disabled={readOnly || status === 'running'}
          onClick={() => void send('task.revert', { id })}
          title="Discard this node's output and its descendants', and recompute"
        >
          ⟲ Revert
        </button>
        <button
          className="button"
          data-testid="task-cancel"
          disabled={readOnly || !CANCELLABLE.includes(status)}
          onClick={() => void send('task.cancel', { id })}
          title="Cancel this node; its descendants are blocked"
        >
          ■ Cancel
        </button>
      </div>
      <label className="toggle" title="Fault override: every attempt of this node throws, so it ends dead">
        <input
          type="checkbox"
          checked={alwaysFails}
          disabled={readOnly}
          data-testid="always-fail"
          onChange={(e) => setAlwaysFail(id, e.currentTarget.checked)}
        />
        <span>Always fail</span>
      </label>
      <button className="button danger subtle" data-testid="delete-node" disabled={readOnly} onClick={() => void removeNodes([id])}>
        Delete node
      </button>
    </div>
  );
}
