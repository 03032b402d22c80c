import { PALETTE_OPS } from '@contract';
import { describe, expect, it } from 'vitest';
import { matchOps } from './quick-add-match';

describe('quick-add matching', () => {
  it('finds an op by the start of its name or label, case aside', () => {
    expect(matchOps('blu')[0]).toBe('blur');
    expect(matchOps('BRI')[0]).toBe('brightness');
    expect(matchOps('photo')).toEqual(['load', 'folder']);
  });
  it('ranks prefix matches before matches inside a word', () => {
    const found = matchOps('r');
    expect(found.indexOf('resize')).toBeLessThan(found.indexOf('crop'));
  });
  it('lists every op for no text, and none for text that matches nothing', () => {
    expect(matchOps('')).toEqual(PALETTE_OPS);
    expect(matchOps('zzz')).toEqual([]);
  });
});
