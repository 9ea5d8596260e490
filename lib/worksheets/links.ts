/** Addresses of worksheet pages, for other parts of the app (evidence, dashboards) to link to. */
export const worksheetHref = (slug: string) => `/worksheets/${slug}`;

/** A hand-in, read-only with its comments: the learner's own view, or the review page for coach, assessor and admin. */
export function handInHref(submission: { id: string; moduleSlug: string }, viewer: 'learner' | 'staff'): string {
  return viewer === 'learner' ? `/worksheets/${submission.moduleSlug}/hand-ins/${submission.id}` : `/hand-ins/${submission.id}`;
}
