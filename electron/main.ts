import { app, type BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../engine/errors.js';
import { photosDirOf } from '../engine/photos/photo-store.js';
import { Engine } from '../engine/scheduler/engine.js';
import { registerAppScheme, serveRendererOnAppScheme } from './app-protocol.js';
import { hostEngineOverIpc } from './ipc-host.js';
import { createSecureWindow } from './secure-window.js';

/**
 * The desktop shell: the engine lives in this (main) process. Its image work runs on worker
 * threads and its journal writes are short synchronous SQLite transactions, so the main
 * process stays responsive. The journal lives in the user's data folder, so reopening the app
 * shows the same graph and state.
 */
const DIST = fileURLToPath(new URL('../', import.meta.url)); // dist/
const PACKAGE_ROOT = join(DIST, '..');

// FAULTLINE_DATA_DIR keeps a journal apart from the person's own (the e2e uses it; so can a portable install).
if (process.env['FAULTLINE_DATA_DIR']) app.setPath('userData', process.env['FAULTLINE_DATA_DIR']);
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const pipelineArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => a.endsWith('.json'));
  const journalPath = join(dataDir, 'journal.db');
  const outDir = join(dataDir, 'out');
  const engine = await Engine.open({
    journalPath,
    outDir,
    ...(pipelineArg ? { pipelinePath: pipelineArg } : {}),
    allowedDirs: [app.getPath('home'), join(PACKAGE_ROOT, 'assets')],
  });
  console.log(`Faultline: journal ${journalPath}, outputs in ${outDir}`);
  serveRendererOnAppScheme(join(DIST, 'renderer'));
  const unbind = hostEngineOverIpc(engine, () => window, [outDir, photosDirOf(journalPath)]);
  window = createSecureWindow(join(DIST, 'electron', 'preload.cjs'));
  window.on('closed', () => (window = null));

  app.on('second-instance', () => window?.focus());
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    unbind();
    void engine.close().finally(() => app.exit(0));
  });
}

start().catch((e: unknown) => {
  const message = e instanceof EngineError ? `${e.kind}: ${e.describe()}` : String(e);
  dialog.showErrorBox('Faultline could not start', message);
  app.exit(1);
});
