import { ipcMain, shell, type BrowserWindow } from 'electron';
import { fail, ok } from '../engine/contract/index.js';
import { resolveSource } from '../engine/graph/resolve-source.js';
import { dispatchCommand } from '../engine/host/dispatch.js';
import type { EngineApi } from '../engine/host/engine-api.js';
import { EventBatcher } from '../engine/host/event-batcher.js';
import { isOwnPage } from './app-protocol.js';
import { CHANNELS, type InvokeAnswer, type InvokeChannel, type SendChannels } from './bridge-api.js';
import { createFileDialogs } from './file-dialogs.js';

/**
 * A handler hears every argument as `unknown`, whatever InvokeChannels says the page sends: a
 * page is not trusted, so each handler validates what it uses. Its answer is checked against the map.
 */
type Handler<C extends InvokeChannel> = (...args: unknown[]) => Promise<InvokeAnswer<C>>;

/**
 * Binds the contract to ipcMain. Every handler first checks that the sender is our own page
 * (a frame that navigated elsewhere, or an injected iframe, gets `unauthorized`), then hands
 * untrusted arguments to dispatchCommand, the same gate the WebSocket uses.
 */
export function hostEngineOverIpc(engine: EngineApi, window: () => BrowserWindow | null, shownFolders: readonly string[]): () => void {
  const dialogs = createFileDialogs(engine, window);
  const handle = <C extends InvokeChannel>(channel: C, handler: Handler<C>) =>
    ipcMain.handle(CHANNELS[channel], (event, ...args: unknown[]) =>
      isOwnPage(event.senderFrame?.url)
        ? handler(...args)
        : Promise.resolve(fail('unauthorized', 'this IPC call did not come from the Faultline page')),
    );

  handle('command', (name, payload) => dispatchCommand(engine, name, payload));
  handle('savePipeline', () => dialogs.savePipeline());
  handle('openPipeline', () => dialogs.openPipeline());
  handle('exportGif', (options) => dialogs.exportGif(options));
  handle('pickPhoto', () => dialogs.pickPhoto());
  handle('addPhoto', (name, bytes) => {
    if (typeof name !== 'string' || name.length > 1000 || !(bytes instanceof Uint8Array)) {
      return Promise.resolve(fail('invalid_payload', 'addPhoto takes a file name and its bytes'));
    }
    return engine.addPhoto(name, [bytes]);
  });
  handle('showInFolder', (path) => {
    // Only what the engine wrote or stored: a page must not make the shell open anything else.
    const shown = typeof path === 'string' && shownFolders[0] ? resolveSource(path, shownFolders[0], shownFolders) : null;
    if (!shown?.ok) return Promise.resolve(fail('invalid_payload', `not an output or a stored photo: ${String(path).slice(0, 200)}`));
    shell.showItemInFolder(shown.path);
    return Promise.resolve(ok(null));
  });

  const batcher = new EventBatcher((batch) => {
    const contents = window()?.webContents;
    const message: SendChannels['events'] = [batch];
    if (contents && !contents.isDestroyed() && isOwnPage(contents.getURL())) contents.send(CHANNELS.events, ...message);
  });
  const unsubscribe = engine.subscribe((event) => batcher.push(event));

  return () => {
    unsubscribe();
    batcher.dispose();
    Object.values(CHANNELS).forEach((channel) => ipcMain.removeHandler(channel));
  };
}
