import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import sharp from 'sharp';

const FORMATS = ['png', 'jpg', 'webp'] as const;

/**
 * A folder of `count` small photos made here, of three formats, in nested subfolders
 * (a/, a/b/, c/), each its own colour so every output differs; the one at `truncatedAt` is cut
 * in half, a photo no decoder can finish.
 */
export async function makePhotoFolder(dir: string, count: number, truncatedAt: number | null = null): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
    const format = FORMATS[i % FORMATS.length]!;
    const sub = ['', 'a', join('a', 'b'), 'c'][i % 4]!;
    const rel = join(sub, `photo-${String(i).padStart(4, '0')}.${format}`);
    await writePhoto(join(dir, rel), i, format === 'jpg' ? 'jpeg' : format);
    if (i === truncatedAt) {
      const bytes = readFileSync(join(dir, rel));
      writeFileSync(join(dir, rel), bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    made.push(rel.split('\\').join('/'));
  }
  return made;
}

/** One photo, its colours from `seed`, so each is different from every other. */
export async function writePhoto(path: string, seed: number, format: 'png' | 'jpeg' | 'webp'): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const width = 40 + (seed % 23);
  const height = 30 + (seed % 17);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      pixels[o] = (x * 7 + seed * 13) % 256;
      pixels[o + 1] = (y * 5 + seed * 29) % 256;
      pixels[o + 2] = (x * y + seed * 3) % 256;
    }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  await (format === 'png' ? image.png() : format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.webp({ quality: 90 })).toFile(path);
}

/** sha256 of every file below dir (hidden folders left out), by path relative to dir. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** folder → resize → blur → brightness: four tasks per photo. */
export function batchPipeline(folder: string): object {
  return {
    name: 'batch',
    version: 1,
    nodes: [
      { id: 'photos', op: 'folder', params: { path: folder, recursive: true } },
      { id: 'small', op: 'resize', params: { width: 32 }, inputs: ['photos'] },
      { id: 'soft', op: 'blur', params: { sigma: 1 }, inputs: ['small'] },
      { id: 'bright', op: 'brightness', params: { factor: 1.2 }, inputs: ['soft'] },
    ],
  };
}
