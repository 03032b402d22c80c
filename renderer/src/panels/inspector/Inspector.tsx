import { isOpName, OP_SPECS } from '@contract';
import { useThumbnail } from '../../canvas/use-thumbnail';
import { useReadOnly, useShownTask } from '../../store/selectors';
import { useFaultline } from '../../store/store';
import { StatusPill } from '../../ui/StatusPill';
import { openViewer } from '../../viewer/viewer-store';
import { RunSummary } from '../proof/RunSummary';
import { NodeActions } from './NodeActions';
import { NodeJournal } from './NodeJournal';
import { ParamsForm } from './ParamsForm';
import { SinkExport } from './SinkExport';

function SelectedNode({ id }: { id: string }) {
  const task = useShownTask(id);
  const readOnly = useReadOnly();
  const thumbnail = useThumbnail(id, task?.contentKey ?? null, task?.status === 'completed', 256);
  if (!task) return null;
  const label = isOpName(task.op) ? OP_SPECS[task.op].label : task.op;
  return (
    <div className="inspector-body" data-testid="inspector" data-node-id={id}>
      <header className="inspector-header">
        <div>
          <div className="inspector-op">{label}</div>
          <div className="inspector-id">{id}</div>
        </div>
        <StatusPill status={task.status} />
      </header>
      <div className="inspector-facts">
        <span>attempt {task.attempt}</span>
        {task.worker !== null && <span>worker {task.worker}</span>}
        {task.message && <span className="inspector-message">{task.message}</span>}
      </div>
      {task.problem && (
        <div className="problem-detail" data-testid="inspector-problem">
          <div className="error-kind">cannot run</div>
          <p>{task.problem}</p>
        </div>
      )}
      {task.note && (
        <p className="note-detail" data-testid="inspector-note">
          {task.note}
        </p>
      )}
      {task.errorMessage && (
        <div className="error-detail" data-testid="error-detail">
          <div className="error-kind">{task.errorKind ?? 'error'}</div>
          <pre>{task.errorMessage}</pre>
        </div>
      )}
      {thumbnail && (
        <>
          <img
            className="inspector-preview viewable"
            src={thumbnail}
            alt={`output of ${id}`}
            onClick={() => openViewer(id)}
            title="Open at full size"
          />
          <button type="button" className="button" data-testid="view-output" onClick={() => openViewer(id)}>
            View full size
          </button>
        </>
      )}
      <SinkExport id={id} />
      <h3 className="section-title">Parameters</h3>
      <ParamsForm key={id} id={id} op={task.op} readOnly={readOnly} />
      <h3 className="section-title">Controls</h3>
      <NodeActions id={id} status={task.status} readOnly={readOnly} />
      <h3 className="section-title">History</h3>
      <NodeJournal id={id} />
    </div>
  );
}

/** The side panel for the selected node: full error, params, controls, its journal. */
export function Inspector() {
  const selectedId = useFaultline((s) => s.selectedId);
  return (
    <aside className="panel inspector" aria-label="inspector">
      {selectedId ? (
        <SelectedNode id={selectedId} />
      ) : (
        <div className="inspector-empty">
          <RunSummary />
          <h2 className="panel-title">Inspector</h2>
          <p className="muted">Select a node to see its output, parameters, errors and history.</p>
          <p className="muted">
            Connect an output (right) to an input (left) to wire nodes. Delete or Backspace removes the selection. Ctrl+Z undoes.
          </p>
        </div>
      )}
    </aside>
  );
}
