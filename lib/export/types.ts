import type { WitnessConfirmation } from '@/lib/links/types';
/** The portfolio record of one learner on one module, as exported for external quality assurance. Plain JSON data. */
interface ExportJudgement {
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  assessor: string;
  at: string;
  citedEvidence: { id: string; title: string }[];
  learnerReplies: { note: string; by: string; at: string }[];
}

export interface ExportEvidence {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  occurredOn: string;
  recordedBy: string;
  recordedAt: string;
  description: string;
  /** Written account, witness statement, observation or discussion record: plain text as written. */
  text: string | null;
  url: string | null;
  /** The witness, and their answer by link: confirmed or disputed, by the name they typed, when. */
  witness: { name: string; role: string; contact: string; confirmation: WitnessConfirmation | null } | null;
  file: { name: string; sizeBytes: number; contentType: string; sha256: string } | null;
  version: number;
  /** The learner's reason for mapping this evidence to the criterion. */
  rationale: string;
}

export interface ExportCriterion {
  id: string;
  label: string;
  text: string;
  group: string | undefined;
  status: 'no_evidence' | 'evidence_submitted' | 'met' | 'not_yet_met';
  evidence: ExportEvidence[];
  /** Newest first. */
  judgements: ExportJudgement[];
}

export interface ExportReportVersion {
  number: number;
  submittedAt: string;
  countedWords: number;
  totalWords: number;
  contentHash: string;
  decision: {
    outcome: 'referred' | 'signed_off';
    assessor: string;
    decidedAt: string;
    feedback: string;
    declaration: string | null;
    contentHash: string;
    countedWords: number;
    criteria: { acId: string; label: string; outcome: 'met' | 'not_yet_met'; feedback: string }[];
  } | null;
}

export interface ExportWorksheetSubmission {
  number: number;
  submittedAt: string;
  sections: { title: string; answer: string[] }[];
  comments: { section: string | null; body: string; by: string; at: string }[];
}

export interface PortfolioExport {
  format: 'criterion-portfolio-export';
  formatVersion: 1;
  generatedAt: string;
  generatedBy: { name: string; role: string };
  learner: { id: string; name: string; email: string };
  module: { slug: string; code: string; title: string; kind: string };
  staff: { assessors: string[]; coaches: string[] };
  summary: { total: number; met: number; notYetMet: number; submitted: number; noEvidence: number };
  criteria: ExportCriterion[];
  report: {
    minWords: number;
    maxWords: number;
    versions: ExportReportVersion[];
    signedOff: ExportReportVersion | null;
  } | null;
  worksheet: { submissions: ExportWorksheetSubmission[] } | null;
}
