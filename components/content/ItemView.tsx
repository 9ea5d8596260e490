import { getEquivalents, getItem, getModule, isAssessableId, listModules, type ContentItem, type ModuleData } from '@/lib/content';
import { RangeBlocks } from './ItemParts';
import { ITEM_KIND_NAME, itemHref, itemShortLabel, moduleHref, recordEvidenceHref, worksheetHref } from './labels';
import { LiveItemStatus, type LiveStatuses } from './live-statuses';
import { PrintButton } from './PrintButton';

export interface ItemViewProps {
  item: ContentItem;
  module: ModuleData;
  /** The learner's statuses already known (tests); pages leave it out and they are fetched after load. */
  live?: LiveStatuses | null;
  /** Neighbouring items of the same list, for moving through a module one item at a time. */
  previous?: ContentItem;
  next?: ContentItem;
}

/** "Assessment criterion 2.4", "Range item for AC 2.4". */
export function itemTitle(item: ContentItem): string {
  const parent = item.kind === 'range' && item.parentId ? getItem(item.parentId) : undefined;
  if (item.kind === 'range') return parent ? `Range item for ${itemShortLabel(parent)}` : ITEM_KIND_NAME.range;
  return `${ITEM_KIND_NAME[item.kind]} ${item.number}`;
}

const linkClass = 'font-medium text-brand-600 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-600';

/** One item's own page: its wording, where it sits, its range, its equivalents and (for learners, filled in after load) its status. */
export function ItemView({ item, module: mod, live, previous, next }: ItemViewProps) {
  const title = itemTitle(item);
  return (
    <article className="max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-muted">
          <li>
            <a href="/modules" className="text-brand-600 underline-offset-2 hover:underline">
              Modules
            </a>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <a href={moduleHref(mod.slug)} className="text-brand-600 underline-offset-2 hover:underline">
              {mod.code}
            </a>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page">{itemShortLabel(item)}</li>
        </ol>
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-muted">
            {mod.code} · {mod.title}
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-brand-900 sm:text-3xl">{title}</h1>
        </div>
        <PrintButton />
      </header>

      <blockquote className="print-break-avoid mt-4 rounded-xl border border-line border-l-4 border-l-brand-500 bg-white px-5 py-4 text-lg leading-relaxed text-ink shadow-sm">
        <p>{item.text}</p>
      </blockquote>

      {isAssessableId(item.id) ? <LiveItemStatus slug={mod.slug} initial={live} itemId={item.id} evidenceHref={recordEvidenceHref(item.id)} label={itemShortLabel(item)} /> : null}

      <Placement item={item} module={mod} />
      <KindDetail item={item} />
      <Equivalents item={item} />
      <References item={item} module={mod} />
      <Worksheets item={item} />

      {previous || next ? (
        <nav aria-label="Items in this module" className="no-print mt-10 flex flex-wrap justify-between gap-3 border-t border-line pt-4 text-sm">
          {previous ? (
            <a href={itemHref(previous)} className={linkClass}>
              <span aria-hidden="true">← </span>Previous: {itemShortLabel(previous)}
            </a>
          ) : (
            <span />
          )}
          {next ? (
            <a href={itemHref(next)} className={linkClass}>
              Next: {itemShortLabel(next)}
              <span aria-hidden="true"> →</span>
            </a>
          ) : null}
        </nav>
      ) : null}
    </article>
  );
}

