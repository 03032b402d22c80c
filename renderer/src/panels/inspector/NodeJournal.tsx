import type { JournalRow } from '@contract';
import { useEffect, useState } from 'react';
import { send } from '../../store/engine-client';
import { useFaultline } from '../../store/store';
import { JournalLine } from '../../ui/JournalLine';

/** The node's own history from the journal (journal.page with nodeId), newest first. */
export function NodeJournal({ id }: { id: string }) {
  const latestSeq = useFaultline((s) => s.tasks[id]?.seq ?? 0);
  const [rows, setRows] = useState<JournalRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void send('journal.page', { nodeId: id, limit: 100 }, { quiet: true }).then((page) => {
      if (!current) return;
      if (page.ok) {
        setRows([...page.value.rows].sort((a, b) => b.seq - a.seq));
        setProblem(null);
      } else setProblem(page.error.message);
    });
    return () => {
      current = false;
    };
  }, [id, latestSeq]);

  if (problem) return <p className="field-error">Journal unavailable: {problem}</p>;
  if (!rows) return <p className="muted">Loading…</p>;
  if (rows.length === 0) return <p className="muted">No events yet: this node has not run.</p>;
  return (
    <div className="node-journal" data-testid="node-journal">
      {rows.map((row) => (
        <JournalLine key={row.seq} row={row} showNode={false} />
      ))}
    </div>
  );
}
