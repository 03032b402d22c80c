import { Handle, Position, type NodeProps } from '@xyflow/react';
import { isOpName, isProven, OP_SPECS } from '@contract';
import { memo } from 'react';
import { inputHandle, OUTPUT_HANDLE, type OpFlowNode } from '../store/flow-model';
import { useIsScrubbing, useShownTask, useVerdict } from '../store/selectors';
import { useFaultline } from '../store/store';
import { StatusPill } from '../ui/StatusPill';
import { openViewer } from '../viewer/viewer-store';
import '../photos/photos.css';
import { ItemProgress } from '../batch/ItemProgress';
import { glyphOf } from './op-glyphs';
import { useThumbnail } from './use-thumbnail';

/** Names for the input slots of ops with more than one (overlay: base, then top). */
const SLOT_NAMES: Record<string, string[]> = { overlay: ['base', 'top'] };
const MAX_DRAWN_INPUTS = 8;

function inputCount(op: string): number {
  return isOpName(op) ? Math.min(OP_SPECS[op].arity.max, MAX_DRAWN_INPUTS) : 1;
}

const fileNameOf = (path: unknown): string | null => (typeof path === 'string' && path ? (path.split(/[\\/]/).pop() ?? path) : null);

/** One component for every op: the op decides the handles; the task decides colour and text. */
function OpNodeView({ id, data, selected }: NodeProps<OpFlowNode>) {
  const task = useShownTask(id);
  const alwaysFails = useFaultline((s) => s.faults.overrides[id]?.alwaysFail === true);
  // A sink's verdict, while the page shows the run it belongs to (not while scrubbing the past).
  const shown = useVerdict();
  const verdict = useIsScrubbing() ? undefined : shown?.sinks.find((v) => v.nodeId === id);
  const proven = verdict !== undefined && isProven(verdict);
  const status = task?.status ?? 'pending';
  const thumbnail = useThumbnail(id, task?.contentKey ?? null, status === 'completed');
  const inputs = inputCount(data.op);
  const label = isOpName(data.op) ? OP_SPECS[data.op].label : data.op;
  // A photo (or a folder of them) is known by its name, not by the op that loads it.
  const path = useFaultline((s) => (data.op === 'load' || data.op === 'folder' ? s.tasks[id]?.params['path'] : undefined));
  const fileName = fileNameOf(path);
  const detail = status === 'failed' || status === 'dead' ? (task?.errorMessage ?? task?.message) : task?.message;

  return (
    <div
      className={`op-node status-${status}${selected ? ' selected' : ''}`}
      data-testid="op-node"
      data-node-id={id}
      data-op={data.op}
      data-status={status}
      data-attempt={task?.attempt ?? 0}
      data-problem={task?.problem ? 'yes' : 'no'}
    >
      {Array.from({ length: inputs }, (_, slot) => (
        <Handle
          key={slot}
          type="target"
          position={Position.Left}
          id={inputHandle(slot)}
          style={{ top: `${((slot + 1) * 100) / (inputs + 1)}%` }}
          data-testid={`handle-in-${slot}`}
          title={SLOT_NAMES[data.op]?.[slot] ?? 'input'}
        />
      ))}
      <header className="op-node-header">
        <span className="op-glyph">{glyphOf(data.op)}</span>
        {/* A photo (or folder) is named by its file: the glyph says it is a load. */}
        {fileName ? (
          <span className="op-file" data-testid="node-file" title={`${label}: ${String(path)}`}>
            {fileName}
          </span>
        ) : (
          <span className="op-label">{label}</span>
        )}
        {alwaysFails && (
          <span className="op-flag" title="fault override: this node always fails">
            always fails
          </span>
        )}
        {task?.problem && (
          <span className="op-warning" data-testid="node-problem" title={`cannot run: ${task.problem}`}>
            ⚠
          </span>
        )}
        {task?.note && !task.problem && (
          <span className="op-note" data-testid="node-note" title={task.note}>
            ⓘ
          </span>
        )}
        <span className="op-id">{id}</span>
      </header>
      <div className="op-node-body">
        <div
          className={`op-thumb${thumbnail ? ' viewable' : ''}`}
          data-testid="node-thumbnail"
          title={thumbnail ? 'Open the output at full size' : undefined}
          onClick={thumbnail ? () => openViewer(id) : undefined}
        >
          {thumbnail ? <img src={thumbnail} alt="" draggable={false} /> : <span>{glyphOf(data.op)}</span>}
          {verdict && (
            <span
              className={`op-verdict ${proven ? 'identical' : 'different'}`}
              data-testid="node-verdict"
              data-verdict={proven ? 'identical' : 'different'}
              title={
                proven
                  ? `byte-identical to a fault-free run: sha256 ${verdict.expected}`
                  : verdict.identical
                    ? `identical, but its exported file is ${verdict.exported}`
                    : `DIFFERENT: the run wrote ${verdict.expected}, a fault-free run gives ${verdict.actual}`
              }
            >
              {proven ? `✓ ${verdict.expected?.slice(0, 4)}` : '✗'}
            </span>
          )}
        </div>
        {task?.items ? (
          <ItemProgress id={id} counts={task.items} />
        ) : (
          <div className="op-state">
            <StatusPill status={status} />
            <span className="op-attempt" data-testid="node-attempt">
              {task && task.attempt > 1 ? `attempt ${task.attempt}` : task?.attempt === 1 ? '1st attempt' : '—'}
            </span>
            <span className={`op-message${task?.problem ? ' problem' : ''}`} title={task?.problem ?? detail ?? ''}>
              {task?.problem ? `cannot run: ${task.problem}` : (detail ?? '')}
            </span>
          </div>
        )}
      </div>
      {status === 'running' && <div className="op-progress" />}
      <Handle type="source" position={Position.Right} id={OUTPUT_HANDLE} data-testid="handle-out" />
    </div>
  );
}

export const OpNode = memo(OpNodeView);
