import 'server-only';
import { getModule, isAssessableId } from '@/lib/content';
import { getModuleBody } from './module-body';
import { ModuleMain } from './ModuleMain';
import { createSlot, escapeHtml, renderStaticParts, type HtmlPart } from './static-html';

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

/** Where a criterion's status goes: an empty element the page fills in after load (live-statuses.tsx). */
export const statusPlaceholder = (itemId: string) => `<span data-status-for="${escapeHtml(itemId)}"></span>`;

/** The main column as one HTML string, each status slot filled by `fill` (by default, a placeholder). */
export function fillModuleMain(parts: readonly HtmlPart[], fill: (itemId: string) => string = statusPlaceholder): string {
  let html = '';
  for (const part of parts) html += part.kind === 'html' ? part.html : fill(String(part.props.itemId));
  return html;
}
