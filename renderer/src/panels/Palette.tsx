import { OP_SPECS, PALETTE_OPS, type OpName } from '@contract';
import { memo, type DragEvent } from 'react';
import { OP_DRAG_TYPE } from '../canvas/Canvas';
import { glyphOf } from '../canvas/op-glyphs';
import { AddPhotosButton } from '../photos/AddPhotosButton';
import { useReadOnly } from '../store/selectors';

const arityText = (op: OpName) => {
  const { min, max } = OP_SPECS[op].arity;
  if (max === 0) return 'source';
  return min === max ? `${max} input${max > 1 ? 's' : ''}` : `${min}–${max} inputs`;
};

function onDragStart(event: DragEvent<HTMLElement>, op: OpName) {
  event.dataTransfer.setData(OP_DRAG_TYPE, op);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Every op a person can add: drag one onto the canvas. */
export const Palette = memo(function Palette() {
  const readOnly = useReadOnly();
  return (
    <section className="panel palette" aria-label="operations">
      <h2 className="panel-title">Operations</h2>
      <AddPhotosButton />
      <div className="palette-grid">
        {PALETTE_OPS.map((op) => (
          <div
            key={op}
            className={`palette-item${OP_SPECS[op].arity.max === 0 ? ' source' : ''}${readOnly ? ' disabled' : ''}`}
            draggable={!readOnly}
            aria-disabled={readOnly}
            data-testid={`palette-${op}`}
            onDragStart={(e) => onDragStart(e, op)}
            title={`${OP_SPECS[op].label} (${arityText(op)}): drag onto the canvas`}
          >
            <span className="op-glyph">{glyphOf(op)}</span>
            <span className="palette-label">{OP_SPECS[op].label}</span>
          </div>
        ))}
      </div>
    </section>
  );
});
