import zlib from 'node:zlib';

/**
 * The portal's one ZIP reader, for untrusted uploads: checking that an Office or OpenDocument upload is a sound zip and
 * measuring what an archive really inflates to (zip bombs), and taking the XML parts out of a .docx
 * (lib/reports/docx.ts). Sizes are checked before anything is inflated, and every inflation is capped.
 *
 * Why not jszip (already a dependency, through mammoth)? Measured on a 400 KB .docx whose headers claim 2 KB and whose
 * document.xml inflates to 400 MB (tests/fixtures/reports/make.ts, streamedLyingZipBomb): jszip's `async()` inflates
 * the whole entry (about 30 s, 400 MB held) before it notices the size differs from the header; its `internalStream`
 * can be paused, but passed the 50 MB budget by 17 MB before stopping and took 6.1 s (pako), against 1.9 s and under
 * 16 KB per chunk held for node:zlib's stream below. Reading the central directory is 30 lines, and jszip's loader
 * trusts the declared sizes anyway. jszip still writes the rebuilt, stored-only archive that mammoth reads.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export class ZipError extends Error {
  constructor(
    readonly reason: 'not-zip' | 'corrupt' | 'encrypted' | 'too-large' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function looksLikeZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

const bufferOf = (buf: Uint8Array) =>
  Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);

/** The entries listed in the central directory, refusing (ZipError) an archive that is not a plain, sound zip. */
export function readCentralDirectory(bytes: Uint8Array, limits: { maxEntries: number }): ZipEntry[] {
  const buf = bufferOf(bytes);
  if (!looksLikeZip(buf)) throw new ZipError('not-zip', 'not a zip file');
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (<= 65535).
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', 'no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ZipError('unsupported', 'zip64 archives are not expected here');
  if (count > limits.maxEntries) throw new ZipError('too-large', `${count} entries`);
  if (cdOffset + cdSize > eocd) throw new ZipError('corrupt', 'central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      throw new ZipError('corrupt', 'bad central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) throw new ZipError('corrupt', 'entry name out of bounds');
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entries, or null when the bytes are not a sound zip (for sniffing, where "not a zip" is an answer). */
export function listZipEntries(buf: Uint8Array): ZipEntry[] | null {
  try {
    return readCentralDirectory(buf, { maxEntries: 0xfffe });
  } catch (e) {
    if (e instanceof ZipError) return null;
    throw e;
  }
}

/**
 * The entry's stored (compressed) bytes, found through its local header. `truncated: 'keep'` returns what there is of
 * an entry that runs past the end, so a measure cannot be dodged by declaring a compressed size larger than the file.
 */
function entryData(buf: Buffer, entry: ZipEntry, truncated: 'refuse' | 'keep' = 'refuse'): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw new ZipError('corrupt', `bad local header for ${entry.name}`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length && truncated === 'refuse') throw new ZipError('corrupt', `${entry.name} is truncated`);
  return buf.subarray(start, end);
}

/**
 * The entry's bytes, exactly its declared size: inflating stops one byte past it, so a header that lies about the
 * size is refused ('too-large') without inflating the rest. Check the declared size against a limit first.
 */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) throw new ZipError('encrypted', `${entry.name} is encrypted`);
  const data = entryData(bufferOf(bytes), entry);
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
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipError('too-large', `${entry.name} inflates beyond its declared size`);
    throw new ZipError('corrupt', `${entry.name}: ${(e as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize)
    throw new ZipError('corrupt', `${entry.name}: inflated size differs from the header`);
  return out;
}

/**
 * How many bytes deflated data inflates to, counted as it streams out and never kept, stopping as soon as the
 * count passes `limit` (a few chunks of 16 KB are all that is ever in memory). Corrupt data counts what came out.
 */
function inflatedLength(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let length = 0;
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        inflate.destroy();
        resolve(length);
      }
    });
    inflate.on('end', () => resolve(length));
    inflate.on('error', () => resolve(length));
    inflate.end(data);
  });
}

/**
 * Whether the archive's entries, really inflated, come to more than `budget` bytes. The sizes an archive declares
 * are not trusted (a zip bomb can write any size there): each entry is inflated as a stream with a running total,
 * abandoned the moment the total passes the budget. Entries in a method this cannot inflate count as declared.
 */
export async function inflatesBeyond(bytes: Uint8Array, entries: ZipEntry[], budget: number): Promise<boolean> {
  const buf = bufferOf(bytes);
  let total = 0;
  for (const entry of entries) {
    let data: Buffer;
    try {
      data = entryData(buf, entry, 'keep');
    } catch {
      // No local header where the directory says: nothing there that a reader could inflate.
      continue;
    }
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) total += await inflatedLength(data, budget - total);
    else total += entry.uncompressedSize;
    if (total > budget) return true;
  }
  return false;
}
