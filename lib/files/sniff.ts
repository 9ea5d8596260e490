import { ValidationError } from '@/lib/errors';
import { FILE_FAMILIES, ALLOWED_TYPES_SENTENCE, type FileFamilyId } from './types';
import { inflatesBeyond, listZipEntries, readZipText } from './zip';
import { displayFileName, extensionOf } from './names';

const ascii = (buf: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...buf.subarray(start, Math.min(end, buf.length)));
const startsWith = (buf: Uint8Array, bytes: number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

const OOXML_MAIN: Record<string, FileFamilyId> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};

function zipFamily(buf: Uint8Array): FileFamilyId | null {
  const entries = listZipEntries(buf);
  if (!entries) return null;
  // OpenDocument: an uncompressed first entry called "mimetype" naming the document type.
  const mimetype = readZipText(buf, entries, 'mimetype', 256);
  if (mimetype?.trim() === 'application/vnd.oasis.opendocument.text') return 'odt';
  // Office Open XML: [Content_Types].xml declares the main part. Macro-enabled variants are not accepted.
  const types = readZipText(buf, entries, '[Content_Types].xml');
  if (!types) return null;
  const found = new Set<FileFamilyId>();
  for (const m of types.matchAll(/ContentType="([^"]+)"/g)) {
    const family = OOXML_MAIN[m[1]!];
    if (family) found.add(family);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** Word 97-2003 files are OLE compound files holding a stream called "WordDocument". */
function isWordOle(buf: Uint8Array): boolean {
  if (!startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return false;
  const needle = Buffer.from('WordDocument', 'utf16le');
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(needle);
}

/** The family the bytes belong to, or null when they are not an allowed type. */
export function detectFamily(buf: Uint8Array): FileFamilyId | null {
  if (ascii(buf, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WAVE') return 'wav';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return zipFamily(buf);
  if (isWordOle(buf)) return 'doc';
  if (ascii(buf, 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame header: sync bits, MPEG version not reserved, layer III.
  if (buf.length >= 2 && buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0 && (buf[1]! & 0x18) !== 0x08 && (buf[1]! & 0x06) === 0x02) return 'mp3';
  if (ascii(buf, 4, 8) === 'ftyp') return 'mp4';
  if (startsWith(buf, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(buf, 0, 64).includes('webm')) return 'webm';
  if (ascii(buf, 0, 4) === 'OggS') return 'ogg';
  return null;
}

const ZIP_FAMILIES = new Set<FileFamilyId>(['docx', 'xlsx', 'pptx', 'odt']);
const MB = 1024 * 1024;

/**
 * A zip bomb: a small archive that inflates to hundreds of megabytes. Office and OpenDocument files are zips of
 * XML and already-compressed pictures, and expand a few times over, never a hundred. The sizes the archive declares
 * refuse an honest bomb without inflating anything; a lying one is caught by inflating it as a stream, counting
 * the bytes and keeping none, and stopping at the limit.
 */
async function inflatesLikeABomb(buf: Uint8Array): Promise<boolean> {
  const entries = listZipEntries(buf);
  if (!entries) return false;
  const budget = Math.max(50 * MB, 100 * buf.length);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  return declared > budget || (await inflatesBeyond(buf, entries, budget));
}

export interface CheckedUpload {
  family: FileFamilyId;
  /** The Content-Type the file is stored and served with. */
  contentType: string;
  displayName: string;
}

/** Browsers send this when they do not know; it claims nothing. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/**
 * Accepts a file only when its bytes are an allowed type AND its name (and the type the browser
 * claimed, if any) say the same thing. A text file renamed to .pdf, or a PNG called photo.pdf, is refused.
 */
export async function checkUpload(input: { name: string; claimedType: string; bytes: Uint8Array }): Promise<CheckedUpload> {
  const displayName = displayFileName(input.name);
  const ext = extensionOf(displayName);
  if (input.bytes.length === 0) {
    throw new ValidationError('This file is empty. Choose the file again, or check it opens on your device.', { file: 'The file is empty.' });
  }
  const family = detectFamily(input.bytes);
  const refuse = (message: string, field: string): never => {
    throw new ValidationError(message, { file: field });
  };
  if (!family) {
    refuse(`We cannot accept "${displayName}": it is not one of the file types we take (${ALLOWED_TYPES_SENTENCE}). If it is one of these, it may be damaged; try saving or exporting it again.`, 'This type of file is not accepted.');
  }
  if (ZIP_FAMILIES.has(family!) && (await inflatesLikeABomb(input.bytes))) {
    refuse(`We cannot accept "${displayName}": it expands to far more data than a document of its size holds, which is how harmful files are built. Open it in the program that made it, save it again, and upload that copy.`, 'This file expands to an unreasonable size.');
  }
  const spec = FILE_FAMILIES[family!];
  const served = (spec.ext as Record<string, string>)[ext];
  if (!served) {
    refuse(`"${displayName}" does not look like what its name says: its contents are a ${spec.label}${ext ? `, but the name ends in .${ext}` : ' and the name has no extension'}. Rename it (for example to .${Object.keys(spec.ext)[0]}) or choose the right file.`, 'The file name does not match its contents.');
  }
  const claimed = input.claimedType.toLowerCase().split(';')[0]!.trim();
  const allowedClaims = new Set<string>([...Object.values(spec.ext), ...spec.claims]);
  if (!GENERIC.has(claimed) && !allowedClaims.has(claimed)) {
    refuse(`"${displayName}" was sent as ${claimed}, but its contents are a ${spec.label}. Choose the right file, or save it again in its own format.`, 'The file type does not match its contents.');
  }
  return { family: family!, contentType: served!, displayName };
}
