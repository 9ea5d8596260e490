import zlib from 'node:zlib';

/**
 * Just enough of the ZIP format to tell Office and OpenDocument files apart: list the entries from
 * the central directory and read one small entry, and measure what the whole archive really inflates to.
 * Sizes are checked before inflating, and inflating is capped, so a crafted archive cannot blow up memory.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZipEntries(buf: Uint8Array): ZipEntry[] | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== CENTRAL) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > buf.length) return null;
    entries.push({
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's stored (compressed) bytes, or null when its local header is not where the directory says. */
function entryData(buf: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = entry.localOffset;
  if (at + 30 > buf.length || view.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return buf.subarray(start, start + entry.compressedSize);
}

/** The entry's text, or null when it is missing, too large, or unreadable. */
export function readZipText(buf: Uint8Array, entries: ZipEntry[], name: string, maxBytes = 1 << 20): string | null {
  const entry = entries.find((e) => e.name === name);
  if (!entry || entry.uncompressedSize > maxBytes || entry.compressedSize > buf.length) return null;
  const data = entryData(buf, entry);
  if (!data) return null;
  try {
    if (entry.method === 0) return new TextDecoder().decode(data);
    if (entry.method === 8) return new TextDecoder().decode(zlib.inflateRawSync(data, { maxOutputLength: maxBytes }));
  } catch {
    return null;
  }
  return null;
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
export async function inflatesBeyond(buf: Uint8Array, entries: ZipEntry[], budget: number): Promise<boolean> {
  let total = 0;
  for (const entry of entries) {
    const data = entryData(buf, entry);
    if (!data) continue;
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) total += await inflatedLength(data, budget - total);
    else total += entry.uncompressedSize;
    if (total > budget) return true;
  }
  return false;
}
