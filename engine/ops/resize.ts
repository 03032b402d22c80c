import type { FitEnum } from './sharp.js';
import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const resize: OpRun = async ([input], params) => {
  const { width, height, fit } = params as { width?: number; height?: number; fit: keyof FitEnum };
  return toImage(fromImage(input!).resize({ width, height, fit, kernel: 'lanczos3' }));
};
