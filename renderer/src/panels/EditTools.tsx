import { reloadFromEngine } from '../store/connect-engine';
import { autoLayout, redo, undo } from '../store/edits';
import { currentPlatform } from '../store/engine-client';
import { notify, notifyError } from '../store/notices';
import { useReadOnly } from '../store/selectors';
import { useFaultline } from '../store/store';

async function savePipeline(): Promise<void> {
  const saved = await currentPlatform().savePipeline();
  if (!saved.ok) notifyError('save', saved.error);
  else if (saved.value) notify('info', `Saved ${saved.value.savedAs}`);
}

async function openPipeline(): Promise<void> {
  const opened = await currentPlatform().openPipeline();
  if (!opened.ok) return notifyError('open', opened.error);
  if (!opened.value) return;
  // The engine's graph event resets what belonged to the old pipeline (apply-snapshot.ts).
  await reloadFromEngine();
  notify('info', `Opened ${opened.value.pipeline.name}`);
}

/** Undo/redo, auto-layout, and pipeline files. */
export function EditTools() {
  const undoLabel = useFaultline((s) => s.undoStack.at(-1)?.label ?? null);
  const redoLabel = useFaultline((s) => s.redoStack.at(-1)?.label ?? null);
  const scrubbing = useReadOnly();
  return (
    <div className="edit-tools" role="group" aria-label="edit">
      <button
        className="button icon"
        data-testid="undo"
        disabled={!undoLabel || scrubbing}
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
        onClick={() => void undo()}
      >
        ↶
      </button>
      <button
        className="button icon"
        data-testid="redo"
        disabled={!redoLabel || scrubbing}
        title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        onClick={() => void redo()}
      >
        ↷
      </button>
      <button
        className="button"
        data-testid="auto-layout"
        disabled={scrubbing}
        title="Lay the graph out left to right"
        onClick={() => void autoLayout()}
      >
        ⇶ Layout
      </button>
      <span className="divider" />
      <button className="button" data-testid="open-pipeline" disabled={scrubbing} onClick={() => void openPipeline()}>
        Open…
      </button>
      <button className="button" data-testid="save-pipeline" disabled={scrubbing} onClick={() => void savePipeline()}>
        Save…
      </button>
    </div>
  );
}
