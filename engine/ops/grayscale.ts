import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

/** Stays three-channel so that it can be overlaid onto colour images. */
export const grayscale: OpRun = async ([input]) => toImage(fromImage(input!).grayscale().toColourspace('srgb'));
