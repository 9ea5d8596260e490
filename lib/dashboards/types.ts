/** Plain data the dashboard pages receive. Type-only: safe for client components. */
import type { ModuleProgress } from '@/lib/progress/types';

export type { ModuleProgress };

export const STUCK_AFTER_DAYS = 14;
export const STUCK_NOT_YET_MET = 3;

export type CaseloadStatus = 'stuck' | 'awaiting' | 'review' | 'on-track' | 'complete' | 'overdue';
type CaseloadSort = 'attention' | 'name' | 'progress' | 'activity' | 'review';

export interface CaseloadFilters {
  cohortId?: string;
  moduleSlug?: string;
  status?: CaseloadStatus;
  sort?: CaseloadSort;
}

export interface ModuleLine {
  slug: string;
  code: string;
  title: string;
  progress: ModuleProgress;
  /** Signed off, but a cohort of the learner requires an IQA's countersignature it does not have yet. */
  awaitingCountersignature: boolean;
  /** An IQA's disagreement took the unit's sign-off out of force and the assessor has not decided again. */
  signOffSuperseded: boolean;
}

export interface CaseloadRow {
  id: string;
  name: string;
  cohorts: { id: string; name: string }[];
  modules: ModuleLine[];
  /** Sums over the modules shown (all enrolled, or the filtered one). */
  totals: ModuleProgress;
  lastActivity: string | null;
  /** When the quiet spell is measured from if the learner has never done anything: their first enrolment. */
  enrolledAt: string | null;
  worksheetsToReview: number;
  /** The oldest worksheet hand-in still waiting, to open it in one click. */
  firstWorksheetToReview: string | null;
  stuck: boolean;
  stuckReasons: string[];
  /** The next progress review (lib/reviews/schedule.ts): null date when the learner is in no cohort. */
  nextReview: { dueOn: string | null; overdue: boolean };
}

export interface Caseload {
  /** One page of the learners that match the filters, in the chosen order. */
  rows: CaseloadRow[];
  /** How many learners match the filters (status included), and the page shown of how many. */
  matched: number;
  page: number;
  pages: number;
  /** Worksheets waiting for review over everyone in scope, and whose to open first (the most waiting). */
  reviewTotal: number;
  firstReview: { name: string; worksheetId: string } | null;
  /** Before filtering by status: the counts the filter buttons show. */
  counts: Record<Exclude<CaseloadStatus, 'overdue'> | 'all', number> & {
    /** Null when not counted: over every learner of a large caseload it would cost in proportion to them. */
    overdue: number | null;
  };
  /** Progress summed over every learner in scope (before filtering by status). */
  overall: ModuleProgress;
  cohorts: { id: string; name: string }[];
  modules: { slug: string; code: string; title: string }[];
  filters: Required<Pick<CaseloadFilters, 'sort'>> & CaseloadFilters;
}

export interface TrendPoint {
  /** End of the week (ISO date, exclusive end-of-day), the figure is "met at that moment". */
  weekEnding: string;
  met: number;
}

export interface Trend {
  points: TrendPoint[];
  /** Criteria in scope now (for the axis and the words), met now. */
  total: number;
  metNow: number;
}
