import { CRITERION_STATE, labels, QUALITY_STATE, REPORT_STATE, UNIT_COMPLETION } from '@/lib/vocabulary';
import type { CriterionStatus } from './types';

/** Words for each status, shared by badges, legends and counts (from the one vocabulary, lib/vocabulary.ts). */
export const STATUS_LABEL = labels(CRITERION_STATE);

export const STATUS_MEANING: Record<CriterionStatus, string> = {
  met: 'Your assessor has judged the evidence and the criterion is met.',
  not_yet_met: 'Your assessor has judged it not yet met: read the feedback, then add or improve evidence.',
  evidence_submitted: 'Evidence is mapped and waiting for your assessor to judge it.',
  no_evidence: 'Nothing is mapped to this criterion yet.',
};

/** Words for a signed-off unit's completion (lib/progress/unit.ts decides it). */
export const UNIT_COMPLETION_LABEL = labels(UNIT_COMPLETION);

/** A unit whose sign-off an IQA's disagreement took out of force: back with the assessor, so not "All met". */
export const SIGN_OFF_SUPERSEDED_NOTE = `Sign-off ${QUALITY_STATE.superseded.label.toLowerCase()} after quality review: ${REPORT_STATE.submitted.label.toLowerCase()}`;
