import type { ModuleData } from '@/lib/content';
import { FactsList } from './FactsList';
import type { StatusFor } from './ItemParts';
import { worksheetHref } from './labels';
import { ModuleBody } from './ModuleBody';
import type { BodyPart } from './body-parts.server';
import { ModuleItems } from './ModuleItems';
import { PortfolioGuidance, RelatedUnits } from './ModuleExtras';

/**
 * The main column of a module page: facts, teaching text, items, portfolio guidance and related units.
 * The same for every reader except the statuses (statusFor): the module page is built once per release with an
 * empty placeholder for each status, filled in after load (live-statuses.tsx).
 */
export function ModuleMain({ module: mod, body, statusFor }: { module: ModuleData; body: readonly BodyPart[]; statusFor?: StatusFor }) {
  return (
    <>
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
            <strong className="font-semibold">Fill this worksheet in online.</strong> Read the guidance below, then open
            the worksheet to write your answers, save them and share them with your Enterprise Coach.
          </p>
          <a
            href={worksheetHref(mod.slug)}
            className="inline-flex shrink-0 items-center justify-center gap-2 rounded-md bg-white px-4 py-2 text-sm font-semibold text-brand-700 shadow-sm hover:bg-brand-50"
          >
            Open the worksheet
            <span aria-hidden="true">→</span>
          </a>
        </div>
      ) : null}

      <div id="overview" className="mt-8 scroll-mt-6">
        <ModuleBody module={mod} parts={body} />
      </div>

      <ModuleItems module={mod} statusFor={statusFor} />
      <PortfolioGuidance module={mod} />
      <RelatedUnits units={mod.relatedUnits} />
    </>
  );
}
