import 'server-only';
import { ValidationError } from '@/lib/errors';
import { FORM_OVERHEAD_BYTES, assertJsonContentType, readFormDataWithin, readJsonWithin } from '@/lib/body';
import { fileSettings } from '@/lib/files/config';
import { contentDisposition } from '@/lib/files/names';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security-headers';
import type { Actor } from '@/lib/permissions';
import { cleanText } from '@/lib/text';
import { parseOrThrow } from '@/lib/validate';
import { createEvidence, type Upload } from './create';
import { getFileForDownload } from './files';
import { createEvidenceSchema, updateEvidenceSchema } from './input';
import { updateEvidence } from './update';

/**
 * The work behind the route handlers, taking the actor explicitly so tests can call it with a
 * constructed Request. The handlers in app/api only add the session.
 */

const TEXT_FIELDS = [
  'kind',
  'learnerId',
  'title',
  'occurredOn',
  'description',
  'body',
  'url',
  'witnessName',
  'witnessRole',
  'witnessContact',
  'worksheetSubmissionId',
  'criteria',
];

/** POST multipart/form-data: the evidence's fields, `criteria` as JSON, and for files a `file` part. */
export async function createEvidenceFromRequest(req: Request, actor: Actor): Promise<Response> {
  const settings = fileSettings();
  const form = await readFormDataWithin(req, settings.maxUploadBytes + FORM_OVERHEAD_BYTES, settings.maxUploadMb);
  const input: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const v = form.get(key);
    if (typeof v === 'string') input[key] = cleanText(v);
    // Only `file` carries a file: one in a text field means the form was not the portal's own.
    else if (v !== null)
      throw new ValidationError(
        'The form was not sent the way the portal sends it, so nothing was saved. Reload the page and try again.',
        { [key]: 'Expected text here.' },
      );
  }
  const part = form.get('file');
  let upload: Upload | undefined;
  if (part && typeof part !== 'string' && part.size > 0) {
    upload = { name: part.name, type: part.type, bytes: new Uint8Array(await part.arrayBuffer()) };
  } else if (part && typeof part !== 'string' && part.name) {
    throw new ValidationError('This file is empty. Choose the file again, or check it opens on your device.', {
      file: 'The file is empty.',
    });
  }
  const created = await createEvidence(actor, parseOrThrow(createEvidenceSchema, input), upload);
  return Response.json(created, { status: 201 });
}

/** PUT application/json: the edited fields with the `version` the editor started from. */
export async function updateEvidenceFromRequest(req: Request, actor: Actor, id: string): Promise<Response> {
  assertJsonContentType(req);
  const body = await readJsonWithin(req, FORM_OVERHEAD_BYTES);
  return Response.json(await updateEvidence(actor, id, parseOrThrow(updateEvidenceSchema, body)));
}

/**
 * Serves an uploaded file as a download only: never rendered inline by the browser, never
 * content-sniffed into something else, never cached by shared caches.
 */
export async function fileResponse(actor: Actor, fileId: string): Promise<Response> {
  const file = await getFileForDownload(actor, fileId);
  return new Response(Buffer.from(file.bytes), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
      'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    },
  });
}
