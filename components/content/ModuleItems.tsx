import { getItem, type ItemGroup, type ModuleData } from '@/lib/content';
import { itemAnchor, itemHref } from './labels';
import { ItemRow, RangeBlocks, type StatusFor } from './ItemParts';

export interface ItemSection {
  /** Fragment id of the section heading, for the page's "On this page" links. */
  anchor: string;
  title: string;
  groups: ItemGroup[];
}

const KNOW_LEAD = 'You need to know and understand:';

/** Consecutive groups in the same part of the standard ("Performance criteria", ...) form one section. */
export function itemSections(mod: ModuleData): ItemSection[] {
  if (mod.kind === 'unit') {
    return mod.groups.length ? [{ anchor: 'outcomes', title: 'Learning outcomes and assessment criteria', groups: [...mod.groups] }] : [];
  }
  const sections: ItemSection[] = [];
  for (const group of mod.groups) {
    const title = group.section ?? group.title;
    const last = sections.at(-1);
    if (last && last.title === title) last.groups.push(group);
    else sections.push({ anchor: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), title, groups: [group] });
  }
  return sections;
}

/**
 * Above this many items a module's groups start closed: a national framework of a thousand statements is read
 * heading by heading, not scrolled through. (Browsers open a closed group when find-in-page or a link lands in it.)
 */
const COLLAPSE_ABOVE = 150;

/** The module's items, grouped as the standard groups them, each with an anchor and a link to its page. */
export function ModuleItems({ module: mod, statusFor }: { module: ModuleData; statusFor?: StatusFor }) {
  const total = mod.groups.reduce((n, g) => n + g.items.length, 0);
  const collapse = total > COLLAPSE_ABOVE;
  return (
    <>
      {collapse ? (
        <p className="mt-8 text-sm text-muted">
          {total} items under {mod.groups.length} headings. Open a heading to see its items, or search the page for a word or code.
        </p>
      ) : null}
      {itemSections(mod).map((section) => (
        <section key={section.anchor} aria-labelledby={section.anchor} className="mt-10">
          <h2 id={section.anchor} className="scroll-mt-6 text-xl font-semibold text-brand-900">
            {section.title}
          </h2>
          {mod.kind === 'unit' ? (
            <Outcomes groups={section.groups} statusFor={statusFor} />
          ) : (
            <CriteriaGroups section={section} statusFor={statusFor} collapse={collapse} />
          )}
        </section>
      ))}
    </>
  );
}

function CriteriaGroups({ section, statusFor, collapse }: { section: ItemSection; statusFor?: StatusFor; collapse: boolean }) {
  if (collapse) {
    return (
      <>
        {section.groups.map((group) => (
          <details key={group.id} className="group mt-3 rounded-xl border border-line bg-white shadow-sm">
            <summary className="flex cursor-pointer list-none items-start gap-2 px-4 py-3 text-base font-semibold text-brand-900">
              <span aria-hidden="true" className="mt-0.5 inline-block transition-transform group-open:rotate-90">
                ▸
              </span>
              <span className="flex-1">{group.title}</span>
              <span className="whitespace-nowrap text-sm font-normal text-muted">
                {group.items.length} {group.items.length === 1 ? 'item' : 'items'}
              </span>
            </summary>
            {group.intro ? <p className="px-4 font-medium text-ink">{group.intro}</p> : null}
            <ol className="border-t border-line px-4">
              {group.items.map((item) => (
                <ItemRow key={item.id} item={item} status={statusFor?.(item)} />
              ))}
            </ol>
          </details>
        ))}
      </>
    );
  }
  // The national standards open their knowledge section with this line; EE2's heading already says it.
  const needsKnowLead =
    section.groups[0]?.items[0]?.kind === 'k' && !section.groups[0].intro && !/know and understand/i.test(section.title);
  return (
    <>
      {needsKnowLead ? <p className="mt-2 font-medium text-ink">{KNOW_LEAD}</p> : null}
      {section.groups.map((group) => (
        <div key={group.id} className="mt-4">
          {group.title !== section.title ? <h3 className="text-base font-semibold text-brand-900">{group.title}</h3> : null}
          {group.intro ? <p className="mt-1 font-medium text-ink">{group.intro}</p> : null}
          <ol className="mt-2 rounded-xl border border-line bg-white px-4 shadow-sm">
            {group.items.map((item) => (
              <ItemRow key={item.id} item={item} status={statusFor?.(item)} />
            ))}
          </ol>
        </div>
      ))}
    </>
  );
}

function Outcomes({ groups, statusFor }: { groups: ItemGroup[]; statusFor?: StatusFor }) {
  return (
    <>
      {groups.map((group) => {
        const outcome = getItem(group.id);
        return (
          <div key={group.id} id={itemAnchor(group.id)} className="mt-6 scroll-mt-6">
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">
              {outcome ? (
                <a href={itemHref(outcome)} className="hover:underline">
                  Learning outcome {outcome.number}
                </a>
              ) : null}
            </p>
            <h3 className="mt-0.5 text-lg font-semibold text-brand-900">{group.title}</h3>
            {group.intro ? <p className="mt-1 font-medium text-ink">{group.intro}</p> : null}
            <ol className="mt-2 rounded-xl border border-line bg-white px-4 shadow-sm">
              {group.items.map((ac) => (
                <ItemRow key={ac.id} item={ac} status={statusFor?.(ac)}>
                  <RangeBlocks acId={ac.id} />
                </ItemRow>
              ))}
            </ol>
          </div>
        );
      })}
    </>
  );
}
