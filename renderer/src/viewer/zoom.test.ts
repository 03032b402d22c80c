import { describe, expect, it } from 'vitest';
import { actualView, fitView, MAX_SCALE, zoomAt } from './zoom';

const stage = { width: 800, height: 600 };

describe('the viewer zoom', () => {
  it('fits a large image whole, and never enlarges a small one', () => {
    expect(fitView({ width: 1600, height: 600 }, stage)).toEqual({ scale: 0.5, x: 0, y: 150 });
    expect(fitView({ width: 100, height: 50 }, stage)).toEqual({ scale: 1, x: 350, y: 275 });
  });

  it('shows real pixels at 1:1, centred', () => {
    expect(actualView({ width: 1000, height: 1000 }, stage)).toEqual({ scale: 1, x: -100, y: -200 });
  });

  it('keeps the point under the pointer where it was', () => {
    const view = { scale: 1, x: 10, y: 20 };
    const zoomed = zoomAt(view, 2, { x: 110, y: 220 });
    // The image pixel under the pointer was (100, 200); it still is.
    expect([(110 - zoomed.x) / zoomed.scale, (220 - zoomed.y) / zoomed.scale]).toEqual([100, 200]);
    expect(zoomAt({ scale: MAX_SCALE, x: 0, y: 0 }, 4, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
  });
});
