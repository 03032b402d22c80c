import { isCutShort } from './cut-short.js';
import { decodeSource } from './image.js';
import { BadInputError } from './op-errors.js';
import type { OpRun } from './op.js';

export const load: OpRun<'load'> = async (_inputs, params, ctx) => {
  if (!ctx.source) throw new BadInputError(`${params.path}: no source file was read`);
  try {
    return await decodeSource(ctx.source, ctx.maxPixels);
  } catch (e) {
    throw new BadInputError(`${params.path}: ${describeSharpError((e as Error).message, ctx.source)}`);
  }
};

function describeSharpError(message: string, bytes: Buffer): string {
  if (/pixel limit/i.test(message)) return `image is larger than the pixel limit (${message})`;
  if (/unsupported image format/i.test(message)) return 'not an image (unsupported format)';
  if (/premature end|truncated|end of stream|read error|not enough data/i.test(message) || isCutShort(bytes)) return `truncated image (${message})`;
  return message;
}
