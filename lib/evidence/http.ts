import 'server-only';
import { ValidationError } from '@/lib/errors';
import { FORM_OVERHEAD_BYTES, assertJsonContentType, readFormDataWithin, readJsonWithin } from '@/lib/body';
import { fileSettings } from '@/lib/files/config';
import { contentDisposition } from '@/lib/files/names';
import { canShowInline, rangeOf } from '@/lib/files/range';
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
 * Serves an uploaded file: as a download (`Content-Disposition: attachment`), or with `?inline=1`, for the evidence
 * page's photo, audio and video players, inline, and then only for the types canShowInline allows (a PDF or an Office
 * file still downloads). Never content-sniffed into something else, never cached by shared caches, sandboxed if
 * opened directly. One byte range (`Range: bytes=…`) gets 206 and only those bytes: media players seek with it, and
 * Safari plays no video without it; the bytes are streamed from the store, never held whole in memory.
 */
export async function fileResponse(actor: Actor, fileId: string, req?: Request): Promise<Response> {
  const file = await getFileForDownload(actor, fileId);
  const inline = req ? new URL(req.url).searchParams.get('inline') === '1' && canShowInline(file.contentType) : false;
  const range = rangeOf(req?.headers.get('range') ?? null, file.sizeBytes);
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.name, inline ? 'inline' : 'attachment'),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
    'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
  };
  if (range.kind === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.sizeBytes}` } });
  if (range.kind === 'part')
    return new Response(await file.open(range), {
      status: 206,
      headers: {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${file.sizeBytes}`,
        'Content-Length': String(range.end - range.start + 1),
      },
    });
  return new Response(await file.open(), {
    status: 200,
    headers: { ...headers, 'Content-Length': String(file.sizeBytes) },
  });
}
