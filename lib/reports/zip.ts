import zlib from 'node:zlib';

/**
 * A minimal, bounded reader for the zip container of a .docx. It reads the central directory itself so
 * sizes can be checked before anything is inflated, and inflates each entry with a hard output cap, so a
 * zip bomb (honest or lying about its sizes) is refused instead of filling memory.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipError extends Error {
  constructor(readonly reason: 'not-zip' | 'corrupt' | 'encrypted' | 'too-large' | 'unsupported', message: string) {
    super(message);
  }
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

export function looksLikeZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

export function readCentralDirectory(buf: Buffer, limits: { maxEntries: number }): ZipEntry[] {
  if (!looksLikeZip(buf)) throw new ZipError('not-zip', 'not a zip file');
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (<= 65535).
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', 'no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'zip64 archives are not expected in a .docx');
  if (count > limits.maxEntries) throw new ZipError('too-large', `${count} entries`);
  if (cdOffset + cdSize > eocd) throw new ZipError('corrupt', 'central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH_SIG) throw new ZipError('corrupt', 'bad central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) throw new ZipError('corrupt', 'entry name out of bounds');
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes, never more than its declared size (a lying header is treated as corruption). */
export function extractEntry(buf: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) throw new ZipError('encrypted', `${entry.name} is encrypted`);
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LFH_SIG) throw new ZipError('corrupt', `bad local header for ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipError('corrupt', `${entry.name} is truncated`);
  const data = buf.subarray(start, end);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw new ZipError('corrupt', `${entry.name}: size mismatch`);
    return Buffer.from(data);
  }
  if (entry.method !== 8) throw new ZipError('unsupported', `${entry.name}: compression method ${entry.method}`);
  let out: Buffer;
  try {
    // One byte of headroom tells "exactly the declared size" from "more than declared".
    out = zlib.inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError('too-large', `${entry.name} inflates beyond its declared size`);
    throw new ZipError('corrupt', `${entry.name}: ${(e as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize) throw new ZipError('corrupt', `${entry.name}: inflated size differs from the header`);
  return out;
}
