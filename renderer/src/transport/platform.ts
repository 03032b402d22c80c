import type { CommandPayload, Result, Snapshot, StoredPhoto } from '@contract';
import type { SavedGif, SavedPipeline } from '../../../electron/bridge-api';

/** File work differs by host: native dialogs on the desktop, download + file input in a browser. */
export interface Platform {
  kind: 'desktop' | 'browser';
  savePipeline(): Promise<Result<SavedPipeline | null>>;
  openPipeline(): Promise<Result<Snapshot | null>>;
  exportGif(options: CommandPayload<'replay.exportGif'>): Promise<Result<SavedGif | null>>;
  /** Desktop only: a browser page cannot learn a file's path. */
  pickPhoto: (() => Promise<Result<string | null>>) | null;
  /** Stores a photo the person added (a drop, the file input) in the workspace; refused as data. */
  addPhoto(file: File): Promise<Result<StoredPhoto>>;
  /** Desktop only: shows a file in the system's file manager (a browser offers a download instead). */
  showInFolder: ((path: string) => Promise<Result<null>>) | null;
}
