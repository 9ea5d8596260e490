import 'server-only';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ValidationError } from '@/lib/errors';
import { mammothHtmlToMarkdown } from './html-to-markdown';
import { MAX_REPORT_CHARS } from './limits';
import { extractEntry, looksLikeZip, readCentralDirectory, ZipError } from '@/lib/files/zip';
import { formatNumber } from '@/lib/format';

/**
 * Reads an uploaded .docx into the portal's Markdown: headings, paragraphs, lists and table text.
 * Everything is bounded before it is inflated (entry count, declared sizes, and a hard cap while
 * inflating), and every refusal is a message the learner can act on.
 */

const DOCX_LIMITS = {
  maxEntries: 2000,
  /** Per XML part, uncompressed. A long report's document.xml is a few MB at most. */
  maxEntryBytes: 25 * 1024 * 1024,
  /** All the XML parts together, uncompressed. */
  maxTotalBytes: 60 * 1024 * 1024,
};

export interface DocxImport {
  markdown: string;
  headings: number;
  images: number;
  notes: string[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SAVE_AS =
  'Open it in Word or LibreOffice Writer, choose Save As, pick "Word Document (.docx)" and upload that file.';

function refuse(message: string): never {
  throw new ValidationError(message, { file: message });
}

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** What a file that is not a zip probably is, so the message can say what to do. */
function describeNonZip(buf: Buffer): never {
  if (startsWith(buf, OLE_MAGIC)) {
    // Word saves a password-protected .docx inside an OLE container with an "EncryptedPackage" stream.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      refuse(
        'This document is protected with a password, so we cannot read it. In Word, remove the password (File ▸ Info ▸ Protect Document ▸ Encrypt with Password, then clear it), save, and upload it again.',
      );
    }
    refuse(`This file is an older Word document (.doc), not a .docx. ${SAVE_AS}`);
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-')
    refuse(`This file is a PDF renamed to .docx. We need the Word document itself. ${SAVE_AS}`);
  if (buf.subarray(0, 5).toString('latin1') === '{\\rtf')
    refuse(`This file is a Rich Text (.rtf) document renamed to .docx. ${SAVE_AS}`);
  refuse(`This file is not a Word document, although its name ends in .docx. ${SAVE_AS}`);
}

const ZIP_MESSAGES: Record<ZipError['reason'], string> = {
  encrypted:
    'This document is protected with a password, so we cannot read it. Remove the password in Word, save, and upload it again.',
  'too-large':
    'This document expands to far more data than a report should, so we did not open it. Save it again from Word (or paste your text into the editor) and try once more.',
  'not-zip': `This file is not a Word document, although its name ends in .docx. ${SAVE_AS}`,
  corrupt: `This document is damaged and could not be read. ${SAVE_AS}`,
  unsupported: `This document is saved in a form we cannot read. ${SAVE_AS}`,
};

/** Extracts the text of a .docx as Markdown, refusing anything that is not a readable, reasonable .docx. */
export async function readDocx(bytes: Buffer): Promise<DocxImport> {
  if (bytes.length === 0) refuse('This file is empty. Choose your saved report and try again.');
  if (!looksLikeZip(bytes)) describeNonZip(bytes);

  let rebuilt: Buffer;
  try {
    const entries = readCentralDirectory(bytes, { maxEntries: DOCX_LIMITS.maxEntries });
    const names = new Set(entries.map((e) => e.name));
    if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) {
      if (names.has('mimetype') && [...names].some((n) => n === 'content.xml')) {
        refuse(`This file is an OpenDocument (.odt) file renamed to .docx. ${SAVE_AS}`);
      }
      refuse(`This file is not a Word document, although its name ends in .docx. ${SAVE_AS}`);
    }
    // Only the XML parts carry text; images and embedded objects are never inflated.
    const parts = entries.filter((e) => /\.(xml|rels)$/i.test(e.name) && !e.name.endsWith('/'));
    let total = 0;
    for (const part of parts) {
      if (part.uncompressedSize > DOCX_LIMITS.maxEntryBytes) throw new ZipError('too-large', part.name);
      total += part.uncompressedSize;
      if (total > DOCX_LIMITS.maxTotalBytes) throw new ZipError('too-large', 'total');
    }
    const zip = new JSZip();
    for (const part of parts) zip.file(part.name, extractEntry(bytes, part), { compression: 'STORE' });
    rebuilt = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  } catch (e) {
    if (e instanceof ZipError) refuse(ZIP_MESSAGES[e.reason]);
    throw e;
  }

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: rebuilt },
      {
        // Images are left out of the text (and their bytes were never extracted).
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        styleMap: [
          'p.Title => h1:fresh',
          "p[style-name='Title'] => h1:fresh",
          'p.Subtitle => h2:fresh',
          "p[style-name='Subtitle'] => h2:fresh",
        ],
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch {
    refuse(`This document is damaged and could not be read. ${SAVE_AS}`);
  }

  const { markdown, headings, images } = mammothHtmlToMarkdown(html);
  if (!markdown.trim())
    refuse(
      'We found no text in this document. Check that you chose the right file; text inside images cannot be read.',
    );
  if (markdown.length > MAX_REPORT_CHARS) {
    refuse(
      `This document is far longer than a report for this unit can be (${formatNumber(markdown.length)} characters; the portal keeps up to ${formatNumber(MAX_REPORT_CHARS)}). Shorten it and upload it again.`,
    );
  }
  const notes: string[] = [];
  if (images > 0)
    notes.push(`${images} ${images === 1 ? 'image was' : 'images were'} left out: pictures are not counted as words.`);
  if (headings === 0)
    notes.push(
      "We found no headings. Use Word's Heading styles for your section titles (or add them here with the Heading button) so you can link sections to the criteria.",
    );
  return { markdown, headings, images, notes };
}
