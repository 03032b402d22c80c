/** A small glyph per op for the palette and the node header; unknown ops get a dot. */
const GLYPHS: Record<string, string> = {
  load: '▣',
  crop: '◫',
  resize: '⤡',
  blur: '◌',
  brightness: '☀',
  overlay: '◧',
  grayscale: '◐',
  rotate: '↻',
  sharpen: '◆',
  noop: '·',
};

export const glyphOf = (op: string): string => GLYPHS[op] ?? '•';
