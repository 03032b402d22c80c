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

/** Room around the nodes when the view is fitted: the minimap's corner stays clear of them. */
export const fitPadding = (minimap: boolean): FitViewOptions['padding'] =>
  // Pixels are written with their unit: a bare number is a share of the canvas, also per side.
  minimap ? { top: '24px', left: '24px', bottom: '24px', right: `${MINIMAP.width + 2 * MINIMAP.margin}px` } : 0.1;
