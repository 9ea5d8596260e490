import { z } from 'zod';
import type { CaseloadFilters } from './types';
import { uuidSchema } from '@/lib/ids';

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

const schema = z.object({
  cohort: uuidSchema().optional().catch(undefined),
  module: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  status: z.enum(['stuck', 'awaiting', 'review', 'on-track', 'complete', 'overdue']).optional().catch(undefined),
  sort: z.enum(['attention', 'name', 'progress', 'activity', 'review']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

/** The caseload's GET form, read leniently: an unknown value is ignored rather than an error page. */
export function parseCaseloadParams(params: Params): CaseloadFilters & { page: number } {
  const p = schema.parse({
    cohort: first(params.cohort),
    module: first(params.module),
    status: first(params.status),
    sort: first(params.sort),
    page: first(params.page),
  });
  return { cohortId: p.cohort, moduleSlug: p.module, status: p.status, sort: p.sort, page: p.page ?? 1 };
}

export function caseloadHref(f: CaseloadFilters & { page?: number }, base = '/coach'): string {
  const qs = new URLSearchParams();
  if (f.cohortId) qs.set('cohort', f.cohortId);
  if (f.moduleSlug) qs.set('module', f.moduleSlug);
  if (f.status) qs.set('status', f.status);
  if (f.sort && f.sort !== 'attention') qs.set('sort', f.sort);
  if (f.page && f.page > 1) qs.set('page', String(f.page));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

export const STATUS_FILTER_LABEL: Record<NonNullable<CaseloadFilters['status']>, string> = {
  stuck: 'Stuck',
  awaiting: 'Evidence awaiting judgement',
  review: 'Worksheets to review',
  'on-track': 'On track',
  complete: 'All criteria met',
  overdue: 'Progress review overdue',
};

export const SORT_LABEL: Record<NonNullable<CaseloadFilters['sort']>, string> = {
  attention: 'Needs attention first',
  name: 'Name',
  progress: 'Least progress first',
  activity: 'Longest quiet first',
  review: 'Next review first',
};
