/**
 * Whether a photo's bytes stop before their format's end marker. libvips names a cut-off file
 * in words that vary by format, loader and thread ("Unknown error" was seen for a PNG cut in
 * half), so a failed decode is told apart by the file's own shape, not by the message. This only
 * names a failure; it never refuses a file that decodes (trailing data after a marker is fine).
 */
export function isCutShort(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buf, PNG)) return buf.lastIndexOf('IEND', undefined, 'latin1') < 0;
  if (startsWith(buf, JPEG)) return buf.lastIndexOf(JPEG_END) < 0;
  if (startsWith(buf, RIFF) && buf.subarray(8, 12).toString('latin1') === 'WEBP') return buf.length < 8 + buf.readUInt32LE(4);
  if (startsWith(buf, GIF)) return buf.lastIndexOf(GIF_END) < 0;
  return false;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const JPEG_END = Buffer.from([0xff, 0xd9]);
const RIFF = Buffer.from('RIFF', 'latin1');
const GIF = Buffer.from('GIF8', 'latin1');
const GIF_END = Buffer.from([0x3b]);

const startsWith = (buf: Buffer, magic: Buffer): boolean => buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic);
