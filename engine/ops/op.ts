import type { Image } from './image.js';

/** Everything an op may use besides its inputs. */
export interface OpContext {
  /** A load op's source file, read (and checksummed) by the worker from its validated path. */
  source: Buffer | null;
  maxPixels: number;
}

/** An op takes decoded inputs and its (validated) params, and returns decoded pixels. */
export type OpRun = (inputs: Image[], params: Record<string, unknown>, ctx: OpContext) => Promise<Image | null>;

/**
 * Thrown when the params cannot apply to these inputs (a crop outside the image): retrying
 * cannot help, so the task goes dead at once with this message.
 */
export class BadParamsError extends Error {
  readonly kind = 'bad_params' as const;
}

/** Thrown when a source file is not a usable image: permanent, like BadParamsError. */
export class BadInputError extends Error {
  readonly kind = 'bad_input' as const;
}
