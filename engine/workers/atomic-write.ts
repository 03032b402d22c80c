import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, unlinkSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const tempPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temp files a killed worker or a full disk left in these folders. Only the
 * journal's owner calls it (after taking the lock), so no live writer's file is touched.
 * Returns how many went.
 */
export function sweepTempFiles(folders: readonly string[]): number {
  let swept = 0;
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!TEMP_NAME.test(name)) continue;
      try {
        unlinkSync(join(folder, name));
        swept++;
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
  return swept;
}

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
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'w');
  try {
    try {
      writevSync(fd, parts);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    // A full disk must not also fill up with half-written temp files, one per retry.
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already gone
    }
    throw e;
  }
}

/**
 * Puts the file at `from` also at `to`, atomically replacing what was there: a hard link when
 * the file system allows one (no bytes copied, and creating a file costs far more than linking
 * one on ext4), else a copy. The source must never be changed in place afterwards, which holds
 * for outputs: they are only ever replaced by rename.
 */
export function linkFileAtomic(from: string, to: string, durable: boolean): 'linked' | 'copied' | 'copied: source full' {
  const temp = tempPathFor(to);
  let how: 'linked' | 'copied' | 'copied: source full' = 'linked';
  try {
    linkSync(from, temp);
  } catch (e) {
    // EMLINK: the source has all the links a file may have (ext4: 65,000). Else no hard links here.
    copyFileSync(from, temp);
    if (durable) fsyncFile(temp);
    how = (e as NodeJS.ErrnoException).code === 'EMLINK' ? 'copied: source full' : 'copied';
  }
  try {
    renameSync(temp, to);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
  return how;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
