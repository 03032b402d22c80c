import { openSync, closeSync, fstatSync, readSync, writeSync, unlinkSync } from 'node:fs';

/** The corrupt-output fault: flips bytes in the middle of a written file, keeping its size. */
export function corruptFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return;
    const at = Math.floor(size / 2);
    const bytes = Buffer.alloc(Math.min(16, size - at));
    readSync(fd, bytes, 0, bytes.length, at);
    for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

/** The missing-input fault: the file vanishes, as if a disk cleaner or a person deleted it. */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
