import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The second fence around every write: whatever the id rule let through, the engine writes
 * nothing outside its own folder. Returns the resolved path; throws when it would land outside.
 */
export function insideFolder(folder: string, path: string): string {
  const resolved = resolve(folder, path);
  const rel = relative(resolve(folder), resolved);
  if (rel === '' || rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel)) {
    throw new RangeError(`refusing to write ${JSON.stringify(path)}: it is not inside ${folder}`);
  }
  return resolved;
}
