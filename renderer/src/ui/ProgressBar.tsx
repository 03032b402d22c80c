/** The one progress bar: GIF export, verification. */
export function ProgressBar({ done, total, testId, what }: { done: number; total: number; testId: string; what: string }) {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <span
      className="progress-bar"
      data-testid={testId}
      role="progressbar"
      aria-valuenow={done}
      aria-valuemax={total}
      title={`${done} of ${total || '?'} ${what}`}
    >
      <span style={{ width: `${Math.round(fraction * 100)}%` }} />
    </span>
  );
}