/** Where the item sits: its module, its part of the standard, its outcome or criterion. */
function Placement({ item, module: mod }: { item: ContentItem; module: ModuleData }) {
  const group = mod.groups.find((g) => g.id === item.groupId);
  const parent = item.parentId ? getItem(item.parentId) : undefined;
  const outcome = item.kind === 'range' && parent?.parentId ? getItem(parent.parentId) : undefined;
  const rows: { label: string; value: React.ReactNode }[] = [
    {
      label: 'Module',
      value: (
        <a href={moduleHref(mod.slug)} className={linkClass}>
          {mod.title}
        </a>
      ),
    },
  ];
  if (group && mod.kind !== 'unit') {
    const part = group.section && group.section !== group.title ? `${group.section}: ${group.title}` : group.title;
    rows.push({ label: 'Listed under', value: part });
  }
  const lo = item.kind === 'ac' ? parent : outcome;
  if (lo) rows.push({ label: 'Learning outcome', value: <ItemLink item={lo} /> });
  if (item.kind === 'range' && parent) {
    rows.push({ label: 'Assessment criterion', value: <ItemLink item={parent} /> });
    if (item.rangeHeading) rows.push({ label: 'Range', value: item.rangeHeading });
  }
  return (
    <section aria-labelledby="placement" className="mt-8">
      <h2 id="placement" className="text-lg font-semibold text-brand-900">
        Where it sits
      </h2>
      <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="text-sm font-semibold text-muted sm:pt-px">{r.label}</dt>
            <dd className="-mt-1.5 sm:mt-0">{r.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ItemLink({ item }: { item: ContentItem }) {
  return (
    <a href={itemHref(item)} className={linkClass}>
      {itemShortLabel(item)}: {item.text}
    </a>
  );
}

/** An outcome lists its criteria; a criterion shows its range. */
function KindDetail({ item }: { item: ContentItem }) {
  if (item.kind === 'lo') {
    const group = getModule(item.moduleSlug)?.groups.find((g) => g.id === item.id);
    if (!group) return null;
    return (
      <section aria-labelledby="criteria" className="mt-8">
        <h2 id="criteria" className="text-lg font-semibold text-brand-900">
          Assessment criteria
        </h2>
        {group.intro ? <p className="mt-1 text-muted">{group.intro}</p> : null}
        <ol className="mt-2 space-y-1.5">
          {group.items.map((ac) => (
            <li key={ac.id} className="flex gap-3">
              <span className="w-8 shrink-0 font-semibold tabular-nums text-brand-700">{ac.number}</span>
              <a href={itemHref(ac)} className={linkClass}>
                {ac.text}
              </a>
            </li>
          ))}
        </ol>
      </section>
    );
  }
  if (item.kind === 'ac') {
    return (
      <section aria-labelledby="range" className="mt-8">
        <h2 id="range" className="text-lg font-semibold text-brand-900">
          Range
        </h2>
        <p className="mt-1 text-sm text-muted">The topics that evidence for this criterion is expected to cover.</p>
        <RangeBlocks acId={item.id} standalone />
      </section>
    );
  }
  if (item.kind === 'range' && item.parentId) {
    const ac = getItem(item.parentId);
    if (!ac) return null;
    return (
      <p className="mt-8 rounded-lg border border-line bg-white px-4 py-3 text-sm leading-relaxed shadow-sm">
        One of the topics that evidence for{' '}
        <a href={itemHref(ac)} className={linkClass}>
          {itemShortLabel(ac)}
        </a>{' '}
        is expected to cover. Range items are not judged on their own: evidence is recorded against the assessment
        criterion.
      </p>
    );
  }
  return null;
}

function Equivalents({ item }: { item: ContentItem }) {
  const equivalents = getEquivalents(item.id);
  if (!equivalents.length) return null;
  return (
    <section aria-labelledby="equivalents" className="mt-8">
      <h2 id="equivalents" className="text-lg font-semibold text-brand-900">
        Equivalent items in other modules
      </h2>
      <p className="mt-1 text-sm text-muted">These say the same thing, so the same evidence can be offered against each of them.</p>
      <ul className="mt-3 space-y-2">
        {equivalents.map((eq) => {
          const other = getModule(eq.moduleSlug);
          return (
            <li key={eq.id} className="print-break-avoid rounded-lg border border-line bg-white px-4 py-3 shadow-sm">
              <a href={itemHref(eq)} className={linkClass}>
                {other?.title}: {itemShortLabel(eq)}
              </a>
              <p className="mt-1 text-ink">{eq.text}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What an imported framework links this item to outside Criterion (CASE isRelatedTo, exemplar, exactMatchOf...). */
function References({ item, module: mod }: { item: ContentItem; module: ModuleData }) {
  const refs = mod.source?.references.filter((r) => r.item === item.id) ?? [];
  if (!refs.length) return null;
  return (
    <section aria-labelledby="references" className="mt-8">
      <h2 id="references" className="text-lg font-semibold text-brand-900">
        Linked in the source framework
      </h2>
      <p className="mt-1 text-sm text-muted">Where {mod.source!.title} points from this item, outside this portal.</p>
      <ul className="mt-3 space-y-2">
        {refs.map((r) => (
          <li key={`${r.type} ${r.identifier}`} className="print-break-avoid rounded-lg border border-line bg-white px-4 py-3 shadow-sm">
            <p className="text-sm font-medium text-muted">{REFERENCE_TYPE[r.type] ?? r.type}</p>
            {r.uri && /^https?:\/\//.test(r.uri) ? (
              <a href={r.uri} className={linkClass} rel="noopener noreferrer nofollow">
                {r.title ?? r.uri}
              </a>
            ) : (
              <p className="text-ink">{r.title ?? r.identifier}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const REFERENCE_TYPE: Record<string, string> = {
  exactMatchOf: 'The same as',
  isRelatedTo: 'Related to',
  exemplar: 'Example',
  precedes: 'Comes before',
  isPeerOf: 'Peer of',
  isPartOf: 'Part of',
  replacedBy: 'Replaced by',
  hasSkillLevel: 'Skill level',
  isTranslationOf: 'Translation of',
};

/** Worksheets whose completed answers can be offered as evidence for this item. */
function Worksheets({ item }: { item: ContentItem }) {
  const sheets = listModules()
    .map((m) => getModule(m.slug)!)
    .filter((m) => m.worksheet?.evidences.includes(item.id));
  if (!sheets.length) return null;
  return (
    <section aria-labelledby="worksheets" className="no-print mt-8">
      <h2 id="worksheets" className="text-lg font-semibold text-brand-900">
        Worksheets that can count as evidence
      </h2>
      <ul className="mt-2 space-y-1">
        {sheets.map((m) => (
          <li key={m.slug}>
            <a href={worksheetHref(m.slug)} className={linkClass}>
              {m.code} {m.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
