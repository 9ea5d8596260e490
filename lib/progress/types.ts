/**
 * Criterion statuses as every page shows them. Type-only and labels: safe for client components.
 */
export type CriterionStatus = 'no_evidence' | 'evidence_submitted' | 'met' | 'not_yet_met';

export const STATUS_ORDER: CriterionStatus[] = ['evidence_submitted', 'not_yet_met', 'no_evidence', 'met'];

export interface LatestJudgement {
  id: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  assessorId: string;
  assessorName: string;
  at: Date;
  evidenceIds: string[];
  /** Position in the shared activity sequence (orders judgements against evidence changes). */
  seq: number;
}

export interface ItemStatus {
  status: CriterionStatus;
  latestJudgement?: LatestJudgement;
  /** Current (not superseded) pieces of evidence mapped to the item. */
  evidenceCount: number;
  /** Newest evidence activity (saved or mapped) for the item, in the activity sequence. */
  lastEvidenceSeq?: number;
}

export interface ModuleProgress {
  total: number;
  met: number;
  notYetMet: number;
  submitted: number;
  noEvidence: number;
}
