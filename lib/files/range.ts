import type { ByteRange } from './store';

/**
 * What to send for a request's `Range` header (RFC 9110 §14): the whole file, one part of it, or nothing (416). Only
 * single byte ranges are served as parts (`bytes=0-499`, `bytes=500-`, `bytes=-500`): that is what media players and
 * download managers send. Anything else (another unit, several ranges, a malformed value) gets the whole file, which
 * the RFC allows a server to answer with.
 */
export type RangeAnswer = { kind: 'whole' } | ({ kind: 'part' } & ByteRange) | { kind: 'unsatisfiable' };

export function rangeOf(header: string | null, size: number): RangeAnswer {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  // A suffix: the last n bytes.
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (!Number.isSafeInteger(start) || last < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(last, size - 1) };
}

/** Types a page may show in an <img>, <audio> or <video> from the portal's own address (never a document or a script). */
export function canShowInline(contentType: string): boolean {
  return /^(image\/(png|jpeg|gif|webp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/.test(contentType);
}
