import { describe, expect, it } from 'vitest';
import { clampSize, defaultLayout, readLayout, resizePanel, togglePanel, usePanels } from './panel-layout';

describe('panel layout', () => {
  const laptop = defaultLayout(1280, 720);

  it('gives a laptop window narrower sides and folds the dock; a big one keeps everything open', () => {
    expect(laptop.collapsed).toEqual({ sidebar: false, inspector: false, dock: true });
    expect(laptop.size.sidebar + laptop.size.inspector).toBeLessThan(520);
    expect(defaultLayout(1920, 1080)).toEqual({
      collapsed: { sidebar: false, inspector: false, dock: false },
      size: { sidebar: 264, inspector: 340, dock: 232 },
    });
  });

  it('reads back what was stored', () => {
    const stored = { collapsed: { sidebar: true, inspector: false, dock: false }, size: { sidebar: 300, inspector: 400, dock: 200 } };
    expect(readLayout(JSON.stringify(stored), laptop)).toEqual(stored);
  });

  it('falls back to the defaults for nothing, garbage, the wrong shape, or a size out of bounds', () => {
    const outOfBounds = JSON.stringify({ ...laptop, size: { ...laptop.size, sidebar: 5 } });
    for (const stored of [null, '', '{', '42', '[]', '{"collapsed":{"sidebar":"yes"}}', outOfBounds])
      expect(readLayout(stored, laptop)).toEqual(laptop);
  });

  it('clamps a drag to the bounds, and a toggle changes only its own panel', () => {
    expect(clampSize('sidebar', 10)).toBe(200);
    expect(clampSize('dock', 9999)).toBe(520);
    resizePanel('inspector', 333.6, true);
    const before = usePanels.getState();
    togglePanel('sidebar');
    expect(usePanels.getState()).toEqual({ ...before, collapsed: { ...before.collapsed, sidebar: !before.collapsed.sidebar } });
    expect(usePanels.getState().size.inspector).toBe(334);
  });
});
