import type { LinkRequest } from '@/lib/links/types';
/** Plain data the review pages receive. Type-only: safe for client components. */

export interface ReviewTarget {
  /** Stays the same when the target is carried into the next review, so its outcome follows it. */
  key: string;
  text: string;
  /** YYYY-MM-DD; '' while the draft is being written. */
  dueOn: string;
  moduleSlug: string | null;
  criterionId: string | null;
}

/** What the coach writes with the learner: the autosaved value of the review form. */
export interface ReviewContent {
  heldOn: string;
  progress: string;
  wentWell: string;
  supportNeeded: string;
  targets: ReviewTarget[];
}

export type TargetOutcome = 'open' | 'claimed' | 'achieved' | 'not_yet';

/** What the record showed when the review was opened (part of what is signed). */
export interface ReviewRecord {
  /** The day of the last locked review, or null for a first review (then everything so far). */
  since: string | null;
  criteriaMet: { id: string; label: string; at: string }[];
  criteriaAwaiting: { id: string; label: string }[];
  worksheetsHandedIn: { slug: string; title: string; at: string }[];
  /** The last review's targets and what became of them, when this review was opened. */
  previousTargets: { key: string; text: string; dueOn: string; outcome: TargetOutcome }[];
  /** Learning hours logged for days since the last review (absent from reviews opened before hours were logged). */
  hours?: { minutes: number; entries: number };
}

export interface SignatureView {
  signer: 'coach' | 'learner' | 'employer';
  name: string;
  at: string;
  /** Signed the content as it is now (a signature on an earlier wording no longer counts). */
  current: boolean;
}

export interface ReviewView {
  id: string;
  learnerId: string;
  learnerName: string;
  coachName: string;
  number: number;
  status: 'draft' | 'locked';
  amends: { id: string; number: number } | null;
  amendedBy: { id: string; number: number } | null;
  content: ReviewContent;
  record: ReviewRecord;
  version: number;
  updatedAt: string;
  /** SHA-256 of the canonical content as it is now (locked: the one bound). */
  contentSha256: string;
  lockedAt: string | null;
  requiredSigners: ('coach' | 'learner' | 'employer')[];
  signatures: SignatureView[];
  /** What the viewer may do here. */
  can: { edit: boolean; sign: 'coach' | 'learner' | null; amend: boolean };
  /** For the coach: the newest link asking an employer to sign (lib/links/review.ts). */
  employerRequest: LinkRequest | null;
  /** Modules and criteria a target may be linked to (the learner's enrolments). */
  linkOptions: { value: string; label: string }[];
}

export interface TargetLine {
  key: string;
  text: string;
  dueOn: string;
  outcome: TargetOutcome;
  overdue: boolean;
  link: string | null;
}

export interface ReviewListEntry {
  id: string;
  number: number;
  status: 'draft' | 'locked';
  heldOn: string | null;
  amendsNumber: number | null;
  amended: boolean;
  awaiting: ('coach' | 'learner' | 'employer')[];
}

export interface ReviewSummary {
  /** YYYY-MM-DD; null when the learner is in no cohort and has never been reviewed. */
  nextDue: string | null;
  overdue: boolean;
  intervalWeeks: number;
  reviews: ReviewListEntry[];
  targets: TargetLine[];
}
