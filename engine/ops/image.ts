import { BadParamsError } from './op-errors.js';
import { sharp, type Sharp } from './sharp.js';

/** Decoded pixels passed between ops inside a worker. */
export interface Image {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * Intermediate outputs are stored as raw pixels behind a 16-byte header: no encode or decode
 * between ops (PNG costs more than most ops themselves). Sinks are stored as PNG.
 */
const MAGIC = 'FLR1';
const HEADER_BYTES = 16;

/**
 * How a task's output is kept: raw pixels (intermediates), PNG (sinks), or `source`: a load's
 * output is its photo itself, named by the photo's checksum, and decoded where it is read.
 * Copying every decoded photo to disk would double the bytes a batch writes.
 */
export type StoredFormat = 'raw' | 'png' | 'source';

/** Header and pixels as two parts, written with one writev: no copy of the pixels. */
export function encodeRaw(image: Image): Buffer[] {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(image.width, 4);
  header.writeUInt32LE(image.height, 8);
  header.writeUInt8(image.channels, 12);
  return [header, image.data];
}

export const isRaw = (bytes: Buffer): boolean => bytes.length >= HEADER_BYTES && bytes.toString('latin1', 0, 4) === MAGIC;

/**
 * libvips' own time limit for every pipeline a worker builds (whole seconds, at least one). A
 * thread inside native code cannot be terminated, so the task timeout binds only if libvips
 * stops itself: it checks between regions and fails the pipeline with "timeout".
 */
let limitSeconds = 0;
export function setPipelineTimeout(ms: number): void {
  limitSeconds = Math.max(1, Math.ceil(ms / 1000));
}
const timed = (pipeline: Sharp): Sharp => (limitSeconds > 0 ? pipeline.timeout({ seconds: limitSeconds }) : pipeline);

/** sharp's error when a pipeline ran past setPipelineTimeout. */
export const isPipelineTimeout = (e: unknown): boolean => e instanceof Error && /^timeout: \d+% complete/.test(e.message);

/** Refuses, before any work, an output larger than the pixel limit: permanent, never retried. */
export function checkOutputSize(op: string, width: number, height: number, maxPixels: number): void {
  const pixels = Math.round(width) * Math.round(height);
  if (pixels > maxPixels) {
    throw new BadParamsError(
      `${op} would make a ${Math.round(width)}×${Math.round(height)} image (${pixels} pixels), over the limit of ${maxPixels}`,
    );
  }
}

export async function decodeStored(bytes: Buffer): Promise<Image> {
  if (isRaw(bytes)) {
    const width = bytes.readUInt32LE(4);
    const height = bytes.readUInt32LE(8);
    const channels = bytes.readUInt8(12) as Image['channels'];
    const data = bytes.subarray(HEADER_BYTES);
    if (data.length !== width * height * channels) throw new Error('stored image is truncated');
    return { data, width, height, channels };
  }
  return toImage(timed(sharp(bytes)));
}

/** A photo's pixels exactly as the load op gives them, whichever task decodes it. */
export function decodeSource(bytes: Buffer, maxPixels: number): Promise<Image> {
  // failOn 'truncated' turns a cut-off file into an error instead of grey padding.
  return toImage(
    timed(sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels }))
      .rotate()
      .toColourspace('srgb'),
  );
}

export async function toImage(pipeline: Sharp): Promise<Image> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as Image['channels'] };
}

export const fromImage = (image: Image): Sharp =>
  timed(sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } }));

/** The file's bytes, in parts. PNG settings are fixed so the same pixels always give the same bytes. */
export async function encodeStored(image: Image, format: StoredFormat): Promise<Buffer[]> {
  if (format === 'raw') return encodeRaw(image);
  return [await fromImage(image).png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer()];
}
