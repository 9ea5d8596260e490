import type { ModuleData } from '@/lib/content';
import { FactsList } from './FactsList';
import { type StatusFor } from './ItemParts';
import { MODULE_KIND_LABEL, worksheetHref } from './labels';
import type { BodyPart } from './mdx-html';
import { ModuleBody } from './ModuleBody';
import { itemSections, ModuleItems } from './ModuleItems';
import { PortfolioGuidance, RelatedUnits } from './ModuleExtras';
import { PrintButton } from './PrintButton';
import { ProgressMeter, type ProgressNumbers } from './ProgressMeter';

export interface ModuleViewProps {
  module: ModuleData;
  body: readonly BodyPart[];
  /** The signed-in learner's progress; absent for staff. */
  progress?: ProgressNumbers | null;
  statusFor?: StatusFor;
}

/** A module page's content: everything below the app header, from data the page has already loaded. */
export function ModuleView({ module: mod, body, progress, statusFor }: ModuleViewProps) {
  const toc = [
    { href: '#overview', label: 'Overview' },
    ...(mod.worksheet?.sections.map((s) => ({ href: `#exercise-${s.id}`, label: s.title })) ?? []),
    ...itemSections(mod).map((s) => ({ href: `#${s.anchor}`, label: s.title })),
    ...(mod.reportRules || mod.guidance?.length ? [{ href: '#portfolio', label: 'Portfolio of evidence' }] : []),
    ...(mod.relatedUnits.length ? [{ href: '#related', label: 'Related units' }] : []),
  ];
  return (
    <article>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-muted">
          <li>
            <a href="/modules" className="text-brand-600 underline-offset-2 hover:underline">
              Modules
            </a>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="truncate">
            {mod.code}
          </li>
        </ol>
      </nav>

      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="rounded-full bg-brand-100 px-2.5 py-0.5 font-semibold text-brand-900">{MODULE_KIND_LABEL[mod.kind]}</span>
            <span className="font-semibold text-muted">{mod.code}</span>
            {mod.level !== undefined ? <span className="text-muted">· Level {mod.level}</span> : null}
          </p>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-brand-900 sm:text-3xl">{mod.title}</h1>
          <p className="mt-1 max-w-2xl text-muted">{mod.summary}</p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <PrintButton />
        </div>
      </header>

      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-10">
        <div className="min-w-0">
          {progress ? (
            <section aria-label="Your progress" className="mb-6 rounded-xl border border-line bg-white px-4 py-3 shadow-sm lg:hidden">
              <ProgressMeter {...progress} />
            </section>
          ) : null}

          {mod.facts.length ? (
            <section aria-labelledby="facts" className="print-break-avoid rounded-xl border border-line bg-white px-4 py-4 shadow-sm sm:px-5">
              <h2 id="facts" className="mb-3 text-base font-semibold text-brand-900">
                Key facts
              </h2>
              <FactsList facts={mod.facts} />
            </section>
          ) : null}

          {mod.worksheet ? (
            <div className="no-print mt-6 flex flex-col gap-3 rounded-xl bg-brand-700 px-5 py-4 text-white sm:flex-row sm:items-center sm:justify-between">
              <p className="max-w-lg">
                <strong className="font-semibold">Fill this worksheet in online.</strong> Read the guidance below, then
                open the worksheet to write your answers, save them and share them with your Enterprise Coach.
              </p>
              <WorksheetLink slug={mod.slug} />
            </div>
          ) : null}

          <div id="overview" className="mt-8 scroll-mt-6">
            <ModuleBody module={mod} parts={body} />
          </div>

          <ModuleItems module={mod} statusFor={statusFor} />
          <PortfolioGuidance module={mod} />
          <RelatedUnits units={mod.relatedUnits} />
        </div>

        <aside className="no-print hidden lg:block">
          <div className="sticky top-6 space-y-5">
            {progress ? (
              <section aria-label="Your progress" className="rounded-xl border border-line bg-white px-4 py-3 shadow-sm">
                <h2 className="mb-2 text-sm font-semibold text-brand-900">Your progress</h2>
                <ProgressMeter {...progress} compact />
              </section>
            ) : null}
            <nav aria-label="On this page" className="text-sm">
              <h2 className="mb-2 font-semibold text-brand-900">On this page</h2>
              <ul className="space-y-1 border-l border-line">
                {toc.map((t) => (
                  <li key={t.href}>
                    <a href={t.href} className="-ml-px block border-l-2 border-transparent py-0.5 pl-3 text-muted hover:border-brand-500 hover:text-brand-700">
                      {t.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </aside>
      </div>
    </article>
  );
}

function WorksheetLink({ slug }: { slug: string }) {
  return (
    <a
      href={worksheetHref(slug)}
      className="inline-flex shrink-0 items-center justify-center gap-2 rounded-md bg-white px-4 py-2 text-sm font-semibold text-brand-700 shadow-sm hover:bg-brand-50"
    >
      Open the worksheet
      <span aria-hidden="true">→</span>
    </a>
  );
}
