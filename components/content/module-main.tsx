import 'server-only';
import { getModule, isAssessableId } from '@/lib/content';
import type { CriterionStatus, ItemStatus } from '@/lib/progress/types';
import { getModuleBody } from './module-body';
import { ModuleMain } from './ModuleMain';
import { createSlot, renderStatic, renderStaticParts, type HtmlPart } from './static-html';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';

const StatusSlot = createSlot<{ itemId: string }>('status');
const rendered = new Map<string, Promise<HtmlPart[]>>();

/**
 * A module page's main column as HTML, rendered once per process (MDX evaluated, items laid out) and
 * shared by every request, with a slot where each item's status goes. A failure is not cached, so the
 * next request tries again.
 */
export function getModuleMain(slug: string): Promise<HtmlPart[]> {
  let pending = rendered.get(slug);
  if (!pending) {
    pending = getModuleBody(slug).then((body) =>
      renderStaticParts(
        <ModuleMain
          module={getModule(slug)!}
          body={body}
          statusFor={(item) => (isAssessableId(item.id) ? <StatusSlot itemId={item.id} /> : null)}
        />,
      ),
    );
    pending.catch(() => rendered.delete(slug));
    rendered.set(slug, pending);
  }
  return pending;
}

let statusHtml: Record<CriterionStatus, string> | undefined;

/** The main column for one reader: a learner's statuses filled in, or none for staff (statuses null). */
export function fillModuleMain(parts: readonly HtmlPart[], statuses: Map<string, ItemStatus> | null): string {
  statusHtml ??= {
    met: renderStatic(<ItemStatusBadge status="met" />),
    not_yet_met: renderStatic(<ItemStatusBadge status="not_yet_met" />),
    evidence_submitted: renderStatic(<ItemStatusBadge status="evidence_submitted" />),
    no_evidence: renderStatic(<ItemStatusBadge status="no_evidence" />),
  };
  let html = '';
  for (const part of parts) {
    if (part.kind === 'html') html += part.html;
    else if (statuses) html += statusHtml[statuses.get(String(part.props.itemId))?.status ?? 'no_evidence'];
  }
  return html;
}
