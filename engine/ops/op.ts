import type { OpName, OpParams } from '../contract/index.js';
import type { Image } from './image.js';

/** Everything an op may use besides its inputs. */
export interface OpContext {
  /** A load op's source file, read (and checksummed) by the worker from its validated path. */
  source: Buffer | null;
  maxPixels: number;
}

/** An op takes decoded inputs and its params, typed by its schema in OP_SPECS, and returns decoded pixels. */
export type OpRun<K extends OpName> = (inputs: Image[], params: OpParams<K>, ctx: OpContext) => Promise<Image | null>;
