import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Resolves a load path against the pipeline's folder and checks that it stays inside an
 * allowed folder, after following symlinks: `../../etc/passwd` and a link pointing out of the
 * folder are refused alike. Returns the real path, or a message saying what is wrong.
 */
export function resolveSource(
  path: string,
  baseDir: string,
  allowedDirs: readonly string[],
): { ok: true; path: string } | { ok: false; message: string } {
  const absolute = resolve(baseDir, path);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { ok: false, message: `file not found: ${path} (looked at ${absolute})` };
  }
  const inside = [baseDir, ...allowedDirs].some((dir) => {
    let root: string;
    try {
      root = realpathSync(dir);
    } catch {
      return false;
    }
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
  });
  return inside ? { ok: true, path: real } : { ok: false, message: `path escapes the allowed folders: ${path}` };
}
