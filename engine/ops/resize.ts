import type { FitEnum } from './sharp.js';
import { checkOutputSize, fromImage, toImage, type Image } from './image.js';
import type { OpRun } from './op.js';

/** The output's size, as sharp computes it for each fit: checked against the pixel limit first. */
function outputSize(input: Image, width: number | undefined, height: number | undefined, fit: keyof FitEnum): [number, number] {
  const ratio = input.width / input.height;
  if (width === undefined) return [height! * ratio, height!];
  if (height === undefined) return [width, width / ratio];
  if (fit === 'inside') return ratio > width / height ? [width, width / ratio] : [height * ratio, height];
  if (fit === 'outside') return ratio > width / height ? [height * ratio, height] : [width, width / ratio];
  return [width, height];
}

export const resize: OpRun<'resize'> = async ([input], params, ctx) => {
  const { width, height, fit } = params;
  checkOutputSize('resize', ...outputSize(input!, width, height, fit), ctx.maxPixels);
  return toImage(fromImage(input!).resize({ width, height, fit, kernel: 'lanczos3' }));
};
