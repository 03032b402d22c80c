import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes bytes so that a reader sees either nothing or the whole file: temp file in the same
 * folder, rename over the target. A killed process leaves at worst a stray temp file; the
 * page cache survives it, so fsync is only needed against power loss (`durable`), and even
 * then a torn file is caught by its checksum when read.
 *
 * Synchronous on purpose: it runs in a worker thread that has nothing else to do meanwhile,
 * and each async fs call would be a round trip through libuv's thread pool, which sharp's
 * image work keeps busy.
 */
export function writeFileAtomic(path: string, parts: readonly NodeJS.ArrayBufferView[], durable: boolean): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writevSync(fd, parts);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
