import type { TaskStatus } from '@contract';
import { memo } from 'react';

/** The status word in its colour; the colours live in styles.css as --status-* variables. */
export const StatusPill = memo(function StatusPill({ status }: { status: TaskStatus }) {
  return (
    <span className={`status-pill status-${status}`} data-testid="status-pill">
      <span className="status-dot" />
      {status}
    </span>
  );
});
