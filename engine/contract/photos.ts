/** A photo the store holds (photos/<checksum>/<name>), as an upload or a drop returns it. */
export interface StoredPhoto {
  /** Absolute: what a load node's path is set to. */
  path: string;
  name: string;
  width: number;
  height: number;
  /** As sharp names it: jpeg, png, webp, gif, tiff, ... */
  format: string;
  bytes: number;
  sha256: string;
  /** The same bytes were stored before (perhaps under another name): that file is used. */
  duplicate: boolean;
}

/** A file a load node may point at, as the path field offers it. */
export interface PhotoChoice {
  /** As it goes into the load node: relative to the pipeline's folder when inside it. */
  path: string;
  /** Which allowed folder it was found in. */
  folder: string;
}

/** A task's output at full size, for the viewer. */
export interface OutputView {
  /** A PNG of the output's pixels at their real size. */
  dataUrl: string;
  width: number;
  height: number;
  /** How the output is stored: png (a sink's export), raw pixels (an intermediate), or a photo's own format. */
  format: string;
  bytes: number;
  /** Of the stored file at `path`. */
  sha256: string;
  path: string;
  /** A sink's exported copy (OUT/<id>.png), when there is one. */
  exportedTo: string | null;
}
