import type { Metadata } from 'next';
import Link from 'next/link';
import { itemHref, itemShortLabel, ITEM_KIND_NAME, moduleHref } from '@/components/content/labels';
import { inputClass } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { searchItems, SEARCH_QUERY_MAX } from '@/lib/content/search';
import { formatNumber, plural } from '@/lib/format';

export const metadata: Metadata = { title: 'Search the modules' };

/**
 * Every module item (criteria, knowledge, outcomes, range) found by its words or its reference, grouped by module.
 * Public, like the modules themselves; the header's search box sends here.
 */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.slice(0, SEARCH_QUERY_MAX) : '';
  const result = searchItems(q);
  return (
    <>
      <PageHeader
        title="Search the modules"
        lead="Find any criterion, knowledge item, outcome or range item by its words, or by its reference: “AC 2.4”, “PC 3”, “EE2 PC 12”."
      />
      <form method="get" action="/search" role="search" aria-label="Search the modules" className="mb-6 flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          Words or a reference
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={SEARCH_QUERY_MAX}
          className={`${inputClass} max-w-xl`}
        />
        <button type="submit" className={buttonClass({ size: 'touch' })}>
          Search
        </button>
      </form>
      {!result.query ? (
        <p className="text-muted">Type a few words from a criterion, or its reference.</p>
      ) : result.total === 0 ? (
        <p role="status" data-testid="search-summary">
          Nothing in the modules matches “{result.query}”. Try fewer words, or a reference like “AC 2.4”.
        </p>
      ) : (
        <>
          <p role="status" className="mb-4 text-sm text-muted" data-testid="search-summary">
            {plural(result.total, 'item')} in {plural(result.groups.length, 'module')}{' '}
            {result.total === 1 ? 'matches' : 'match'} “{result.query}”
            {result.truncated ? `; the first ${formatNumber(100)} are listed, add words to narrow it` : ''}.
          </p>
          <div className="space-y-6">
            {result.groups.map((g) => (
              <section key={g.module.slug} aria-labelledby={`search-${g.module.slug}`}>
                <h2 id={`search-${g.module.slug}`} className="text-lg font-semibold text-brand-900">
                  <Link href={moduleHref(g.module.slug)} className="hover:underline">
                    {g.module.code} {g.module.title}
                  </Link>
                </h2>
                <ul className="mt-2 divide-y divide-line rounded-xl border border-line bg-white shadow-sm">
                  {g.hits.map(({ item }) => (
                    <li key={item.id} className="p-3">
                      <Link href={itemHref(item)} className="font-semibold text-brand-700 underline">
                        {g.module.code} {item.kind === 'range' ? 'range item' : itemShortLabel(item)}
                      </Link>{' '}
                      <span className="text-xs text-muted">{ITEM_KIND_NAME[item.kind]}</span>
                      <p className="mt-0.5 text-sm">{item.text}</p>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
    </>
  );
}
