import 'server-only';
import { ValidationError } from '@/lib/errors';
import { FORM_OVERHEAD_BYTES, assertJsonContentType, readBodyWithin, readJsonWithin } from '@/lib/body';
import type { Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import { MAX_CHUNK_BYTES } from './config';
import { finalizeFieldsSchema, offsetSchema, startUploadSchema } from './input';
import { finalizeUpload, receiveChunk, startUpload, uploadStatus, type UploadState } from './uploads';

/**
 * The resumable upload protocol over HTTP (the phone's side: components/captures/queue.ts). The handlers in
 * app/api/uploads only add the session; tests call these with a constructed Request.
 */

const noStore = { 'Cache-Control': 'private, no-store' };
const stateResponse = (state: UploadState, status = 200) =>
  Response.json(state, { status, headers: { ...noStore, 'Upload-Offset': String(state.receivedBytes) } });

/** POST /api/uploads, JSON: the capture's key, name, type, size and SHA-256. */
export async function startUploadFromRequest(req: Request, actor: Actor): Promise<Response> {
  assertJsonContentType(req);
  const body = await readJsonWithin(req, 16 * 1024);
  return stateResponse(await startUpload(actor, parseOrThrow(startUploadSchema, body)), 201);
}

/** GET /api/uploads/[id]: how much has arrived (also in the Upload-Offset header), and the evidence once made. */
export async function uploadStatusFromRequest(actor: Actor, id: string): Promise<Response> {
  return stateResponse(await uploadStatus(actor, id));
}

/** PUT /api/uploads/[id]?offset=N, application/octet-stream: the piece that starts at N. */
export async function receiveChunkFromRequest(req: Request, actor: Actor, id: string): Promise<Response> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/octet-stream')
    throw new ValidationError('Send the piece of the file as application/octet-stream.');
  const offset = parseOrThrow(offsetSchema, new URL(req.url).searchParams.get('offset') ?? undefined);
  const bytes = await readBodyWithin(req, MAX_CHUNK_BYTES, 'This piece of the file is too large.');
  return stateResponse(await receiveChunk(actor, id, offset, new Uint8Array(bytes)));
}

/** POST /api/uploads/[id], JSON: the evidence's title, date, description and criteria. 201 when made, 200 when made before. */
export async function finalizeUploadFromRequest(req: Request, actor: Actor, id: string): Promise<Response> {
  assertJsonContentType(req);
  const body = parseOrThrow(finalizeFieldsSchema, await readJsonWithin(req, FORM_OVERHEAD_BYTES));
  const done = await finalizeUpload(actor, id, body);
  return Response.json(done, { status: done.created ? 201 : 200, headers: noStore });
}
