import { PublicError, ValidationError } from '@/lib/errors';
import { cleanDeep, decodeUtf8, formHasUndecodableText, replacementCharacterWatcher } from '@/lib/text';
import { FileTooLargeError } from './errors';

/** Room for the form's text fields next to the file itself. */
export const FORM_OVERHEAD_BYTES = 512 * 1024;

/**
 * Reads a multipart form while counting bytes, and stops as soon as the body passes `maxBytes`
 * (a lying or missing Content-Length does not help), so an oversize upload is never held in memory
 * or written anywhere.
 */
export async function readFormDataWithin(req: Request, maxBytes: number, limitMb: number): Promise<FormData> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new FileTooLargeError(limitMb);
  if (!req.body) throw new ValidationError('The form arrived empty. Please try again.');
  let seen = 0;
  let tooLarge = false;
  const replacement = replacementCharacterWatcher();
  const limited = req.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          tooLarge = true;
          controller.error(new FileTooLargeError(limitMb));
          return;
        }
        replacement.push(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  const copy = new Request(req.url, { method: req.method, headers: req.headers, body: limited, duplex: 'half' } as RequestInit);
  let form: FormData;
  try {
    form = await copy.formData();
  } catch {
    if (tooLarge) throw new FileTooLargeError(limitMb);
    // Fewer bytes than announced: the body was cut short on the way (a dropped connection, or a
    // proxy in front of the app buffering less than MAX_UPLOAD_MB).
    if (Number.isFinite(declared) && seen < declared) {
      throw new ValidationError('The upload did not arrive complete, so nothing was saved. Try again; if it keeps failing, try a smaller file.', { file: 'The upload was incomplete.' });
    }
    throw new ValidationError('We could not read the form that was sent. Please try again.');
  }
  // The parser turns bytes that are not UTF-8 into U+FFFD: refuse rather than store text that lost characters.
  if (formHasUndecodableText(form, replacement.seen)) throw new ValidationError(UNREADABLE_TEXT);
  return form;
}

const UNREADABLE_TEXT = 'Some of the text that was sent could not be read (it was not in UTF-8), so nothing was saved. Reload the page and try again.';

/** A JSON body of at most `maxBytes`, read with the same early stop as forms. */
export async function readJsonWithin(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length'));
  const tooBig = () => new ValidationError('What you sent is too long to save. Shorten the text and try again.');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooBig();
  if (!req.body) throw new ValidationError('Nothing was sent. Please try again.');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return parseJsonBytes(Buffer.concat(chunks), 'We could not read what was sent. Please try again.');
}

/**
 * JSON from raw bytes: refused when the bytes are not UTF-8 (instead of silently storing U+FFFD for them) or not
 * JSON; every string cleaned of what the database cannot store.
 */
export function parseJsonBytes(bytes: Uint8Array, unreadable: string): unknown {
  const text = decodeUtf8(bytes);
  if (text === null) throw new ValidationError(unreadable);
  try {
    return cleanDeep(JSON.parse(text));
  } catch {
    throw new ValidationError(unreadable);
  }
}

/**
 * The portal's pages send JSON bodies as application/json. Anything else (a form posted from another page, text)
 * is refused with 415 before it is read.
 */
export function assertJsonContentType(req: Request): void {
  const type = (req.headers.get('content-type') ?? '').toLowerCase().split(';')[0]!.trim();
  if (type !== 'application/json') throw new PublicError('This was not sent the way the portal sends it, so nothing was saved. Reload the page and try again.', 415);
}
