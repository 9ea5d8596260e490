import type { DbOrTx } from '@/db/client';
import * as create from '@/lib/evidence/create';
import { createEvidenceSchema, updateEvidenceSchema } from '@/lib/evidence/input';
import * as update from '@/lib/evidence/update';
import type { Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';

/**
 * The evidence use cases as the route handlers call them (lib/evidence/http.ts): the input parsed at the boundary
 * first (a refusal there is the same ValidationError), then the use case with the typed input.
 */
export async function createEvidence(actor: Actor, raw: unknown, upload?: create.Upload, db?: DbOrTx) {
  return create.createEvidence(actor, parseOrThrow(createEvidenceSchema, raw), upload, db);
}

export async function updateEvidence(actor: Actor, id: string, raw: unknown, db?: DbOrTx) {
  return update.updateEvidence(actor, id, parseOrThrow(updateEvidenceSchema, raw), db);
}
