import { z } from 'zod';

/** How a page uploads a photo in browser mode: the raw bytes as a POST body, to our own server. */
export const PHOTO_UPLOAD = {
  path: '/photos',
  /** The page's token, in a header: a cross-site form can set no headers. */
  tokenHeader: 'x-faultline-token',
  /** The file's name, URI-encoded: header values are latin-1. */
  nameHeader: 'x-faultline-name',
} as const;

/** A photo the store holds (photos/<checksum>/<name>), as an upload or a drop returns it. */
export const StoredPhotoSchema = z.object({
  /** Absolute: what a load node's path is set to. */
  path: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** As sharp names it: jpeg, png, webp, gif, tiff, ... */
  format: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** The same bytes were stored before (perhaps under another name): that file is used. */
  duplicate: z.boolean(),
});
export type StoredPhoto = z.infer<typeof StoredPhotoSchema>;

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
