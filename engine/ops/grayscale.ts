import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

/** Rec. 709 luma weights, on every colour channel: grey pixels in RGB. */
const LUMA: [number, number, number] = [0.2126, 0.7152, 0.0722];

/**
 * Stays three-channel so that it can be overlaid onto colour images, and keeps alpha: recomb
 * mixes the colour channels only. (sharp's grayscale() gives one channel and drops alpha.)
 * A grey input is widened to RGB, with its alpha.
 */
export const grayscale: OpRun<'grayscale'> = async ([input]) =>
  toImage(input!.channels >= 3 ? fromImage(input!).recomb([LUMA, LUMA, LUMA]) : fromImage(input!).toColourspace('srgb'));
