import { PublicError, ValidationError } from '@/lib/errors';
import { FileTooLargeError } from '@/lib/files/errors';
import { cleanDeep, decodeUtf8, formHasUndecodableText, replacementCharacterWatcher } from '@/lib/text';

/**
 * The one way a request body is read: counted while it arrives, and refused with 413 as soon as it passes its cap
 * (the Content-Length when one is sent, else the bytes themselves), so an over-large body is never held in memory
 * or written anywhere. A lying or missing Content-Length does not help.
 */

/** Room for the form's text fields next to the file itself. */
export const FORM_OVERHEAD_BYTES = 512 * 1024;

/** 413 for a body over its cap; the message says what to shorten. */
class BodyTooLargeError extends PublicError {
  constructor(message = 'What you sent is too long to save. Shorten the text and try again.') {
    super(message, 413);
  }
}

type TooLarge = string | (() => PublicError);
const tooLargeError = (tooLarge: TooLarge): PublicError =>
  typeof tooLarge === 'string' ? new BodyTooLargeError(tooLarge) : tooLarge();

function declaredLength(req: Request): number {
  return Number(req.headers.get('content-length') ?? NaN);
}

/** A stream that passes the body on while counting it, and fails with `tooLarge` once it has passed `maxBytes`. */
function capped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => PublicError,
  onChunk?: (chunk: Uint8Array) => void,
) {
  let seen = 0;
  const state = { tooLarge: false, seen: () => seen };
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          state.tooLarge = true;
          controller.error(tooLarge());
          return;
        }
        onChunk?.(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, state };
}

/** The raw body, at most `maxBytes` of it; an absent body is empty. */
export async function readBodyWithin(req: Request, maxBytes: number, tooLarge: TooLarge): Promise<Buffer> {
  const declared = declaredLength(req);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeError(tooLarge);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLargeError(tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export interface JsonBodyMessages {
  /** 413: the body passed its cap. */
  tooLarge?: string;
  /** 400: not UTF-8, or not JSON. */
  unreadable?: string;
  /** 400: no body at all (default: said so). */
  empty?: string;
}

/** A JSON body of at most `maxBytes`, read with the early stop above, every string cleaned. */
export async function readJsonWithin(
  req: Request,
  maxBytes: number,
  messages: JsonBodyMessages = {},
): Promise<unknown> {
  const unreadable = messages.unreadable ?? 'We could not read what was sent. Please try again.';
  const tooLarge = messages.tooLarge ?? 'What you sent is too long to save. Shorten the text and try again.';
  // An announced size over the cap is answered first (413), as readBodyWithin does.
  if (!req.body && !(declaredLength(req) > maxBytes))
    throw new ValidationError(messages.empty ?? 'Nothing was sent. Please try again.');
  return parseJsonBytes(await readBodyWithin(req, maxBytes, tooLarge), unreadable);
}

/** A multipart form of at most `maxBytes` (a file of at most `limitMb` and its fields); over it, 413 for the file. */
export async function readFormDataWithin(req: Request, maxBytes: number, limitMb: number): Promise<FormData> {
  const tooLarge = () => new FileTooLargeError(limitMb);
  const declared = declaredLength(req);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) throw new ValidationError('The form arrived empty. Please try again.');
  const replacement = replacementCharacterWatcher();
  const { stream, state } = capped(req.body, maxBytes, tooLarge, (chunk) => replacement.push(chunk));
  const copy = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: stream,
    duplex: 'half',
  } as RequestInit);
  let form: FormData;
  try {
    form = await copy.formData();
  } catch {
    if (state.tooLarge) throw tooLarge();
    // Fewer bytes than announced: the body was cut short on the way (a dropped connection, or a
    // proxy in front of the app buffering less than MAX_UPLOAD_MB).
    if (Number.isFinite(declared) && state.seen() < declared) {
      throw new ValidationError(
        'The upload did not arrive complete, so nothing was saved. Try again; if it keeps failing, try a smaller file.',
        { file: 'The upload was incomplete.' },
      );
    }
    throw new ValidationError('We could not read the form that was sent. Please try again.');
  }
  // The parser turns bytes that are not UTF-8 into U+FFFD: refuse rather than store text that lost characters.
  if (formHasUndecodableText(form, replacement.seen)) throw new ValidationError(UNREADABLE_TEXT);
  return form;
}

const UNREADABLE_TEXT =
  'Some of the text that was sent could not be read (it was not in UTF-8), so nothing was saved. Reload the page and try again.';

/**
 * JSON from raw bytes: refused when the bytes are not UTF-8 (instead of silently storing U+FFFD for them) or not
 * JSON; every string cleaned of what the database cannot store.
 */
function parseJsonBytes(bytes: Uint8Array, unreadable: string): unknown {
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
  if (type !== 'application/json')
    throw new PublicError(
      'This was not sent the way the portal sends it, so nothing was saved. Reload the page and try again.',
      415,
    );
}
