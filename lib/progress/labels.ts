import type { CriterionStatus } from './types';

/** Words for each status, shared by badges, legends and counts. Plain data: safe for client components. */
export const STATUS_LABEL: Record<CriterionStatus, string> = {
  met: 'Met',
  not_yet_met: 'Not yet met',
  evidence_submitted: 'Evidence submitted',
  no_evidence: 'No evidence',
};

export const STATUS_MEANING: Record<CriterionStatus, string> = {
  met: 'Your assessor has judged the evidence and the criterion is met.',
  not_yet_met: 'Your assessor has judged it not yet met: read the feedback, then add or improve evidence.',
  evidence_submitted: 'Evidence is mapped and waiting for your assessor to judge it.',
  no_evidence: 'Nothing is mapped to this criterion yet.',
};

/** Words for a signed-off unit's completion (lib/progress/unit.ts decides it). */
export const UNIT_COMPLETION_LABEL = {
  not_signed_off: 'Not signed off',
  awaiting_countersignature: 'Signed off, awaiting countersignature',
  complete: 'Complete',
} as const;
