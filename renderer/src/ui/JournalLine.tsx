import type { JournalRow } from '@contract';
import { memo } from 'react';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false });

/** One journal event on one line; used by the journal panel and the inspector's node history. */
export const JournalLine = memo(function JournalLine({ row, showNode }: { row: JournalRow; showNode: boolean }) {
  const detail = row.errorMessage ? `${row.errorKind ?? 'error'}: ${row.errorMessage}` : (row.message ?? '');
  return (
    <div className={`journal-line status-${row.status}`} data-testid="journal-row" data-status={row.status} data-node-id={row.nodeId}>
      <span className="journal-seq">#{row.seq}</span>
      <span className="journal-time">{clock.format(row.at)}</span>
      {showNode && <span className="journal-node">{row.nodeId}</span>}
      <span className="journal-status">
        <span className="status-dot" />
        {row.status}
      </span>
      <span className="journal-attempt">{row.attempt > 0 ? `#${row.attempt}` : ''}</span>
      <span className="journal-worker">{row.worker !== null ? `w${row.worker}` : ''}</span>
      <span className="journal-detail" title={detail}>
        {detail}
      </span>
    </div>
  );
});
