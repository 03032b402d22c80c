import { z } from 'zod';
import { create } from 'zustand';

/**
 * The side panels and the bottom dock: which are folded away and how big each is, remembered
 * in this browser (or this desktop app). One store, so the grid, the toggles and the resize
 * handles read the same numbers.
 */
export type Panel = 'sidebar' | 'inspector' | 'dock';

/** What each panel holds, as its toggle and its resize handle name it. */
export const PANEL_LABELS: Record<Panel, string> = {
  sidebar: 'operations and fault sliders',
  inspector: 'inspector',
  dock: 'workers and journal',
};

/** Each panel's size in px (width for the sides, height for the dock), and its bounds. */
export const SIZE_BOUNDS: Record<Panel, { min: number; max: number }> = {
  sidebar: { min: 200, max: 440 },
  inspector: { min: 240, max: 620 },
  dock: { min: 120, max: 520 },
};

const SizeSchema = (panel: Panel) => z.number().int().min(SIZE_BOUNDS[panel].min).max(SIZE_BOUNDS[panel].max);
const LayoutSchema = z.object({
  collapsed: z.object({ sidebar: z.boolean(), inspector: z.boolean(), dock: z.boolean() }),
  size: z.object({ sidebar: SizeSchema('sidebar'), inspector: SizeSchema('inspector'), dock: SizeSchema('dock') }),
});
export type PanelLayout = z.infer<typeof LayoutSchema>;

/**
 * What a first visit gets for a window of this size. A laptop's 1280×720 gives the canvas the
 * most of it: narrower sides, and the dock folded (its toggle in the top bar brings it back).
 */
export function defaultLayout(width: number, height: number): PanelLayout {
  const roomy = width >= 1440;
  return {
    collapsed: { sidebar: false, inspector: false, dock: height < 800 },
    size: { sidebar: roomy ? 264 : 248, inspector: roomy ? 340 : 264, dock: height >= 1000 ? 232 : 180 },
  };
}

/** What was stored, or the defaults: garbage in localStorage (or none at all) is not an error. */
export function readLayout(stored: string | null, fallback: PanelLayout): PanelLayout {
  try {
    const parsed = LayoutSchema.safeParse(JSON.parse(stored ?? 'null'));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export const clampSize = (panel: Panel, px: number): number => Math.round(Math.min(SIZE_BOUNDS[panel].max, Math.max(SIZE_BOUNDS[panel].min, px)));

const KEY = 'faultline.panels';
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const windowSize = (): [number, number] => (typeof window === 'undefined' ? [1600, 1000] : [window.innerWidth, window.innerHeight]);

export const usePanels = create<PanelLayout>()(() => readLayout(storage()?.getItem(KEY) ?? null, defaultLayout(...windowSize())));

const remember = () => storage()?.setItem(KEY, JSON.stringify(usePanels.getState()));

export function togglePanel(panel: Panel): void {
  usePanels.setState((s) => ({ collapsed: { ...s.collapsed, [panel]: !s.collapsed[panel] } }));
  remember();
}

/** A size while dragging; `done` remembers it (a drag writes storage once, at its end). */
export function resizePanel(panel: Panel, px: number, done: boolean): void {
  usePanels.setState((s) => ({ size: { ...s.size, [panel]: clampSize(panel, px) } }));
  if (done) remember();
}

/** Back to this window's default size (a double click on the handle). */
export function resetPanelSize(panel: Panel): void {
  resizePanel(panel, defaultLayout(...windowSize()).size[panel], true);
}

/**
 * Puts the layout on the app's element as grid track sizes and a data-folded list, and
 * keeps them current, without re-rendering the app on every pointer move of a resize.
 */
export function applyPanelLayout(element: HTMLElement): () => void {
  const apply = ({ collapsed, size }: PanelLayout) => {
    element.style.setProperty('--sidebar-w', collapsed.sidebar ? '0px' : `${size.sidebar}px`);
    element.style.setProperty('--inspector-w', collapsed.inspector ? '0px' : `${size.inspector}px`);
    element.style.setProperty('--dock-h', collapsed.dock ? '0px' : `${size.dock}px`);
    // An attribute React does not own: a re-render that sets className leaves it alone.
    element.dataset['folded'] = (['sidebar', 'inspector', 'dock'] as const).filter((p) => collapsed[p]).join(' ');
  };
  apply(usePanels.getState());
  return usePanels.subscribe(apply);
}
