import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Resolves a URL path inside `root`, or null when it would escape it (`..`, encoded slashes)
 * or names a type we do not serve. The renderer build is the only thing this server shows.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return CONTENT_TYPES[extname(full)] ? full : null;
}

/** Streams one file with its content type; 404 when it is not a file. Hashed assets are cached for a year. */
export async function sendStaticFile(res: ServerResponse, path: string, headers: Record<string, string>): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end('not found');
    return;
  }
  const immutable = path.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extname(path)]!,
    'content-length': String(info.size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(path).pipe(res);
}
