import { TASK_STATUSES, type ItemRow, type TaskStatus } from '@contract';
import { useEffect, useRef, useState } from 'react';
import { useThumbnail } from '../canvas/use-thumbnail';
import { send } from '../store/engine-client';
import { useFaultline } from '../store/store';
import { StatusPill } from '../ui/StatusPill';
import { useElementHeight } from '../ui/use-element-height';
import { openViewer } from '../viewer/viewer-store';
import { closeItemsGrid, useItemsGrid } from './items-grid-store';
import './batch.css';

const ROW_PX = 60;
const PAGE = 200;
/** While photos change status, the visible page is asked for again at most this often. */
const REFRESH_MS = 500;

/**
 * Every photo of a mapped node, as a list drawn only where it is seen (10,000 photos are a few
 * dozen rows in the page), asked of the engine a page at a time. Each row opens its output.
 */
export function ItemsGrid() {
  const id = useItemsGrid((s) => s.id);
  if (!id) return null;
  return <Grid key={id} id={id} />;
}

function Grid({ id }: { id: string }) {
  const counts = useFaultline((s) => s.tasks[id]?.items ?? null);
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const [pages, setPages] = useState<ReadonlyMap<number, ItemRow[]>>(new Map());
  const [total, setTotal] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [generation, setGeneration] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const height = useElementHeight(scroller);

  // Counts change many times a second in a big run: refresh what is on screen, at most every REFRESH_MS.
  useEffect(() => {
    const timer = setTimeout(() => setGeneration((g) => g + 1), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [counts]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeItemsGrid();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const first = Math.floor(scrollTop / ROW_PX);
  const last = first + Math.ceil((height || 600) / ROW_PX) + 1;
  const firstPage = Math.floor(first / PAGE);
  const lastPage = Math.floor(last / PAGE);
  useEffect(() => {
    let current = true;
    for (let page = firstPage; page <= lastPage; page++) {
      const payload = { id, offset: page * PAGE, limit: PAGE, ...(status === 'all' ? {} : { status }) };
      void send('items.page', payload, { quiet: true }).then((r) => {
        if (!current || !r.ok) return;
        setTotal(r.value.total);
        setPages((old) => new Map(old).set(page, r.value.rows));
      });
    }
    return () => {
      current = false;
    };
  }, [id, status, firstPage, lastPage, generation]);

  const rows: Array<{ index: number; row: ItemRow }> = [];
  for (let index = first; index <= Math.min(last, total - 1); index++) {
    const row = pages.get(Math.floor(index / PAGE))?.[index % PAGE];
    if (row) rows.push({ index, row });
  }

  return (
    <div
      className="items-backdrop"
      data-testid="items-grid"
      data-node-id={id}
      onPointerDown={(e) => e.target === e.currentTarget && closeItemsGrid()}
    >
      <div className="items-panel" role="dialog" aria-label={`photos of ${id}`}>
        <header className="items-header">
          <span className="items-title">{id}</span>
          <span className="items-total" data-testid="items-total">
            {total} photo{total === 1 ? '' : 's'}
            {status === 'all' ? '' : ` ${status}`}
          </span>
          <select
            className="input"
            value={status}
            data-testid="items-status"
            onChange={(e) => {
              setStatus(e.currentTarget.value === 'all' ? 'all' : (TASK_STATUSES.find((s) => s === e.currentTarget.value) ?? 'all'));
              setPages(new Map());
              scroller.current?.scrollTo({ top: 0 });
            }}
          >
            <option value="all">every status</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s} ({counts?.[s] ?? 0})
              </option>
            ))}
          </select>
          <button type="button" className="viewer-close" data-testid="items-close" onClick={closeItemsGrid} title="Close (Esc)">
            ×
          </button>
        </header>
        <div ref={scroller} className="items-scroll" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div style={{ height: total * ROW_PX, position: 'relative' }}>
            {rows.map(({ index, row }) => (
              <ItemLine key={row.taskId} row={row} top={index * ROW_PX} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function ItemLine({ row, top }: { row: ItemRow; top: number }) {
  const thumbnail = useThumbnail(row.taskId, row.contentKey, row.status === 'completed', 48);
  const done = row.status === 'completed';
  return (
    <div
      className={`item-row${done ? ' viewable' : ''}`}
      style={{ top, height: ROW_PX }}
      data-testid="item-row"
      data-task-id={row.taskId}
      data-status={row.status}
      onClick={done ? () => openViewer(row.taskId) : undefined}
      title={done ? 'Open at full size' : (row.errorMessage ?? row.status)}
    >
      <span className="item-thumb">{thumbnail && <img src={thumbnail} alt="" />}</span>
      <span className="item-path" data-testid="item-path">
        {row.relpath}
      </span>
      <StatusPill status={row.status} />
      <span className="item-attempt">{row.attempt > 1 ? `attempt ${row.attempt}` : ''}</span>
      <span className="item-error">{row.errorMessage ?? ''}</span>
    </div>
  );
}
