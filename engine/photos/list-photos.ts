import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { PhotoChoice } from '../contract/index.js';

const IMAGE_FILE = /\.(jpe?g|png|webp|tiff?|gif|avif|heic)$/i;

/** Deep enough for photos/<checksum>/<name> and a few levels of someone's folders. */
const MAX_DEPTH = 4;

/**
 * The image files a load node may point at, folder by folder (the pipeline's own first), in
 * name order, at most `limit`. Hidden folders and node_modules are skipped: no one keeps photos
 * there, and a big one would cost the listing its speed.
 */
export function listPhotos(baseDir: string, folders: readonly string[], limit: number): { photos: PhotoChoice[]; truncated: boolean } {
  const photos: PhotoChoice[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const walk = (folder: string, dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return; // a folder that is not there (the photo store before its first photo) has no photos
    }
    for (const entry of entries) {
      if (photos.length >= limit) {
        truncated = true;
        return;
      }
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(folder, full, depth + 1);
      else if (entry.isFile() && IMAGE_FILE.test(entry.name) && !seen.has(full)) {
        seen.add(full);
        photos.push({ path: asLoadPath(baseDir, full), folder });
      }
    }
  };
  for (const folder of [baseDir, ...folders]) walk(folder, folder, 0);
  return { photos, truncated };
}

/** Relative to the pipeline's folder when inside it (so the pipeline file can move), else absolute. */
function asLoadPath(baseDir: string, file: string): string {
  const rel = relative(baseDir, file);
  return rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
