/** How the viewer places an image: its scale and the offset of its top-left corner in the stage. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 32;

type Size = { width: number; height: number };

const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The whole image in the stage, never enlarged past 1:1 (a small output stays sharp). */
export function fitView(image: Size, stage: Size): View {
  const scale = clampScale(Math.min(stage.width / image.width, stage.height / image.height, 1));
  return centred(image, stage, scale);
}

/** Real pixels: one image pixel per CSS pixel, centred. */
export const actualView = (image: Size, stage: Size): View => centred(image, stage, 1);

function centred(image: Size, stage: Size, scale: number): View {
  return { scale, x: (stage.width - image.width * scale) / 2, y: (stage.height - image.height * scale) / 2 };
}

/** Zooms by `factor` about a point of the stage, which stays under the pointer. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}
