import { isAssessableId, type ModuleData } from '@/lib/content';
import type { BodyPart } from './body-parts.server';
import { MODULE_KIND_LABEL } from './labels';
import { itemSections } from './ModuleItems';
import { ModuleMain } from './ModuleMain';
import { PrintButton } from './PrintButton';
import { LiveModuleProgress, LiveStatusBadges, LiveStatusProvider, type LiveStatuses } from './live-statuses';

export interface ModuleViewProps {
  module: ModuleData;
  /** The teaching text (body-parts.server.ts). */
  body: readonly BodyPart[];
  /** The learner's statuses already known (tests); pages leave it out and they are fetched after load. */
  live?: LiveStatuses | null;
}

/** Where a criterion's status goes: an empty element that LiveStatusBadges fills in after load. */
const statusPlaceholder = (item: { id: string }) => (isAssessableId(item.id) ? <span data-status-for={item.id} /> : null);

/** A module page: header, the main column, and a side column with progress and contents (the learner's own filled in after load). */
export function ModuleView({ module: mod, body, live }: ModuleViewProps) {
  const toc = [
    { href: '#overview', label: 'Overview' },
    ...(mod.worksheet?.sections.map((s) => ({ href: `#exercise-${s.id}`, label: s.title })) ?? []),
    ...itemSections(mod).map((s) => ({ href: `#${s.anchor}`, label: s.title })),
    ...(mod.reportRules || mod.guidance?.length ? [{ href: '#portfolio', label: 'Portfolio of evidence' }] : []),
    ...(mod.relatedUnits.length ? [{ href: '#related', label: 'Related units' }] : []),
  ];
  return (
    <LiveStatusProvider slug={mod.slug} initial={live}>
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
            <LiveModuleProgress headingId="progress-narrow" className="mb-6 rounded-xl border border-line bg-white px-4 py-3 shadow-sm lg:hidden" />

            <div>
              <ModuleMain module={mod} body={body} statusFor={statusPlaceholder} />
            </div>
          </div>

          <aside className="no-print hidden lg:block">
            <div className="sticky top-6 space-y-5">
              <LiveModuleProgress headingId="progress-wide" className="rounded-xl border border-line bg-white px-4 py-3 shadow-sm" />
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
        <LiveStatusBadges />
      </article>
    </LiveStatusProvider>
  );
}
