import type { Image } from '../ops/image.js';

/**
 * Pixels of outputs this worker thread wrote or read lately, by path and checksum, so a child
 * run next on the same thread (the scheduler sends it here) skips reading and re-hashing its
 * parent's file. Bounded by bytes; the least recently used go first.
 */
export class PixelCache {
  private readonly entries = new Map<string, { checksum: string; image: Image }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(path: string, checksum: string): Image | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.checksum !== checksum) return undefined;
    this.entries.delete(path);
    this.entries.set(path, entry);
    return entry.image;
  }

  put(path: string, checksum: string, image: Image): void {
    this.remove(path);
    if (image.data.length > this.maxBytes) return;
    this.entries.set(path, { checksum, image });
    this.bytes += image.data.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    this.bytes -= entry.image.data.length;
  }
}
