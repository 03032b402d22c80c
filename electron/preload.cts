// A sandboxed preload may require only 'electron', so the channel names are spelled out here;
// the ChannelMap type makes the compiler check them against main's.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelMap, FaultlineBridge, InvokeAnswer, InvokeArgs, InvokeChannel, SendChannels } from './bridge-api.js';

const CHANNELS: ChannelMap = {
  command: 'faultline:command',
  events: 'faultline:events',
  savePipeline: 'faultline:save-pipeline',
  openPipeline: 'faultline:open-pipeline',
  exportGif: 'faultline:export-gif',
  pickPhoto: 'faultline:pick-photo',
  addPhoto: 'faultline:add-photo',
  showInFolder: 'faultline:show-in-folder',
};

/**
 * The one place IPC answers get their types. ipcRenderer.invoke answers `any`; what main answers
 * on each channel is compiled against the same InvokeChannels (ipc-host.ts), and IPC's structured
 * clone keeps that shape. Command results get their command's type later, in `resultOf`.
 */
function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeAnswer<C>> {
  return ipcRenderer.invoke(CHANNELS[channel], ...args);
}

/** Main's side of a send channel is compiled against SendChannels too (ipc-host.ts). */
function on<C extends keyof SendChannels>(channel: C, listener: (...args: SendChannels[C]) => void): () => void {
  const forward = (_event: IpcRendererEvent, ...args: SendChannels[C]) => listener(...args);
  ipcRenderer.on(CHANNELS[channel], forward);
  return () => void ipcRenderer.off(CHANNELS[channel], forward);
}

const bridge: FaultlineBridge = {
  command: (name, payload) => invoke('command', name, payload),
  onEvents: (listener) => on('events', listener),
  savePipeline: () => invoke('savePipeline'),
  openPipeline: () => invoke('openPipeline'),
  exportGif: (options) => invoke('exportGif', options),
  pickPhoto: () => invoke('pickPhoto'),
  addPhoto: (name, bytes) => invoke('addPhoto', name, bytes),
  showInFolder: (path) => invoke('showInFolder', path),
};

contextBridge.exposeInMainWorld('faultline', bridge);
