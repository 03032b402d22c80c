import type { CommandName, CommandPayload, EventBatch, Result, Snapshot, StoredPhoto } from '../engine/contract/index.js';

export interface SavedPipeline {
  savedAs: string;
}

export interface SavedGif {
  savedAs: string;
  bytes: number;
  frames: number;
}

/** One invoke channel: what the page passes, and what main answers. */
interface Invoke<Args extends unknown[], Answer> {
  args: Args;
  answer: Answer;
}

/**
 * Every channel the page invokes, with its arguments and its answer (chaiNNer's channel map).
 * Main's handlers (ipc-host.ts) are compiled against the answers and hear every argument as
 * `unknown`, because the page is not trusted whatever this map says it sends; the preload's one
 * `invoke` is compiled against both. Each answer is a Result: failures cross IPC as data.
 */
export interface InvokeChannels {
  /**
   * Any contract command; main validates it (dispatchCommand) and checks who sent it. The answer
   * is the command's result before `resultOf` (engine/contract/transport.ts) gives it its type.
   */
  command: Invoke<[name: CommandName, payload: CommandPayload<CommandName>], Result<unknown>>;
  /** Exports the graph and saves it where the person chooses; null when they cancel. */
  savePipeline: Invoke<[], Result<SavedPipeline | null>>;
  /** Opens a pipeline file, makes its photo paths absolute, and replaces the graph with it. */
  openPipeline: Invoke<[], Result<Snapshot | null>>;
  /** Renders the run as a GIF and saves it where the person chooses. */
  exportGif: Invoke<[options: CommandPayload<'replay.exportGif'>], Result<SavedGif | null>>;
  /** An absolute path to a photo, for a load node. */
  pickPhoto: Invoke<[], Result<string | null>>;
  /** A photo the person added (dropped, or chosen in the file input), stored as an upload is in browser mode. */
  addPhoto: Invoke<[name: string, bytes: Uint8Array], Result<StoredPhoto>>;
  /** Shows an output or a stored photo in the system's file manager. */
  showInFolder: Invoke<[path: string], Result<null>>;
}

/** Every channel main sends on, with what it sends. */
export interface SendChannels {
  events: [batch: EventBatch];
}

export type InvokeChannel = keyof InvokeChannels;
export type InvokeArgs<C extends InvokeChannel> = InvokeChannels[C]['args'];
export type InvokeAnswer<C extends InvokeChannel> = InvokeChannels[C]['answer'];

/**
 * Everything the preload exposes to the page as `window.faultline`: one named function per
 * channel, never ipcRenderer. The file-system work (dialogs, reading and writing files) happens
 * in main.
 */
export type FaultlineBridge = { [C in Exclude<InvokeChannel, 'command'>]: (...args: InvokeArgs<C>) => Promise<InvokeAnswer<C>> } & {
  /** The command channel, with each payload checked against the name it goes with. */
  command<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<InvokeAnswer<'command'>>;
  onEvents(listener: (...args: SendChannels['events']) => void): () => void;
};

declare global {
  interface Window {
    /** Present only inside the Electron app (electron/preload.cts). */
    faultline?: FaultlineBridge;
  }
}

/** IPC channel names, shared by preload and main so neither can drift. */
export const CHANNELS = {
  command: 'faultline:command',
  events: 'faultline:events',
  savePipeline: 'faultline:save-pipeline',
  openPipeline: 'faultline:open-pipeline',
  exportGif: 'faultline:export-gif',
  pickPhoto: 'faultline:pick-photo',
  addPhoto: 'faultline:add-photo',
  showInFolder: 'faultline:show-in-folder',
} as const satisfies { [C in InvokeChannel | keyof SendChannels]: `faultline:${string}` };

export type ChannelMap = typeof CHANNELS;
