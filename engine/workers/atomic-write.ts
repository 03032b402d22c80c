import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes bytes so that a reader sees either nothing or the whole file: temp file in the same
 * folder, rename over the target. A killed process leaves at worst a stray temp file; the
 * page cache survives it, so fsync is only needed against power loss (`durable`), and even
 * then a torn file is caught by its checksum when read.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, durable: boolean): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
