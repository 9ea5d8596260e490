/**
 * Where the dashboards send people. The pages themselves belong to other areas (evidence, reports, worksheets);
 * their addresses are kept here so a moved page is one edit.
 */
export const links = {
  /** A learner's portfolio, criterion by criterion: where their assessor judges; their coach and admins read it. */
  learner: (learnerId: string) => `/learners/${learnerId}`,
  assessorReport: (learnerId: string) => `/reports/${learnerId}`,
  coachLearner: (learnerId: string) => `/coach/learners/${learnerId}`,
  /** A learner's worksheet hand-in: their coach comments on it; their assessor and admins read it. */
  handIn: (submissionId: string) => `/hand-ins/${submissionId}`,
  coachMatrix: (cohortId: string, moduleSlug: string) =>
    `/coach/matrix?cohort=${cohortId}&module=${encodeURIComponent(moduleSlug)}`,
  /** The whole matrix of a cohort and module as a CSV file, every page at once (streamed). */
  coachMatrixCsv: (cohortId: string, moduleSlug: string) =>
    `/api/matrix/csv?cohort=${cohortId}&module=${encodeURIComponent(moduleSlug)}`,
  learnerWorksheet: (slug: string) => `/worksheets/${slug}`,
  learnerEvidence: () => '/learner/evidence',
  learnerNewEvidence: (criterionId?: string) =>
    criterionId ? `/learner/evidence/new?criterion=${encodeURIComponent(criterionId)}` : '/learner/evidence/new',
  evidence: (id: string) => `/evidence/${id}`,
  learnerReport: () => '/learner/report',
  module: (slug: string) => `/modules/${slug}`,
  export: (learnerId: string, slug: string) => `/export/${learnerId}/${slug}`,
  exportJson: (learnerId: string, slug: string) => `/api/export/${learnerId}/${slug}`,
};
