/**
 * Pages named after what they show, not after one of the roles that reads them. The old addresses (bookmarks,
 * e-mails, browser history) answer a permanent redirect from proxy.ts, which also gives the redirect the
 * security headers every page sends. Only these pages moved: the lists (/assessor/learners, /coach/worksheets,
 * /assessor/reports) stayed where they were.
 */
const MOVED: { from: RegExp; to: (id: string, more?: string) => string }[] = [
  // A learner's portfolio: their assessor judges there; their coach and admins read it.
  { from: /^\/assessor\/learners\/([^/]+)\/?$/, to: (id) => `/learners/${id}` },
  // A worksheet hand-in: the learner's coach comments on it; their assessor and admins read it.
  { from: /^\/coach\/worksheets\/([^/]+)\/?$/, to: (id) => `/hand-ins/${id}` },
  // A learner's report and its versions: their assessor assesses there; their coach and admins read it.
  { from: /^\/assessor\/reports\/([^/]+)\/?$/, to: (id) => `/reports/${id}` },
  { from: /^\/assessor\/reports\/([^/]+)\/versions\/([^/]+)\/?$/, to: (id, n) => `/reports/${id}/versions/${n}` },
];

/** Where a page that moved is now, or null. */
export function movedPagePath(pathname: string): string | null {
  for (const { from, to } of MOVED) {
    const m = from.exec(pathname);
    if (m?.[1]) return to(m[1], m[2]);
  }
  return null;
}
