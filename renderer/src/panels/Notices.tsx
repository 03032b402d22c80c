import { dismissNotice } from '../store/notices';
import { useFaultline } from '../store/store';

/** Refusals from the engine (a cycle, a bad param, a lost connection) and confirmations. */
export function Notices() {
  const notices = useFaultline((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} data-testid="notice" data-tone={n.tone} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button className="notice-close" aria-label="dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
