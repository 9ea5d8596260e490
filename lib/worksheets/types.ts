/** Plain data the worksheet pages receive from lib. Type-only, so client components can import it. */
import type { WorksheetAnswers } from './answers';

export interface SubmissionSummary {
  id: string;
  /** 1 for the first hand-in, 2 for the next ... */
  number: number;
  answersVersion: number;
  submittedAt: string;
}

/** A hand-in as evidence refers to it: immutable, by id. */
export interface SubmissionRecord extends SubmissionSummary {
  learnerId: string;
  moduleSlug: string;
  answers: WorksheetAnswers;
}

export interface CommentView {
  id: string;
  submissionId: string;
  submissionNumber: number;
  /** null: about the whole worksheet. */
  sectionId: string | null;
  body: string;
  authorName: string;
  createdAt: string;
}
