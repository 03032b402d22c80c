import { resultOf } from '@contract';
import type { FaultlineBridge } from '../../../electron/bridge-api';
import type { Platform } from './platform';
import type { Transport } from './transport';

/** The desktop app: the preload's named functions; IPC does not drop, so it is always open. */
export function createElectronHost(bridge: FaultlineBridge): { transport: Transport; platform: Platform } {
  const transport: Transport = {
    command: async (name, payload) => resultOf(name, await bridge.command(name, payload)),
    onBatch: (listener) => bridge.onEvents(listener),
    onConnection(listener) {
      listener({ kind: 'open' });
      return () => undefined;
    },
  };
  const platform: Platform = {
    kind: 'desktop',
    savePipeline: () => bridge.savePipeline(),
    openPipeline: () => bridge.openPipeline(),
    exportGif: (options) => bridge.exportGif(options),
    pickPhoto: () => bridge.pickPhoto(),
    addPhoto: async (file) => bridge.addPhoto(file.name, new Uint8Array(await file.arrayBuffer())),
    showInFolder: (path) => bridge.showInFolder(path),
  };
  return { transport, platform };
}
