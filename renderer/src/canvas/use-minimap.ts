import type { FitViewOptions } from '@xyflow/react';
import { useState } from 'react';

const KEY = 'faultline.minimap';

/** The minimap's box and margin on the canvas, in px: what a fit keeps clear while it shows. */
export const MINIMAP = { width: 168, height: 110, margin: 15 } as const;

/**
 * Whether the minimap shows, remembered. Off until asked for in a window narrower than 1440 px
 * (a laptop's): its canvas is ~680 px wide at 1280, and the minimap would sit on the nodes.
 */
export function useMinimap(): [boolean, () => void] {
  const [shown, setShown] = useState(() => {
    const saved = localStorage.getItem(KEY);
    return saved === null ? window.innerWidth >= 1440 : saved === 'shown';
  });
  const toggle = () =>
    setShown((was) => {
      localStorage.setItem(KEY, was ? 'hidden' : 'shown');
      return !was;
    });
  return [shown, toggle];
}

/** The canvas's own controls (zoom, fit, minimap, ?) stand in the bottom left corner: 26 px wide, 15 px in. */
const CONTROLS_ROOM = '64px';

/** Room around the nodes when the view is fitted: the controls' and the minimap's corners stay clear of them. */
export const fitPadding = (minimap: boolean): FitViewOptions['padding'] =>
  // Pixels are written with their unit: a bare number is a share of the canvas, also per side.
  ({ top: '24px', left: CONTROLS_ROOM, bottom: '24px', right: minimap ? `${MINIMAP.width + 2 * MINIMAP.margin}px` : '24px' });
