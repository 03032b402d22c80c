import { useEffect } from 'react';
import { copySelection, duplicateSelection, pasteClipboard } from './store/clipboard';
import { redo, removeNodes, undo } from './store/edits';
import { notify } from './store/notices';
import { isReadOnly } from './store/selectors';
import { selectedTasks } from './store/selection';
import { useFaultline } from './store/store';

export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl (⌘) + a key, each an edit of the graph; none while read-only (the past on screen, no engine). */
const EDIT_KEYS: Record<string, (shift: boolean) => void> = {
  a: () => useFaultline.setState((st) => ({ flowNodes: st.flowNodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),
  z: (shift) => void (shift ? redo() : undo()),
  y: () => void redo(),
  c: () => {
    const copied = copySelection();
    if (copied > 0) notify('info', `copied ${copied} node${copied === 1 ? '' : 's'}: Ctrl+V pastes`);
  },
  x: () => {
    const ids = selectedTasks().map((t) => t.id);
    if (copySelection() > 0) void removeNodes(ids);
  },
  v: () => void pasteClipboard(),
  d: () => void duplicateSelection(),
};

/**
 * Undo and redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y), select all, and copy, cut, paste and duplicate
 * nodes with their params, except while typing in a field, which has its own.
 */
export function useEditShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTyping(event.target) || isReadOnly(useFaultline.getState())) return;
      // A viewer, a list or the shortcuts sheet is on top: the graph behind it is not the subject.
      if (document.querySelector('[role="dialog"]')) return;
      const key = event.key.toLowerCase();
      const edit = EDIT_KEYS[key];
      // Text selected on the page (a journal line, an error) is what Ctrl+C and Ctrl+X are for.
      if (!edit || ((key === 'c' || key === 'x') && document.getSelection()?.toString())) return;
      event.preventDefault();
      // A held key repeats: one paste or duplicate per press, not one per repeat.
      if (event.repeat && (key === 'v' || key === 'd')) return;
      edit(event.shiftKey);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
