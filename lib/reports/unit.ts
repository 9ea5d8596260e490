import 'server-only';
import { getModule, getRangeBlocks } from '@/lib/content';
import type { ReportUnit } from './types';

/** The unit whose portfolio route is a report (unit 306/696). */
export const REPORT_MODULE_SLUG = 'u306-customers-retention';

let cached: ReportUnit | undefined;

/**
 * The unit's rules, outcomes, criteria and range as plain data for pages and client components.
 * Content is fixed for the life of the process, so this is computed once.
 */
export function reportUnit(): ReportUnit {
  if (cached) return cached;
  const mod = getModule(REPORT_MODULE_SLUG);
  if (!mod?.reportRules) throw new Error(`content: ${REPORT_MODULE_SLUG} has no reportRules`);
  const outcomes = mod.groups.map((group, i) => ({
    id: group.id,
    number: String(i + 1),
    text: group.title,
    criteria: group.items
      .filter((item) => item.kind === 'ac')
      .map((ac) => ({
        id: ac.id,
        number: ac.number,
        text: ac.text,
        range: getRangeBlocks(ac.id).map((b) => ({
          heading: b.heading,
          items: b.items.map((r) => ({ id: r.id, text: r.text })),
        })),
      })),
  }));
  cached = {
    slug: mod.slug,
    code: mod.code,
    title: mod.title,
    rules: { ...mod.reportRules, excludedSections: [...mod.reportRules.excludedSections] },
    outcomes,
    guidance: [...(mod.guidance ?? [])],
  };
  return cached;
}

export function allCriterionIds(unit: ReportUnit): string[] {
  return unit.outcomes.flatMap((o) => o.criteria.map((c) => c.id));
}

export function allRangeIds(unit: ReportUnit): string[] {
  return unit.outcomes.flatMap((o) => o.criteria.flatMap((c) => c.range.flatMap((b) => b.items.map((i) => i.id))));
}
