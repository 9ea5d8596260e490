/**
 * Where the dashboards send people. The pages themselves belong to other areas (evidence, reports, worksheets);
 * their addresses are kept here so a moved page is one edit.
 */
export const links = {
  assessorLearner: (learnerId: string) => `/assessor/learners/${learnerId}`,
  assessorReport: (learnerId: string) => `/assessor/reports/${learnerId}`,
  coachLearner: (learnerId: string) => `/coach/learners/${learnerId}`,
  coachWorksheet: (submissionId: string) => `/coach/worksheets/${submissionId}`,
  coachMatrix: (cohortId: string, moduleSlug: string) => `/coach/matrix?cohort=${cohortId}&module=${encodeURIComponent(moduleSlug)}`,
  learnerWorksheet: (slug: string) => `/worksheets/${slug}`,
  learnerEvidence: () => '/learner/evidence',
  learnerNewEvidence: (criterionId?: string) => (criterionId ? `/learner/evidence/new?criterion=${encodeURIComponent(criterionId)}` : '/learner/evidence/new'),
  evidence: (id: string) => `/evidence/${id}`,
  learnerReport: () => '/learner/report',
  module: (slug: string) => `/modules/${slug}`,
  export: (learnerId: string, slug: string) => `/export/${learnerId}/${slug}`,
  exportJson: (learnerId: string, slug: string) => `/api/export/${learnerId}/${slug}`,
};
