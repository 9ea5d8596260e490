/**
 * Plain data the report pages and components receive. Type-only and browser-safe: no rows, no
 * database types, only the fields the pages need.
 */
import type { AssessmentData, RangeMark } from '@/db/schema/reports';

export type { AssessmentData, RangeMark };

export interface UnitRules {
  minWords: number;
  maxWords: number;
  excludedSections: string[];
  countHeadings: boolean;
}

interface UnitRangeItem {
  id: string;
  text: string;
}
interface UnitRangeBlock {
  heading: string;
  items: UnitRangeItem[];
}
export interface UnitCriterion {
  id: string;
  number: string;
  text: string;
  range: UnitRangeBlock[];
}
interface UnitOutcome {
  id: string;
  number: string;
  text: string;
  criteria: UnitCriterion[];
}

/** The unit a report is written for: its rules and its outcomes, criteria and range, in order. */
export interface ReportUnit {
  slug: string;
  code: string;
  title: string;
  rules: UnitRules;
  outcomes: UnitOutcome[];
  guidance: string[];
}

export type SectionTags = Record<string, string[]>;

export interface UploadInfo {
  id: string;
  fileName: string;
  byteSize: number;
}

export interface DraftView {
  version: number;
  content: string;
  sectionTags: SectionTags;
  source: 'editor' | 'docx';
  upload: UploadInfo | null;
  updatedAt: string;
}

interface AcJudgementView {
  acId: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
}

export interface DecisionView {
  id: string;
  outcome: 'referred' | 'signed_off';
  feedback: string;
  assessorName: string;
  decidedAt: string;
  declaration: string | null;
  countedWords: number;
  contentHash: string;
  acJudgements: AcJudgementView[];
  rangeMarks: Record<string, RangeMark>;
  discussion: AssessmentData['discussion'];
  /** An IQA's countersignature of this sign-off (issue 20), bound to the same content hash. */
  countersignature: { iqaName: string; at: string; contentHash: string } | null;
}

/** A sign-off an IQA's disagreement superseded: still on the record, no longer in force. */
export interface SupersededSignOff {
  decision: DecisionView;
  supersededAt: string;
  supersededBy: string;
  /** The IQA's feedback with the disagreement. */
  reason: string;
  /** The sampled item the disagreement was recorded on. */
  itemId: string;
}

export interface VersionSummary {
  id: string;
  number: number;
  submittedAt: string;
  countedWords: number;
  totalWords: number;
  contentHash: string;
  decision: { outcome: 'referred' | 'signed_off'; decidedAt: string; assessorName: string } | null;
  /** A newer version was submitted before this one was decided. */
  superseded: boolean;
}

export interface VersionView extends VersionSummary {
  content: string;
  excluded: { heading: string; words: number; reason: string }[];
  sectionTags: SectionTags;
  declaration: string;
  upload: UploadInfo | null;
  decisionDetail: DecisionView | null;
  /** Earlier sign-offs of this version that an IQA's disagreement superseded, oldest first. */
  supersededSignOffs: SupersededSignOff[];
}

/**
 * 'awaiting_countersignature': signed off, but a cohort of the learner requires an IQA's countersignature before the
 * unit counts as complete (lib/progress/unit.ts); 'signed_off' is then complete. A sign-off an IQA's disagreement
 * superseded no longer counts: the version is 'submitted' again, awaiting the assessor's decision.
 */
export type ReportStatus =
  'not_started' | 'draft' | 'submitted' | 'referred' | 'awaiting_countersignature' | 'signed_off';

export interface LearnerReport {
  learner: { id: string; name: string };
  unit: ReportUnit;
  status: ReportStatus;
  draft: DraftView | null;
  /** Newest first. */
  versions: VersionSummary[];
  /** The draft's text is exactly the newest submitted version's. */
  draftMatchesLatest: boolean;
  /** Feedback of the newest decision, shown beside the draft while the learner revises. */
  latestDecision: DecisionView | null;
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}
export type DiffBlock =
  | { type: 'same'; lines: string[] }
  | { type: 'added'; lines: string[] }
  | { type: 'removed'; lines: string[] }
  | { type: 'changed'; parts: DiffPart[] };

export interface VersionDiff {
  fromNumber: number;
  toNumber: number;
  blocks: DiffBlock[];
  wordsAdded: number;
  wordsRemoved: number;
}

export interface AssessmentDraftView {
  version: number;
  data: AssessmentData;
  updatedAt: string;
}

/** What a criterion's "met" can point at without the assessor's own notes: report sections and mapped evidence. */
interface CriterionBasis {
  /** Counted sections the learner linked to the criterion; `index` places the heading in ReportText (id `r-<index>`). */
  sections: { heading: string; index: number }[];
  /** The learner's current evidence mapped to the criterion. */
  evidence: { id: string; title: string; kind: string }[];
}
export type SignOffBasis = Record<string, CriterionBasis>;

export interface AssessorReportView {
  report: LearnerReport;
  /** The newest submitted version in full, or null when nothing has been submitted. */
  latest: VersionView | null;
  diffFromPrevious: VersionDiff | null;
  previousDecision: DecisionView | null;
  /** Only for the assigned assessor while the newest version awaits a decision. */
  assessmentDraft: AssessmentDraftView | null;
  canAssess: boolean;
  /** Only while the assigned assessor can assess: each criterion's sections and evidence (confirm-all's basis). */
  basis: SignOffBasis | null;
}

export const EMPTY_ASSESSMENT: AssessmentData = {
  acs: {},
  range: {},
  discussion: { heldOn: '', acIds: [], notes: '' },
  feedback: '',
};

export const REPORT_DECLARATION =
  "I declare that this report is my own work. Where I have used other people's words or ideas, I have said so and listed them in my references.";

export const SIGNOFF_DECLARATION =
  "I confirm that I have assessed this version of the report, that it is the learner's own work to the best of my knowledge, and that together with any professional discussion recorded here it meets every assessment criterion of the unit.";
