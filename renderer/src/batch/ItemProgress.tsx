import { itemTotal, type ItemCounts } from '@contract';
import { ProgressBar } from '../ui/ProgressBar';
import { openItemsGrid } from './items-grid-store';
import './batch.css';

/**
 * A mapped node's photos at a glance, on the node itself: how many are done of how many, a bar,
 * what went wrong, and the way to each photo (the items grid).
 */
export function ItemProgress({ id, counts }: { id: string; counts: ItemCounts }) {
  const total = itemTotal(counts);
  const trouble = (['running', 'failed', 'dead', 'blocked', 'cancelled'] as const).filter((s) => counts[s] > 0);
  return (
    <div className="item-progress" data-testid="item-progress" data-done={counts.completed} data-total={total}>
      <div className="item-progress-line">
        <span className="item-progress-count">
          {counts.completed}/{total} photos
        </span>
        <ProgressBar done={counts.completed} total={total} testId="item-progress-bar" what="photos done" />
      </div>
      {trouble.length > 0 && (
        <div className="item-progress-trouble">
          {trouble.map((s) => (
            <span key={s} className={`status-${s}`} data-testid={`items-${s}`}>
              <span className="status-dot" /> {counts[s]} {s}
            </span>
          ))}
        </div>
      )}
      <button
        type="button"
        className="item-progress-open nodrag"
        data-testid="open-items"
        onClick={(e) => {
          e.stopPropagation();
          openItemsGrid(id);
        }}
        title="Every photo of this node: its status, attempts, error, and its output"
      >
        Photos…
      </button>
    </div>
  );
}
