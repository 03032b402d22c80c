import { drawnNodeOf, TASK_STATUSES, type JournalRow, type TaskStatus } from '@contract';
import { useMemo, useRef, useState } from 'react';
import { send } from '../store/engine-client';
import { useFaultline } from '../store/store';
import { JournalLine } from '../ui/JournalLine';
import { useElementHeight } from '../ui/use-element-height';
import { useThrottled } from '../ui/use-throttled';

const ROW_HEIGHT = 24;
const JOURNAL_REDRAW_MS = 250;
/** Rows drawn above and below the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN = 8;

async function loadOlder(): Promise<void> {
  const oldest = useFaultline.getState().journal[0]?.seq;
  if (oldest === undefined) return;
  const page = await send('journal.page', { beforeSeq: oldest, limit: 1000 });
  if (!page.ok) return;
  const older = [...page.value.rows].sort((a, b) => a.seq - b.seq).filter((r) => r.seq < oldest);
  useFaultline.setState((s) => ({ journal: [...older, ...s.journal] }));
}

/** The event stream, newest first, windowed by hand: only the visible rows are in the DOM. */
export function JournalPanel() {
  // Redrawn at most 4 times a second: a batch of 10,000 photos streams ~1,500 rows a second.
  const journal = useThrottled(
    useFaultline((s) => s.journal),
    JOURNAL_REDRAW_MS,
  );
  const nodeIds = useFaultline((s) => s.flowNodes.map((n) => n.id).join('\n'));
  const [nodeFilter, setNodeFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState<TaskStatus | ''>('');
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const height = useElementHeight(viewport);

  const rows = useMemo(() => {
    const shown: JournalRow[] = [];
    for (let i = journal.length - 1; i >= 0; i--) {
      const row = journal[i]!;
      // A mapped node's filter takes every photo's rows: their tasks are named <node>@<photo key>.
      if ((nodeFilter === '' || drawnNodeOf(row.nodeId) === nodeFilter) && (statusFilter === '' || row.status === statusFilter)) shown.push(row);
    }
    return shown;
  }, [journal, nodeFilter, statusFilter]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <section className="panel journal" aria-label="journal" data-testid="journal-panel">
      <header className="journal-head">
        <h2 className="panel-title">
          Journal{' '}
          <span className="muted" data-testid="journal-count">
            {rows.length} events
          </span>
        </h2>
        <select className="input small" value={nodeFilter} data-testid="journal-filter-node" onChange={(e) => setNodeFilter(e.currentTarget.value)}>
          <option value="">all tasks</option>
          {nodeIds
            .split('\n')
            .filter(Boolean)
            .map((id) => (
              <option key={id}>{id}</option>
            ))}
        </select>
        <select
          className="input small"
          value={statusFilter}
          data-testid="journal-filter-status"
          onChange={(e) => setStatusFilter(e.currentTarget.value as TaskStatus | '')}
        >
          <option value="">all statuses</option>
          {TASK_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button className="button small" data-testid="journal-older" onClick={() => void loadOlder()} title="Load older events from the journal">
          older…
        </button>
      </header>
      <div className="journal-viewport" ref={viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, i) => (
            <div key={row.seq} className="journal-slot" style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}>
              <JournalLine row={row} showNode />
            </div>
          ))}
        </div>
        {rows.length === 0 && <p className="muted journal-empty">No events{nodeFilter || statusFilter ? ' match these filters' : ' yet'}.</p>}
      </div>
    </section>
  );
}
