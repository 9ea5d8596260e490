/**
 * The file types learners may upload, recognised by their content (magic bytes), never by name alone.
 * Each family lists the extensions that may carry it, the type the browser may claim for it, and the
 * type we serve it with. Type-only data, safe for the browser (the form's `accept` list).
 */
export interface FileFamily {
  label: string;
  /** extension -> the Content-Type we serve a file with that extension as. */
  ext: Record<string, string>;
  /** Content types a browser may claim for this family (besides the served ones). */
  claims: string[];
}

export const FILE_FAMILIES = {
  pdf: { label: 'PDF document', ext: { pdf: 'application/pdf' }, claims: ['application/x-pdf'] },
  png: { label: 'PNG image', ext: { png: 'image/png' }, claims: [] },
  jpeg: { label: 'JPEG image', ext: { jpg: 'image/jpeg', jpeg: 'image/jpeg' }, claims: ['image/jpg', 'image/pjpeg'] },
  gif: { label: 'GIF image', ext: { gif: 'image/gif' }, claims: [] },
  webp: { label: 'WebP image', ext: { webp: 'image/webp' }, claims: [] },
  docx: {
    label: 'Word document',
    ext: { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    claims: [],
  },
  xlsx: {
    label: 'Excel workbook',
    ext: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    claims: [],
  },
  pptx: {
    label: 'PowerPoint presentation',
    ext: { pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
    claims: [],
  },
  doc: { label: 'Word 97-2003 document', ext: { doc: 'application/msword' }, claims: [] },
  odt: { label: 'OpenDocument text', ext: { odt: 'application/vnd.oasis.opendocument.text' }, claims: [] },
  mp3: { label: 'MP3 audio', ext: { mp3: 'audio/mpeg' }, claims: ['audio/mp3', 'audio/x-mpeg', 'audio/mpeg3'] },
  mp4: {
    label: 'MP4 video or M4A audio',
    ext: { mp4: 'video/mp4', m4a: 'audio/mp4' },
    claims: ['audio/x-m4a', 'audio/m4a', 'audio/mp4', 'video/mp4'],
  },
  wav: { label: 'WAV audio', ext: { wav: 'audio/wav' }, claims: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'] },
  webm: { label: 'WebM video or audio', ext: { webm: 'video/webm' }, claims: ['audio/webm'] },
  ogg: {
    label: 'Ogg audio or video',
    ext: { ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', ogv: 'video/ogg' },
    claims: ['application/ogg', 'audio/opus'],
  },
} as const satisfies Record<string, FileFamily>;

export type FileFamilyId = keyof typeof FILE_FAMILIES;

const ALLOWED_EXTENSIONS: string[] = Object.values(FILE_FAMILIES).flatMap((f) => Object.keys(f.ext));

/** For `<input type="file" accept=...>`: a hint only; the server decides from the bytes. */
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

export const ALLOWED_TYPES_SENTENCE =
  'PDF, Word (.docx, .doc), OpenDocument (.odt), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, GIF, WebP, MP3, MP4, M4A, WAV, WebM or Ogg';
