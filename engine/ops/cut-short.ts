/**
 * Whether a photo's bytes stop before their format's end. libvips names a cut-off file in words
 * that vary by format, loader and thread ("Unknown error" was seen for a PNG cut in half), so a
 * failed decode is told apart by the file's own structure, not by the message. This only names a
 * failure; it never refuses a file that decodes (data after the end is fine).
 */
export function isCutShort(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buf, PNG)) return pngCutShort(buf);
  if (startsWith(buf, JPEG)) return jpegCutShort(buf);
  if (startsWith(buf, RIFF) && buf.subarray(8, 12).toString('latin1') === 'WEBP') return buf.length < 8 + buf.readUInt32LE(4);
  if (startsWith(buf, GIF)) return gifCutShort(buf);
  return false;
}

/** Walks the chunks: cut short if a chunk runs past the end before IEND is reached. */
function pngCutShort(buf: Buffer): boolean {
  for (let at = PNG.length; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IEND') return false;
    at += 12 + length;
    if (at > buf.length) return true;
  }
  return true;
}

/**
 * Walks the marker segments (an EXIF thumbnail, with its own end marker, sits inside one) to the
 * first start-of-scan; the end-of-image marker must follow it. Inside scan data 0xFF is always
 * followed by 0x00 or a restart marker, so an FFD9 there is the real end.
 */
function jpegCutShort(buf: Buffer): boolean {
  for (let at = 2; at + 4 <= buf.length;) {
    if (buf[at] !== 0xff) return false; // damaged rather than short: for libvips to say
    const marker = buf[at + 1]!;
    if (marker === 0xff)
      at += 1; // fill byte
    else if (marker === JPEG_SOS) return buf.indexOf(JPEG_EOI, at + 2) < 0;
    else if (marker === JPEG_EOI[1]) return false;
    else at += 2 + buf.readUInt16BE(at + 2);
  }
  return true;
}

/**
 * Walks the blocks (0x3B turns up inside image data too, so a search would not do): extensions
 * and images are runs of sub-blocks ended by a 0 size; cut short if the trailer is never reached.
 */
function gifCutShort(buf: Buffer): boolean {
  const colourTable = (flags: number) => (flags & 0x80 ? 3 << ((flags & 0x07) + 1) : 0);
  let at = 13 + colourTable(buf[10] ?? 0);
  const skipSubBlocks = () => {
    while (at < buf.length && buf[at] !== 0) at += buf[at]! + 1;
    at += 1;
  };
  while (at < buf.length) {
    const block = buf[at];
    if (block === GIF_TRAILER) return false;
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      at += 10 + colourTable(buf[at + 9] ?? 0) + 1;
      skipSubBlocks();
    } else return false; // not a block GIF knows: damaged rather than short, for libvips to say
  }
  return true;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const JPEG_SOS = 0xda;
const JPEG_EOI = Buffer.from([0xff, 0xd9]);
const RIFF = Buffer.from('RIFF', 'latin1');
const GIF = Buffer.from('GIF8', 'latin1');
const GIF_TRAILER = 0x3b;

const startsWith = (buf: Buffer, magic: Buffer): boolean => buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic);
