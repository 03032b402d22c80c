import { fromImage, toImage, type Image } from './image.js';
import { BadParamsError } from './op-errors.js';
import type { OpRun } from './op.js';

/** Places the second input onto the first at (left, top), clipping what falls outside the base. */
export const overlay: OpRun<'overlay'> = async ([base, top], params) => {
  const { left, top: y } = params;
  if (left >= base!.width || y >= base!.height) {
    throw new BadParamsError(`overlay position (${left}, ${y}) is outside the ${base!.width}×${base!.height} base`);
  }
  const clipped = await clip(top!, base!.width - left, base!.height - y);
  const sameChannels = clipped.channels === base!.channels ? clipped : await matchChannels(clipped, base!.channels);
  return toImage(
    fromImage(base!).composite([
      {
        input: sameChannels.data,
        raw: { width: sameChannels.width, height: sameChannels.height, channels: sameChannels.channels },
        left,
        top: y,
      },
    ]),
  );
};

async function clip(image: Image, maxWidth: number, maxHeight: number): Promise<Image> {
  if (image.width <= maxWidth && image.height <= maxHeight) return image;
  return toImage(fromImage(image).extract({ left: 0, top: 0, width: Math.min(image.width, maxWidth), height: Math.min(image.height, maxHeight) }));
}

async function matchChannels(image: Image, channels: number): Promise<Image> {
  const pipeline = fromImage(image).toColourspace('srgb');
  return toImage(channels === 4 ? pipeline.ensureAlpha() : pipeline.removeAlpha());
}
