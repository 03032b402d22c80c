// A sandboxed preload may require only 'electron', so the channel names are spelled out here;
// the ChannelMap type makes the compiler check them against main's.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventBatch } from '../engine/contract/index.js';
import type { ChannelMap, FaultlineBridge } from './bridge-api.js';

const CHANNELS: ChannelMap = {
  command: 'faultline:command',
  events: 'faultline:events',
  savePipeline: 'faultline:save-pipeline',
  openPipeline: 'faultline:open-pipeline',
  exportGif: 'faultline:export-gif',
  pickPhoto: 'faultline:pick-photo',
};

const bridge: FaultlineBridge = {
  command: (name, payload) => ipcRenderer.invoke(CHANNELS.command, name, payload),
  onEvents(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatch) => listener(batch);
    ipcRenderer.on(CHANNELS.events, forward);
    return () => void ipcRenderer.off(CHANNELS.events, forward);
  },
  savePipeline: () => ipcRenderer.invoke(CHANNELS.savePipeline),
  openPipeline: () => ipcRenderer.invoke(CHANNELS.openPipeline),
  exportGif: (options) => ipcRenderer.invoke(CHANNELS.exportGif, options),
  pickPhoto: () => ipcRenderer.invoke(CHANNELS.pickPhoto),
};

contextBridge.exposeInMainWorld('faultline', bridge);
