import { useEffect } from 'react';
import { redo, undo } from './store/edits';
import { useFaultline } from './store/store';

export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), and Ctrl+A (select every node), except while typing in a field, which has its own. */
export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target) || useFaultline.getState().replay.mode === 'scrub') return;
      const key = event.key.toLowerCase();
      if (key === 'a') useFaultline.setState((st) => ({ flowNodes: st.flowNodes.map((n) => (n.selected ? n : { ...n, selected: true })) }));
      else if (key === 'z' && !event.shiftKey) void undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') void redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
