import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANEL_LABELS, resetPanelSize, resizePanel, SIZE_BOUNDS, usePanels, type Panel } from './panel-layout';

/** Which way a drag grows each panel: the sidebar grows rightwards, the inspector leftwards, the dock upwards. */
const GROWS: Record<Panel, { axis: 'x' | 'y'; sign: 1 | -1 }> = {
  sidebar: { axis: 'x', sign: 1 },
  inspector: { axis: 'x', sign: -1 },
  dock: { axis: 'y', sign: -1 },
};
/** Arrow keys move the edge itself, 16 px a press: right and down are +1. */
const KEY_STEP = 16;
const EDGE_KEYS: Record<'x' | 'y', Partial<Record<string, 1 | -1>>> = { x: { ArrowRight: 1, ArrowLeft: -1 }, y: { ArrowDown: 1, ArrowUp: -1 } };

/**
 * The edge between a panel and the canvas: drag it (or focus it and press the arrow keys) to
 * resize, double-click to go back to the default. Sized live, remembered when the drag ends.
 */
export function PanelResizer({ panel }: { panel: Panel }) {
  const size = usePanels((s) => s.size[panel]);
  const collapsed = usePanels((s) => s.collapsed[panel]);
  const drag = useRef<{ start: number; size: number } | null>(null);
  const { axis, sign } = GROWS[panel];
  const label = PANEL_LABELS[panel];
  if (collapsed) return null;

  const at = (e: PointerEvent) => (axis === 'x' ? e.clientX : e.clientY);
  const sizeAt = (e: PointerEvent) => drag.current!.size + sign * (at(e) - drag.current!.start);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: at(e), size };
  };
  const onPointerMove = (e: PointerEvent) => drag.current && resizePanel(panel, sizeAt(e), false);
  const onPointerUp = (e: PointerEvent) => {
    if (!drag.current) return;
    resizePanel(panel, sizeAt(e), true);
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const move = EDGE_KEYS[axis][e.key];
    if (move === undefined) return;
    e.preventDefault();
    resizePanel(panel, size + sign * move * KEY_STEP, true);
  };

  return (
    <div
      className={`panel-resizer resize-${panel}`}
      data-testid={`resize-${panel}`}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={`Resize the ${label}`}
      aria-valuenow={size}
      aria-valuemin={SIZE_BOUNDS[panel].min}
      aria-valuemax={SIZE_BOUNDS[panel].max}
      title={`Drag to resize the ${label}; double-click for the default size`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => resetPanelSize(panel)}
      onKeyDown={onKeyDown}
    />
  );
}
