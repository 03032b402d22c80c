import { useEffect } from 'react';
import { create } from 'zustand';
import { isTyping } from '../use-edit-shortcuts';
import '../canvas/quick-add.css';

const useSheet = create<{ open: boolean }>()(() => ({ open: false }));
export const toggleShortcuts = (): void => useSheet.setState((s) => ({ open: !s.open }));

const SHORTCUTS: Array<[string, string]> = [
  ['Space or /', 'quick-add: type an operation’s name, Enter adds it at the pointer'],
  ['drag from the palette', 'add an operation where it is dropped; drop photos to add load nodes'],
  ['Shift + drag', 'select the nodes in a box'],
  ['Ctrl/⌘ + click', 'add a node to the selection'],
  ['Ctrl/⌘ + A', 'select every node'],
  ['Ctrl/⌘ + C, X, V', 'copy, cut and paste the selected nodes with their params and the wires between them'],
  ['Ctrl/⌘ + D', 'duplicate the selection beside it'],
  ['Delete or Backspace', 'remove the selected nodes and wires (one undo step)'],
  ['Ctrl/⌘ + Z', 'undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'redo'],
  ['click a thumbnail', 'the output at full size (Esc closes)'],
  ['?', 'this sheet'],
];

/** Every keyboard shortcut, on `?` or the canvas's ? button. */
export function ShortcutsSheet() {
  const open = useSheet((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if (e.key === '?') toggleShortcuts();
      else if (e.key === 'Escape' && useSheet.getState().open) useSheet.setState({ open: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <div className="viewer-backdrop" onPointerDown={(e) => e.target === e.currentTarget && useSheet.setState({ open: false })}>
      <div className="viewer shortcuts-sheet" role="dialog" aria-label="keyboard shortcuts" data-testid="shortcuts-sheet">
        <h2>Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} style={{ display: 'contents' }}>
              <dt>{keys}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="viewer-close" data-testid="shortcuts-close" onClick={() => useSheet.setState({ open: false })}>
          ×
        </button>
      </div>
    </div>
  );
}
