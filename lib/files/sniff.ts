import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '@/lib/errors';
import { FILE_FAMILIES, ALLOWED_TYPES_SENTENCE, type FileFamilyId } from './types';
import { inflatesBeyond, listZipEntries } from './zip';
import { displayFileName, extensionOf } from './names';

/**
 * file-type reads the magic bytes (and, for zips, [Content_Types].xml or mimetype, inflating at most 1 MB per entry);
 * this table says which of its answers are a family we accept. Anything else, including what file-type cannot name,
 * is refused. Macro-enabled Office files come back as docm/xlsm/pptm and so are refused. An MP4-like container is
 * accepted only as MP4 or M4A, not as HEIC, AVIF or QuickTime.
 */
const FAMILY_OF_TYPE: Record<string, FileFamilyId> = {
  pdf: 'pdf',
  png: 'png',
  apng: 'png',
  jpg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  wav: 'wav',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  odt: 'odt',
  mp3: 'mp3',
  mp4: 'mp4',
  m4a: 'mp4',
  m4v: 'mp4',
  m4b: 'mp4',
  webm: 'webm',
  ogg: 'ogg',
  oga: 'ogg',
  ogv: 'ogg',
  opus: 'ogg',
  ogx: 'ogg',
  spx: 'ogg',
};

const ZIP_FAMILIES = new Set<FileFamilyId>(['docx', 'xlsx', 'pptx', 'odt']);

/** Word 97-2003 files are OLE compound files (file-type's "cfb") holding a stream called "WordDocument". */
function isWordOle(buf: Uint8Array): boolean {
  const needle = Buffer.from('WordDocument', 'utf16le');
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).includes(needle);
}

/** The family the bytes belong to, or null when they are not an allowed type. */
export async function detectFamily(buf: Uint8Array): Promise<FileFamilyId | null> {
  const type = await fileTypeFromBuffer(buf);
  if (!type) return null;
  if (type.ext === 'cfb') return isWordOle(buf) ? 'doc' : null;
  const family = FAMILY_OF_TYPE[type.ext] ?? null;
  // A zip family is only accepted when its central directory (what Office reads, and what the bomb measure walks)
  // is sound too: file-type reads the local headers from the front.
  if (family && ZIP_FAMILIES.has(family) && !listZipEntries(buf)) return null;
  return family;
}

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
export async function checkUpload(input: {
  name: string;
  claimedType: string;
  bytes: Uint8Array;
}): Promise<CheckedUpload> {
  const displayName = displayFileName(input.name);
  const ext = extensionOf(displayName);
  if (input.bytes.length === 0) {
    throw new ValidationError('This file is empty. Choose the file again, or check it opens on your device.', {
      file: 'The file is empty.',
    });
  }
  const family = await detectFamily(input.bytes);
  const refuse = (message: string, field: string): never => {
    throw new ValidationError(message, { file: field });
  };
  if (!family) {
    refuse(
      `We cannot accept "${displayName}": it is not one of the file types we take (${ALLOWED_TYPES_SENTENCE}). If it is one of these, it may be damaged; try saving or exporting it again.`,
      'This type of file is not accepted.',
    );
  }
  if (ZIP_FAMILIES.has(family!) && (await inflatesLikeABomb(input.bytes))) {
    refuse(
      `We cannot accept "${displayName}": it expands to far more data than a document of its size holds, which is how harmful files are built. Open it in the program that made it, save it again, and upload that copy.`,
      'This file expands to an unreasonable size.',
    );
  }
  const spec = FILE_FAMILIES[family!];
  const served = (spec.ext as Record<string, string>)[ext];
  if (!served) {
    refuse(
      `"${displayName}" does not look like what its name says: its contents are a ${spec.label}${ext ? `, but the name ends in .${ext}` : ' and the name has no extension'}. Rename it (for example to .${Object.keys(spec.ext)[0]}) or choose the right file.`,
      'The file name does not match its contents.',
    );
  }
  const claimed = input.claimedType.toLowerCase().split(';')[0]!.trim();
  const allowedClaims = new Set<string>([...Object.values(spec.ext), ...spec.claims]);
  if (!GENERIC.has(claimed) && !allowedClaims.has(claimed)) {
    refuse(
      `"${displayName}" was sent as ${claimed}, but its contents are a ${spec.label}. Choose the right file, or save it again in its own format.`,
      'The file type does not match its contents.',
    );
  }
  return { family: family!, contentType: served!, displayName };
}
