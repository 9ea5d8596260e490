import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import { authorize, type Actor } from '@/lib/permissions';
import { fileSettings } from '@/lib/files/config';
import { enrolledSlugs, pickerCatalog } from './criteria';
import { LIMITS } from './input';
import { worksheetChoices } from './worksheets';

/** What the evidence form needs for one learner: their criteria, their hand-ins and the limits. */
export async function evidenceFormData(actor: Actor, learnerId: string, db: DbOrTx = getDb()) {
  await authorize(actor, 'evidence.view', learnerId, db);
  const [slugs, worksheets] = await Promise.all([enrolledSlugs(db, learnerId), worksheetChoices(db, learnerId)]);
  return {
    picker: pickerCatalog(slugs),
    worksheets: worksheets.map(({ id, label, criteria }) => ({ id, label, criteria })),
    limits: formLimits(),
    blank: blankValues(),
  };
}

export function formLimits() {
  return {
    title: LIMITS.title,
    description: LIMITS.description,
    body: LIMITS.body,
    note: LIMITS.note,
    maxUploadMb: fileSettings().maxUploadMb,
  };
}

export function blankValues() {
  return {
    title: '',
    occurredOn: new Date().toISOString().slice(0, 10),
    description: '',
    body: '',
    url: '',
    witnessName: '',
    witnessRole: '',
    witnessContact: '',
    worksheetSubmissionId: '',
    criteria: [] as { id: string; note: string }[],
  };
}
