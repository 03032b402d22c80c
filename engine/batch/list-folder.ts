import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { resolveSource } from '../graph/resolve-source.js';

/**
 * A file-name pattern as people write them: `*` any run of characters, `?` one, `{a,b}` either.
 * Matched against the file name only, case-insensitively (IMG_1.JPG is a photo too).
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (const c of pattern) {
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}${')'.repeat(depth)}$`, 'i');
}

export interface FolderListing {
  /** The folder's real path. */
  root: string;
  /** Matching files, relative to root with `/` between parts, in name order. */
  items: string[];
  /** Files that matched but were left out: a link pointing outside the allowed folders. */
  skipped: string[];
}

/**
 * The photos of a folder node: its path resolved against the pipeline's folder and checked to
 * be inside an allowed folder (links followed); then every matching file below it, each file's
 * own real path checked the same way, so a link inside cannot reach out.
 */
export function listFolder(
  params: { path: string; recursive: boolean; pattern: string },
  baseDir: string,
  allowedDirs: readonly string[],
): { ok: true; listing: FolderListing } | { ok: false; message: string } {
  const resolved = resolveSource(params.path, baseDir, allowedDirs);
  if (!resolved.ok) return { ok: false, message: resolved.message.replace(/^file not found/, 'folder not found') };
  if (!statSync(resolved.path).isDirectory()) return { ok: false, message: `not a folder: ${params.path}` };
  const root = resolved.path;
  const linksInside = (link: string) => {
    const target = resolveSource(link, baseDir, allowedDirs);
    return target.ok && isFile(target.path);
  };
  const matches = globToRegExp(params.pattern);
  const items: string[] = [];
  const skipped: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue; // .DS_Store, .git, editors' temp files
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        // A link to a folder is a symbolic link, not a directory: it is never walked into.
        if (params.recursive) walk(full);
        continue;
      }
      if (!matches.test(entry.name)) continue;
      const rel = relative(root, full).split(sep).join('/');
      // root is a real path and folder links are not followed, so only a link can lead out:
      // a plain file needs no realpath (10,000 of them would cost ~0.3 s).
      if (entry.isFile()) items.push(rel);
      else if (entry.isSymbolicLink() && linksInside(full)) items.push(rel);
      else skipped.push(rel);
    }
  };
  walk(root);
  return { ok: true, listing: { root, items, skipped } };
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
