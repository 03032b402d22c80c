import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fail, ok, type Result, type StoredPhoto } from '../contract/index.js';
import { decodeSource } from '../ops/image.js';
import { sharp } from '../ops/sharp.js';
import { insideFolder } from '../workers/inside-folder.js';

/** The largest photo one upload may carry. Past it the upload stops at once: nothing is kept. */
export const MAX_PHOTO_BYTES = 200 * 1024 * 1024;

/** Where a journal's added photos live: beside it, so they move with the workspace. */
export const photosDirOf = (journalPath: string): string => join(dirname(journalPath), 'photos');

/** Length of the checksum prefix that names a photo's folder: 64 bits, no collision in practice. */
const KEY_CHARS = 16;

/**
 * A file name safe on every OS, kept readable: the last path part, without control characters
 * or characters Windows refuses, at most 120 characters. The name is only a label: the folder
 * it lives in is named by the content.
 */
export function safePhotoName(given: string): string {
  const base = given.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return (cleaned || 'photo').slice(-120);
}

export interface PhotoLimits {
  maxBytes: number;
  maxPixels: number;
}

/**
 * Adds a photo to the store: streams it to a temporary file (counting and hashing, stopping
 * past the size limit), checks it decodes whole within the pixel limit, then moves it to
 * `photos/<checksum>/<name>`. A photo stored before (any name) is not stored again: its path is
 * returned. Nothing is overwritten; a refused photo leaves nothing behind.
 */
export async function storePhoto(
  dir: string,
  givenName: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: PhotoLimits,
): Promise<Result<StoredPhoto>> {
  const name = safePhotoName(givenName);
  mkdirSync(dir, { recursive: true });
  const incoming = insideFolder(dir, `.incoming-${randomBytes(8).toString('hex')}`);
  try {
    const written = await receive(incoming, source, limits.maxBytes);
    if (written === 'too_large') return refuse(givenName, `it is larger than the ${Math.round(limits.maxBytes / 1024 / 1024)} MB limit`);
    if (written.bytes === 0) return refuse(givenName, 'it is empty');
    const checked = await checkDecodes(incoming, limits.maxPixels);
    if (!checked.ok) return refuse(givenName, checked.reason);
    const key = written.sha256.slice(0, KEY_CHARS);
    const folder = insideFolder(dir, key);
    const existing = storedFile(folder);
    if (existing)
      return ok({ ...checked.value, path: existing, name: nameOf(existing), sha256: written.sha256, bytes: written.bytes, duplicate: true });
    mkdirSync(folder, { recursive: true });
    const path = insideFolder(folder, name);
    await rename(incoming, path);
    return ok({ ...checked.value, path, name, sha256: written.sha256, bytes: written.bytes, duplicate: false });
  } finally {
    await rm(incoming, { force: true });
  }
}

const refuse = (name: string, reason: string): Result<never> => fail('bad_photo', `${safePhotoName(name)} was not added: ${reason}`);

const nameOf = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The one photo in a checksum folder, if it is there. */
function storedFile(folder: string): string | null {
  try {
    const first = readdirSync(folder).find((f) => !f.startsWith('.'));
    return first ? join(folder, first) : null;
  } catch {
    return null;
  }
}

async function receive(
  path: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: number; sha256: string } | 'too_large'> {
  const hash = createHash('sha256');
  let bytes = 0;
  const file = await open(path, 'wx', 0o644);
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) return 'too_large';
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

type Decoded = { ok: true; value: Pick<StoredPhoto, 'width' | 'height' | 'format'> } | { ok: false; reason: string };

/** The same decode the load op does, so a photo that is added is a photo that loads. */
async function checkDecodes(path: string, maxPixels: number): Promise<Decoded> {
  let meta;
  try {
    meta = await sharp(path).metadata();
  } catch (e) {
    return { ok: false, reason: `it is not an image (${reasonOf(e)})` };
  }
  const { width, height, format } = meta;
  if (width * height > maxPixels) {
    return { ok: false, reason: `it is ${width}×${height} (${width * height} pixels), over the limit of ${maxPixels}` };
  }
  try {
    await decodeSource(await readFile(path), maxPixels);
  } catch (e) {
    return { ok: false, reason: `it is truncated or damaged (${reasonOf(e)})` };
  }
  return { ok: true, value: { width, height, format } };
}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/^Input (file|buffer) /, '');
