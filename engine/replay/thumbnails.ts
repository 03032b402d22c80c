import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { decodeStored, fromImage } from '../ops/image.js';

export interface StoredOutput {
  outputPath: string | null;
  checksum: string | null;
}

/**
 * Small PNG data URIs of task outputs, made once per checksum (an output's bytes never change
 * under the same checksum). An output that is gone or unreadable has no thumbnail: a replay
 * can outlive its output folder.
 */
export class ThumbnailCache {
  private readonly made = new Map<string, Promise<string | null>>();

  constructor(
    private readonly sizePx: number,
    /** Relative output paths are resolved against this (the run's output folder). */
    private readonly outDir: string | null,
  ) {}

  get(output: StoredOutput): Promise<string | null> {
    const { outputPath, checksum } = output;
    if (!outputPath || !checksum) return Promise.resolve(null);
    let thumb = this.made.get(checksum);
    if (!thumb) {
      const path = isAbsolute(outputPath) || !this.outDir ? outputPath : join(this.outDir, outputPath);
      thumb = makeThumbnail(path, this.sizePx);
      this.made.set(checksum, thumb);
    }
    return thumb;
  }
}

async function makeThumbnail(path: string, sizePx: number): Promise<string | null> {
  try {
    const image = await decodeStored(await readFile(path));
    const png = await fromImage(image).resize(sizePx, sizePx, { fit: 'cover' }).flatten({ background: '#162033' }).png().toBuffer();
    return `data:image/png;base64,${png.toString('base64')}`;
  } catch {
    return null;
  }
}
