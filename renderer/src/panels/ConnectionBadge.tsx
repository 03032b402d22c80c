import { useEffect, useState } from 'react';
import { useFaultline } from '../store/store';

/** The connection in words, counting down to the next reconnect attempt, so a dropped engine never looks like a frozen UI. */
export function useConnectionText(): { kind: 'open' | 'connecting' | 'closed'; text: string } {
  const connection = useFaultline((s) => s.connection);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (connection.kind !== 'closed') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [connection.kind]);
  const text =
    connection.kind === 'open'
      ? 'engine connected'
      : connection.kind === 'connecting'
        ? `connecting${connection.attempt > 1 ? ` (try ${connection.attempt})` : ''}…`
        : `${connection.reason} · retrying in ${Math.max(0, Math.ceil((connection.retryAt - now) / 1000))} s`;
  return { kind: connection.kind, text };
}

export function ConnectionBadge() {
  const { kind, text } = useConnectionText();
  return (
    <span className={`connection connection-${kind}`} data-testid="connection" data-state={kind} title={text}>
      <span className="status-dot" />
      <span className="connection-text">{text}</span>
    </span>
  );
}
