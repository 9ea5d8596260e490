import type { Role } from '@/db/schema';

export interface NavItem {
  href: string;
  label: string;
}

/** What each role sees in the header. Links only; every page still checks permission itself. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  learner: [
    { href: '/learner', label: 'My progress' },
    { href: '/learner/evidence', label: 'My evidence' },
    { href: '/learner/report', label: 'My report' },
    { href: '/modules', label: 'Modules' },
    { href: '/worksheets', label: 'Worksheets' },
  ],
  assessor: [
    { href: '/assessor', label: 'Assessment queue' },
    { href: '/assessor/learners', label: 'My learners' },
    { href: '/assessor/reports', label: 'Reports' },
    { href: '/quality/feedback', label: 'QA feedback' },
    { href: '/modules', label: 'Modules' },
  ],
  coach: [
    { href: '/coach', label: 'Caseload' },
    { href: '/coach/worksheets', label: 'Worksheets to review' },
    { href: '/coach/matrix', label: 'Criteria matrix' },
    { href: '/coach/hours', label: 'Learning hours' },
    { href: '/modules', label: 'Modules' },
  ],
  admin: [
    { href: '/admin', label: 'Administration' },
    { href: '/modules', label: 'Modules' },
  ],
  eqa: [{ href: '/eqa', label: 'Visit' }],
};

/** Added for an account that is the internal quality assurer of a cohort (the layout asks the database, per request). */
export const QUALITY_NAV: NavItem = { href: '/quality', label: 'Quality' };

export const ROLE_LABEL: Record<Role, string> = {
  learner: 'Learner',
  assessor: 'Assessor',
  coach: 'Enterprise coach',
  admin: 'Administrator',
  eqa: 'External quality assurer',
};
