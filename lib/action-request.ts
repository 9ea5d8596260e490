import { readBodyWithin } from '@/lib/body';
import { isPublicError } from '@/lib/errors';
import { decodeUtf8, formHasUndecodableText, replacementCharacterWatcher } from '@/lib/text';
import { isCrossSite } from '@/lib/security-headers';

/**
 * A server action's request, checked in proxy.ts before Next decodes it. Next answers a body it cannot decode
 * (malformed JSON or multipart, a Content-Type it does not expect, a root that is not a list of arguments), a
 * foreign Origin, or a body over its size limit with a 500, and quietly turns bytes that are not UTF-8 into U+FFFD.
 * The portal's pages never send any of these (React sends the arguments as a JSON list in text/plain, or multipart
 * when a form is involved), so they are refused here with a 4xx and nothing runs.
 *
 * Next treats two kinds of POST to a page as an action: one with a Next-Action header (the browser's fetch), and any
 * multipart/form-data POST (a form submitted before the page's JavaScript loaded, its action named in the fields).
 * Both are checked.
 */

/** Keep in step with experimental.serverActions.bodySizeLimit in next.config.mjs. */
const ACTION_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const TOO_LARGE = 'What you sent is far too long to save. Shorten it and try again.';
const NOT_OURS = 'This was not sent the way the portal sends it, so nothing was saved. Reload the page and try again.';
const UNREADABLE = 'What was sent could not be read, so nothing was saved. Reload the page and try again.';
const NOT_UTF8 =
  'Some of the text that was sent could not be read (it was not in UTF-8), so nothing was saved. Reload the page and try again.';
const CROSS_SITE =
  'This request came from another site, so nothing was saved. Open the portal itself and try again there.';

const refuse = (status: number, error: string) =>
  Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/** React's reply: the root row is always the list of the action's arguments. */
function isArgumentList(json: string): boolean {
  try {
    return Array.isArray(JSON.parse(json));
  } catch {
    return false;
  }
}

/** A 4xx answer for a server action request the action must not see, or null to let it through. */
export async function refuseBadActionRequest(req: Request): Promise<Response | null> {
  if (req.method !== 'POST') return null;
  // Only the parameters are lower-cased for the check: a multipart boundary is case-sensitive.
  const contentType = req.headers.get('content-type') ?? '';
  const fetched = req.headers.get('next-action') !== null;
  // Next's own test for a form posted without JavaScript (case-sensitive, as here).
  const posted = contentType.startsWith('multipart/form-data');
  if (!fetched && !posted) return null;
  // Next aborts an action whose Origin names another host, but with a 500; an empty Origin made it throw.
  if (isCrossSite(req)) return refuse(403, CROSS_SITE);
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT_BYTES) return refuse(413, TOO_LARGE);
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  if (type !== 'text/plain' && type !== 'multipart/form-data') return refuse(415, NOT_OURS);

  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readBodyWithin(req.clone(), ACTION_BODY_LIMIT_BYTES, TOO_LARGE));
  } catch (e) {
    if (isPublicError(e)) return refuse(e.status, e.message);
    throw e;
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return refuse(400, UNREADABLE);
    }
    const replacement = replacementCharacterWatcher();
    replacement.push(bytes);
    if (formHasUndecodableText(form, replacement.seen)) return refuse(400, NOT_UTF8);
    // A fetched action's arguments are in field "0"; without it Next waits for a row that never comes.
    const root = form.get('0');
    if (fetched && (typeof root !== 'string' || !isArgumentList(root))) return refuse(400, UNREADABLE);
    return null;
  }
  const text = decodeUtf8(bytes);
  if (text === null) return refuse(400, NOT_UTF8);
  return isArgumentList(text) ? null : refuse(400, UNREADABLE);
}
