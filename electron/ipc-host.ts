import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail, type Result } from '../engine/contract/index.js';
import { dispatchCommand } from '../engine/host/dispatch.js';
import type { EngineApi } from '../engine/host/engine-api.js';
import { EventBatcher } from '../engine/host/event-batcher.js';
import { isOwnPage } from './app-protocol.js';
import { CHANNELS } from './bridge-api.js';
import { createFileDialogs } from './file-dialogs.js';

/**
 * Binds the contract to ipcMain. Every handler first checks that the sender is our own page
 * (a frame that navigated elsewhere, or an injected iframe, gets `unauthorized`), then hands
 * untrusted arguments to dispatchCommand, the same gate the WebSocket uses.
 */
export function hostEngineOverIpc(engine: EngineApi, window: () => BrowserWindow | null): () => void {
  const dialogs = createFileDialogs(engine, window);
  const fromOwnPage =
    <A extends unknown[]>(handler: (...args: A) => Promise<Result<unknown>>) =>
    (event: IpcMainInvokeEvent, ...args: A): Promise<Result<unknown>> =>
      isOwnPage(event.senderFrame?.url)
        ? handler(...args)
        : Promise.resolve(fail('unauthorized', 'this IPC call did not come from the Faultline page'));

  ipcMain.handle(CHANNELS.command, fromOwnPage((name: unknown, payload: unknown) => dispatchCommand(engine, name, payload)));
  ipcMain.handle(CHANNELS.savePipeline, fromOwnPage(() => dialogs.savePipeline()));
  ipcMain.handle(CHANNELS.openPipeline, fromOwnPage(() => dialogs.openPipeline()));
  ipcMain.handle(CHANNELS.exportGif, fromOwnPage((options: unknown) => dialogs.exportGif(options)));
  ipcMain.handle(CHANNELS.pickPhoto, fromOwnPage(() => dialogs.pickPhoto()));

  const batcher = new EventBatcher((batch) => {
    const contents = window()?.webContents;
    if (contents && !contents.isDestroyed() && isOwnPage(contents.getURL())) contents.send(CHANNELS.events, batch);
  });
  const unsubscribe = engine.subscribe((event) => batcher.push(event));

  return () => {
    unsubscribe();
    batcher.dispose();
    Object.values(CHANNELS).forEach((channel) => ipcMain.removeHandler(channel));
  };
}
