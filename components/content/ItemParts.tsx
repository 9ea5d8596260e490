import { getEquivalents, getModule, getRangeBlocks, type ContentItem } from '@/lib/content';
import { ITEM_KIND_NAME, itemAnchor, itemHref, itemShortLabel } from './labels';

/** Renders a learner's status for an item; absent for staff and for items nobody is judged on. */
export type StatusFor = (item: ContentItem) => React.ReactNode;

/*
 * Links in module content are plain anchors, not next/link: a module page lists dozens of items, and
 * next/link would prefetch every one in view (dozens of server renders per page view) and add a client
 * component per link to the page's render.
 */

/**
 * One criterion, knowledge item or assessment criterion in its list. The number links to the item's own
 * page (its accessible name says what it is); the wording is the standard's own, unchanged.
 */
export function ItemRow({ item, status, children }: { item: ContentItem; status?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <li id={itemAnchor(item.id)} className="print-break-avoid scroll-mt-6 border-t border-line py-3 first:border-t-0">
      <div className="flex gap-3">
        <a
          href={itemHref(item)}
          aria-label={`${ITEM_KIND_NAME[item.kind]} ${item.number}`}
          className="mt-0.5 inline-flex h-7 min-w-9 shrink-0 items-center justify-center rounded-md border border-brand-200 bg-brand-50 px-1.5 text-sm font-semibold tabular-nums text-brand-700 hover:border-brand-500 hover:bg-brand-100"
        >
          {item.number}
        </a>
        <div className="min-w-0 flex-1">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
            <p className="leading-relaxed text-ink">{item.text}</p>
            {/* Empty for staff: the slot is filled per reader. */}
            {status ? <div className="shrink-0 empty:hidden">{status}</div> : null}
          </div>
          <EquivalentLinks item={item} />
        </div>
      </div>
      {/* Below the number column from small screens up; full width on a phone, where every pixel counts. */}
      {children ? <div className="sm:ml-12">{children}</div> : null}
    </li>
  );
}

/** "Equivalent: WRC PC 1": the crosswalk partners of an item, each linking to its page in the other module. */
function EquivalentLinks({ item }: { item: ContentItem }) {
  const equivalents = getEquivalents(item.id);
  if (!equivalents.length) return null;
  return (
    <p className="mt-1 text-sm text-muted">
      Equivalent:{' '}
      {equivalents.map((eq, i) => (
        <span key={eq.id}>
          {i > 0 ? ', ' : null}
          <EquivalentLink item={eq} />
        </span>
      ))}
    </p>
  );
}

function EquivalentLink({ item }: { item: ContentItem }) {
  const mod = getModule(item.moduleSlug);
  return (
    <a href={itemHref(item)} className="font-medium text-brand-600 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-600">
      {mod?.code} {itemShortLabel(item)}
      <span className="sr-only"> ({mod?.title})</span>
    </a>
  );
}

/** The range of an assessment criterion: its blocks, each with heading, lead-in and items. */
export function RangeBlocks({ acId, standalone = false }: { acId: string; standalone?: boolean }) {
  const blocks = getRangeBlocks(acId);
  if (!blocks.length) return null;
  // Inside a module's criteria list the blocks sit under an h3 outcome; on an item page under the h2 "Range".
  const Heading = standalone ? 'h3' : 'h4';
  const linkItems = standalone;
  return (
    <div className={`mt-3 space-y-3 rounded-lg px-3 py-3 sm:px-4 ${standalone ? 'border border-line bg-white shadow-sm' : 'bg-canvas'}`}>
      {blocks.map((block) => (
        <div key={block.heading} className="print-break-avoid">
          <Heading className="text-sm font-semibold text-brand-900">{block.heading}</Heading>
          {block.intro ? <p className="mt-1 text-sm leading-relaxed text-muted">{block.intro}</p> : null}
          <ul className="mt-1.5 grid list-disc gap-x-8 gap-y-0.5 pl-5 text-sm leading-relaxed marker:text-brand-500 sm:grid-cols-2">
            {block.items.map((r) => (
              <li key={r.id} id={itemAnchor(r.id)} className="scroll-mt-6">
                {linkItems ? (
                  <a href={itemHref(r)} className="underline decoration-line underline-offset-2 hover:text-brand-600 hover:decoration-brand-600">
                    {r.text}
                  </a>
                ) : (
                  r.text
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
