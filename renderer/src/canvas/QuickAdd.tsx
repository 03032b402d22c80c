import { OP_SPECS } from '@contract';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { addNode } from '../store/edits';
import { useReadOnly } from '../store/selectors';
import { isTyping } from '../use-edit-shortcuts';
import { glyphOf } from './op-glyphs';
import { matchOps } from './quick-add-match';
import './quick-add.css';

/**
 * Quick-add: Space or `/` over the canvas opens a search box at the pointer; typing narrows the
 * ops, arrows move, Enter adds the highlighted op where the pointer was, Escape closes.
 */
export function QuickAdd() {
  const readOnly = useReadOnly();
  const { screenToFlowPosition } = useReactFlow();
  const pointer = useRef({ x: 0, y: 0 });
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const [text, setText] = useState('');
  const [index, setIndex] = useState(0);

  useEffect(() => {
    const onMove = (e: PointerEvent) => (pointer.current = { x: e.clientX, y: e.clientY });
    const onKey = (e: KeyboardEvent) => {
      if (readOnly || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || (e.key !== ' ' && e.key !== '/')) return;
      if (document.querySelector('[role="dialog"]')) return; // a viewer or a list is open
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      if (!canvas) return;
      e.preventDefault();
      const { x, y } = pointer.current;
      const inside = x >= canvas.left && x <= canvas.right && y >= canvas.top && y <= canvas.bottom;
      setAt(inside ? { x, y } : { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 3 });
      setText('');
      setIndex(0);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('keydown', onKey);
    };
  }, [readOnly]);

  if (!at) return null;
  const found = matchOps(text);
  const chosen = found[Math.min(index, found.length - 1)];
  const add = (op: string) => {
    const position = screenToFlowPosition(at);
    setAt(null);
    void addNode(op, { x: Math.round(position.x - 100), y: Math.round(position.y - 40) });
  };
  return (
    <div className="quick-add" data-testid="quick-add" style={{ left: at.x, top: at.y }}>
      <input
        autoFocus
        className="input"
        data-testid="quick-add-input"
        placeholder="Add an operation…"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setIndex(0);
        }}
        onBlur={() => setAt(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setAt(null);
          else if (e.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, found.length - 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && chosen) add(chosen);
          else return;
          e.preventDefault();
        }}
      />
      <ul className="quick-add-list">
        {found.map((op) => (
          <li
            key={op}
            className={op === chosen ? 'active' : ''}
            data-testid="quick-add-option"
            data-op={op}
            onMouseDown={(e) => {
              e.preventDefault(); // keep the input's focus until the click adds
              add(op);
            }}
          >
            <span className="op-glyph">{glyphOf(op)}</span> {OP_SPECS[op].label}
          </li>
        ))}
        {found.length === 0 && <li className="quick-add-none">no operation matches “{text}”</li>}
      </ul>
    </div>
  );
}
