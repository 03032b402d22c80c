import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useFaultline } from '../store/store';

export type StatusFlowEdge = Edge<Record<string, never>, 'status'>;

/**
 * An edge coloured by what flows along it: its source's status, and animated while its target
 * runs. It reads two statuses through selectors, so edges re-render only when those change.
 */
function StatusEdgeView({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
}: EdgeProps<StatusFlowEdge>) {
  const sourceStatus = useFaultline((s) => (s.replay.mode === 'scrub' ? s.replay.tasks[source]?.status : s.tasks[source]?.status) ?? 'pending');
  const targetRunning = useFaultline((s) => (s.replay.mode === 'scrub' ? s.replay.tasks[target]?.status : s.tasks[target]?.status) === 'running');
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <BaseEdge id={id} path={path} className={`status-edge status-${sourceStatus}${targetRunning ? ' flowing' : ''}${selected ? ' selected' : ''}`} />
  );
}

export const StatusEdge = memo(StatusEdgeView);
