import { createHash } from 'node:crypto';

/** The checksum of a file, given whole or in the parts it was written in (the same either way). */
export function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
