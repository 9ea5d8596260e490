import type { CriterionStatus } from '@/lib/progress/types';
import type { ReportStatus } from '@/lib/reports/types';
import type { WorksheetStatus } from '@/lib/worksheets/learner';

/**
 * Criterion's one vocabulary: the name of every state that learners, assessors, coaches and quality assurers see, and
 * what it means. Badges, lists, dashboards, filters, exports and the glossary page (/glossary) all take their words
 * from here, so one state never goes by two names (it did: "Evidence submitted" on badges, "awaiting judgement" on
 * dashboards). Plain data: safe for client components.
 */
export interface Term {
  label: string;
  /** One sentence for the glossary, for every reader. */
  meaning: string;
}

export const CRITERION_STATE = {
  no_evidence: { label: 'No evidence', meaning: 'Nothing is mapped to the criterion yet.' },
  evidence_submitted: {
    label: 'Awaiting judgement',
    meaning:
      'Evidence is mapped to the criterion and waits for the assessor to judge it: never judged, or changed or added since the last judgement.',
  },
  not_yet_met: {
    label: 'Not yet met',
    meaning: 'The assessor judged the evidence and the criterion is not met yet: the feedback says what is missing.',
  },
  met: { label: 'Met', meaning: 'The assessor judged the evidence and the criterion is met.' },
} as const satisfies Record<CriterionStatus, Term>;

export const REPORT_STATE = {
  not_started: { label: 'Not started', meaning: 'The learner has not written any of the portfolio report yet.' },
  draft: {
    label: 'Draft',
    meaning: 'The learner is writing the report; drafts are saved as they type and only the learner sees them.',
  },
  submitted: {
    label: 'Awaiting assessment',
    meaning: 'A version is submitted and waits for the assessor to sign it off or refer it back.',
  },
  referred: {
    label: 'Referred back',
    meaning: 'The assessor returned the report with feedback: the learner revises it and submits a new version.',
  },
  awaiting_countersignature: {
    label: 'Signed off, awaiting countersignature',
    meaning:
      'The assessor signed the report off, and the centre requires an internal quality assurer to countersign it before the unit counts as complete.',
  },
  signed_off: {
    label: 'Signed off',
    meaning: 'The assessor signed off this exact version (its hash is recorded): it can no longer change.',
  },
} as const satisfies Record<ReportStatus, Term>;

/** A unit's completion for certification (lib/progress/unit.ts decides it). */
export const UNIT_COMPLETION = {
  not_signed_off: { label: 'Not signed off', meaning: 'No sign-off of the unit’s report is in force.' },
  awaiting_countersignature: REPORT_STATE.awaiting_countersignature,
  complete: {
    label: 'Complete',
    meaning: 'Signed off and, where the centre requires it, countersigned: the unit counts for certification.',
  },
} as const satisfies Record<'not_signed_off' | 'awaiting_countersignature' | 'complete', Term>;

/** A criterion whose wording changed after evidence was mapped to it or it was judged (lib/evidence/wording.ts). */
export const WORDING_STATE = {
  changed: {
    label: 'Wording changed',
    meaning:
      'The module’s wording of the criterion changed after evidence was mapped to it or it was judged. Nothing is moved or changed: the learner checks that the evidence still shows the new wording, and the assessor judges it again.',
  },
} as const satisfies Record<'changed', Term>;

/** Beside a criterion whose wording changed, where there is no room for the date (the coach's matrix and its CSV). */
export const WORDING_REVIEW = `${WORDING_STATE.changed.label}: review`;

export const WORKSHEET_STATE = {
  'not-started': { label: 'Not started', meaning: 'No section of the worksheet has an answer yet.' },
  'in-progress': { label: 'In progress', meaning: 'The learner has answered some of it and not handed it in.' },
  'handed-in': {
    label: 'Handed in',
    meaning: 'The learner handed the worksheet in and it waits for the coach’s comments.',
  },
  'changed-since': {
    label: 'Changed since hand-in',
    meaning: 'The learner changed answers after handing the worksheet in; the coach sees the handed-in copy.',
  },
  commented: { label: 'Coach has commented', meaning: 'The coach reviewed the hand-in and left comments.' },
} as const satisfies Record<WorksheetStatus, Term>;

/** An assessor's decision, as records and quality-assurance pages list them. */
export const DECISION = {
  met: CRITERION_STATE.met,
  not_yet_met: CRITERION_STATE.not_yet_met,
  signed_off: REPORT_STATE.signed_off,
  referred: REPORT_STATE.referred,
} as const satisfies Record<string, Term>;

export const QUALITY_STATE = {
  under_review: {
    label: 'Under quality review',
    meaning:
      'An internal quality assurer disagreed with the assessor’s decision on this criterion; it stays recorded while the assessor responds.',
  },
  agree: { label: 'Agreed', meaning: 'The internal quality assurer sampled the decision and agrees with it.' },
  disagree: {
    label: 'Disagreed',
    meaning: 'The internal quality assurer sampled the decision and does not agree: feedback and actions follow.',
  },
  countersigned: {
    label: 'Countersigned',
    meaning: 'An internal quality assurer countersigned the sign-off, binding the same report version’s hash.',
  },
  superseded: {
    label: 'Superseded',
    meaning:
      'A sign-off the quality assurer disagreed with: it stays in the record, and a new decision by the assessor replaces it.',
  },
} as const satisfies Record<string, Term>;

export const REVIEW_STATE = {
  draft: {
    label: 'Open',
    meaning: 'The coach is filling the progress review in with the learner; it is saved as they type.',
  },
  locked: {
    label: 'Signed and locked',
    meaning: 'Everyone who must sign has signed the same content; it is locked and any change is a linked amendment.',
  },
} as const satisfies Record<'draft' | 'locked', Term>;

/** The glossary page's sections, in the order a learner meets them. */
export const GLOSSARY: { title: string; terms: Record<string, Term> }[] = [
  { title: 'Criteria', terms: CRITERION_STATE },
  { title: 'When a standard changes', terms: WORDING_STATE },
  { title: 'Worksheets', terms: WORKSHEET_STATE },
  { title: 'Portfolio report', terms: REPORT_STATE },
  { title: 'Units', terms: UNIT_COMPLETION },
  { title: 'Progress reviews', terms: REVIEW_STATE },
  { title: 'Quality assurance', terms: QUALITY_STATE },
];

/** The label of a state, for maps keyed by the state. */
export const labels = <K extends string>(terms: Record<K, Term>) =>
  Object.fromEntries(Object.entries<Term>(terms).map(([k, t]) => [k, t.label])) as Record<K, string>;
