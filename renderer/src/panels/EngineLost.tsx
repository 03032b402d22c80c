import { useFaultline } from '../store/store';
import { useConnectionText } from './ConnectionBadge';

/**
 * Over the canvas while the engine is unreachable: what is drawn is how things stood when it
 * went, and every control that would send something is disabled until it is back.
 */
export function EngineLost() {
  const { kind, text } = useConnectionText();
  const loaded = useFaultline((s) => s.loaded);
  if (kind === 'open' || !loaded) return null;
  return (
    <div className="engine-lost" role="alert" data-testid="engine-lost">
      <div className="engine-lost-card">
        <h2>The engine is not reachable</h2>
        <p>
          Nothing is running that this page can see. The canvas shows how things stood when the engine was lost; controls are off until it is back.
        </p>
        <p>
          Start it again on the same journal (<code>npm start</code>, or <code>faultline serve</code>): this page reconnects by itself, and the engine
          resumes the run from its journal.
        </p>
        <p className="muted" data-testid="engine-lost-retry">
          {text}
        </p>
      </div>
    </div>
  );
}
