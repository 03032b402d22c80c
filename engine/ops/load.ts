import { sharp } from './sharp.js';
import { toImage } from './image.js';
import { BadInputError, type OpRun } from './op.js';

export const load: OpRun = async (_inputs, params, ctx) => {
  const path = ctx.sourcePath ?? String(params.path);
  try {
    // failOn 'truncated' turns a cut-off file into an error instead of grey padding.
    const pipeline = sharp(path, { failOn: 'truncated', limitInputPixels: ctx.maxPixels }).rotate().toColourspace('srgb');
    return await toImage(pipeline);
  } catch (e) {
    throw new BadInputError(`${params.path}: ${describeSharpError((e as Error).message)}`);
  }
};

function describeSharpError(message: string): string {
  if (/pixel limit/i.test(message)) return `image is larger than the pixel limit (${message})`;
  if (/unsupported image format/i.test(message)) return 'not an image (unsupported format)';
  if (/premature end|truncated|end of stream|read error|not enough data/i.test(message)) return `truncated image (${message})`;
  return message;
}
