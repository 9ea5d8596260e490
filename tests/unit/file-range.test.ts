import { describe, expect, it } from 'vitest';
import { canShowInline, rangeOf } from '@/lib/files/range';

describe('rangeOf: what a Range header asks of a 1,000-byte file', () => {
  it.each([
    [null, { kind: 'whole' }],
    ['', { kind: 'whole' }],
    ['bytes=0-499', { kind: 'part', start: 0, end: 499 }],
    ['bytes=500-', { kind: 'part', start: 500, end: 999 }],
    ['bytes=-200', { kind: 'part', start: 800, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
    ['bytes=999-999', { kind: 'part', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Served whole: several ranges, another unit, a backwards or malformed range.
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=500-100', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=abc-', { kind: 'whole' }],
  ] as const)('%s', (header, answer) => {
    expect(rangeOf(header, 1000)).toEqual(answer);
  });

  it('an empty file has no part to give', () => {
    expect(rangeOf('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf(null, 0)).toEqual({ kind: 'whole' });
  });
});

describe('canShowInline', () => {
  it('shows photos, recordings and videos; never a document, an SVG or HTML', () => {
    for (const t of [
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'audio/mpeg',
      'audio/ogg',
      'video/webm',
      'video/mp4',
    ])
      expect(canShowInline(t)).toBe(true);
    for (const t of [
      'application/pdf',
      'image/svg+xml',
      'text/html',
      'text/plain',
      'application/octet-stream',
      'video/mp4; x',
    ])
      expect(canShowInline(t)).toBe(false);
  });
});
