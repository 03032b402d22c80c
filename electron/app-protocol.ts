import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStaticPath } from '../engine/host/static-files.js';

/**
 * The page loads from app://faultline/ rather than file://, so it has a real origin that IPC
 * handlers can check, and it can read nothing on disk but the renderer build.
 */
export const APP_ORIGIN = 'app://faultline';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRendererOnAppScheme(rendererDir: string): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const path = url.host === 'faultline' ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!path) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(path).href);
  });
}

export const isOwnPage = (url: string | undefined): boolean => {
  if (!url) return false;
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
};
