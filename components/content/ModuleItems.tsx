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

/** The module's items, grouped as the standard groups them, each with an anchor and a link to its page. */
export function ModuleItems({ module: mod, statusFor }: { module: ModuleData; statusFor?: StatusFor }) {
  return (
    <>
      {itemSections(mod).map((section) => (
        <section key={section.anchor} aria-labelledby={section.anchor} className="mt-10">
          <h2 id={section.anchor} className="scroll-mt-6 text-xl font-semibold text-brand-900">
            {section.title}
          </h2>
          {mod.kind === 'unit' ? <Outcomes groups={section.groups} statusFor={statusFor} /> : <CriteriaGroups section={section} statusFor={statusFor} />}
        </section>
      ))}
    </>
  );
}

function CriteriaGroups({ section, statusFor }: { section: ItemSection; statusFor?: StatusFor }) {
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
